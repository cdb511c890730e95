package dev.newsflow.producer;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.testkit.Poll;
import dev.newsflow.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a topic from the beginning to its current end: everything published to it so far, nothing more. */
public final class TopicContent {
  private TopicContent() {}

  public static <V> List<ConsumerRecord<String, V>> readAll(NewsflowConfig config, Topic<String, V> topic) {
    Map<String, Object> props = new HashMap<>(config.kafkaProperties());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
        topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      List<ConsumerRecord<String, V>> records = new ArrayList<>();
      Poll.until(Duration.ofSeconds(30), "the end of " + topic.name(), () -> {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
      });
      return records;
    }
  }
}
