package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.topic.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from its beginning to its current end (committed records only) and keeps the latest value
 * per key, as a compacted topic means it: the current rule set, the alerts fired so far. Reads without a
 * consumer group, so it never disturbs the pipeline's own consumers.
 */
public final class TopicSnapshot {
  private TopicSnapshot() {}

  public static <V> Map<String, V> read(NewsflowConfig config, Topic<String, V> topic, Duration timeout) {
    Map<String, Object> props = new HashMap<>(config.kafkaProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-snapshot-" + UUID.randomUUID());
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    Map<String, V> latest = new LinkedHashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic.name(), timeout);
      if (partitions == null || partitions.isEmpty()) {
        throw new IllegalStateException("topic " + topic.name() + " does not exist; run 'newsflow topics' first");
      }
      List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic.name() + " to its end within " + timeout.toSeconds() + " s");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String key = r.key() == null ? null : topic.keySerde().deserializer().deserialize(topic.name(), r.key());
          if (key == null) {
            continue;
          }
          if (r.value() == null) {
            latest.remove(key);
          } else {
            latest.remove(key); // keep the order of the latest writes
            latest.put(key, topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
          }
        }
      }
    }
    return latest;
  }
}
