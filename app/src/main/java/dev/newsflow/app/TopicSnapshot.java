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

  /** The latest value of every key (a tombstone removes the key), in the order of the latest writes. */
  public static <V> Map<String, V> read(NewsflowConfig config, Topic<String, V> topic, Duration timeout) {
    Map<String, V> latest = new LinkedHashMap<>();
    readEach(config, topic, timeout, (key, value) -> {
      if (key == null) {
        return;
      }
      latest.remove(key); // keep the order of the latest writes
      if (value != null) {
        latest.put(key, value);
      }
    });
    return latest;
  }

  /** Every value on the topic, in each partition's order: for topics that are logs, not tables (the DLQ). */
  public static <V> List<V> readAll(NewsflowConfig config, Topic<String, V> topic, Duration timeout) {
    List<V> all = new java.util.ArrayList<>();
    readEach(config, topic, timeout, (key, value) -> {
      if (value != null) {
        all.add(value);
      }
    });
    return all;
  }

  private static <V> void readEach(NewsflowConfig config, Topic<String, V> topic, Duration timeout,
      java.util.function.BiConsumer<String, V> each) {
    Map<String, Object> props = new HashMap<>(config.kafkaProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-snapshot-" + UUID.randomUUID());
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
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
          each.accept(key, r.value() == null ? null : topic.valueSerde().deserializer().deserialize(topic.name(), r.headers(), r.value()));
        }
      }
    }
  }
}
