package dev.newsflow.topic;

import dev.newsflow.config.NewsflowConfig;
import java.time.Duration;
import java.util.ArrayList;
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
 * Reads a topic from its beginning to its current end (committed records only): what it holds now, nothing
 * published later. The one topic reader of the commands and the tests. Reads without a consumer group, so it
 * never disturbs the pipeline's own consumers.
 */
public final class TopicSnapshot {
  private TopicSnapshot() {}

  /**
   * The latest value of every key, as a compacted topic means it (a tombstone removes the key): the
   * current rule set, the alerts fired so far. In the order of the latest writes.
   */
  public static <V> Map<String, V> read(NewsflowConfig config, Topic<String, V> topic, Duration timeout) {
    Map<String, V> latest = new LinkedHashMap<>();
    for (ConsumerRecord<String, V> r : records(config, topic, timeout)) {
      if (r.key() == null) {
        continue;
      }
      latest.remove(r.key()); // keep the order of the latest writes
      if (r.value() != null) {
        latest.put(r.key(), r.value());
      }
    }
    return latest;
  }

  /** Every value on the topic, in each partition's order: for topics that are logs, not tables (the DLQ). */
  public static <V> List<V> readAll(NewsflowConfig config, Topic<String, V> topic, Duration timeout) {
    List<V> all = new ArrayList<>();
    for (ConsumerRecord<String, V> r : records(config, topic, timeout)) {
      if (r.value() != null) {
        all.add(r.value());
      }
    }
    return all;
  }

  /**
   * Every record on the topic, with its partition, offset and headers, in each partition's order. Fails
   * when the topic does not exist or cannot be read to its end within {@code timeout}.
   */
  public static <K, V> List<ConsumerRecord<K, V>> records(NewsflowConfig config, Topic<K, V> topic, Duration timeout) {
    Map<String, Object> props = new HashMap<>(config.kafkaProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-snapshot-" + UUID.randomUUID());
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    // Bytes, deserialized here: a record the topic's serde refuses fails with the serde's own exception.
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic.name(), timeout);
      if (partitions == null || partitions.isEmpty()) {
        throw new IllegalStateException("topic " + topic.name() + " does not exist; run 'newsflow topics' first");
      }
      List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
      List<ConsumerRecord<K, V>> records = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic.name() + " to its end within " + timeout.toSeconds() + " s");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          records.add(deserialized(topic, r));
        }
      }
      return records;
    }
  }

  private static <K, V> ConsumerRecord<K, V> deserialized(Topic<K, V> topic, ConsumerRecord<byte[], byte[]> r) {
    K key = r.key() == null ? null : topic.keySerde().deserializer().deserialize(topic.name(), r.headers(), r.key());
    V value = r.value() == null ? null
        : topic.valueSerde().deserializer().deserialize(topic.name(), r.headers(), r.value());
    return new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(), r.timestampType(),
        r.serializedKeySize(), r.serializedValueSize(), key, value, r.headers(), r.leaderEpoch());
  }
}
