package dev.newsflow.consumer;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.contract.Sha256;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer settings the sinks share, and the stop of their polling threads. Every sink reads only
 * committed transactions (the streams application writes exactly once) and commits by itself; any
 * {@code kafka.*} setting overrides these.
 */
public final class SinkConsumers {
  private SinkConsumers() {}

  /**
   * The consumer group of a sink that writes to {@code destination} (a folder, a database URL, a set of
   * webhooks): {@code <application.id><suffix>-<8 hex digits of the destination's SHA-256>}. Writers to
   * the same destination share the partitions between them; a writer to another destination reads every
   * partition, whatever else is running.
   */
  public static String groupFor(NewsflowConfig config, String suffix, String destination) {
    return config.applicationId() + suffix + "-" + Sha256.hex(destination, 4);
  }

  /** A member of consumer group {@code groupId} that commits explicitly and starts at the oldest record. */
  public static Map<String, Object> inGroup(NewsflowConfig config, String groupId, String clientId) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return common(props, config, clientId);
  }

  /** A reader that assigns itself partitions: no group, nothing committed, no one disturbed. */
  public static Map<String, Object> withoutGroup(NewsflowConfig config, String clientId) {
    Map<String, Object> props = common(new HashMap<>(), config, clientId);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return props;
  }

  private static Map<String, Object> common(Map<String, Object> props, NewsflowConfig config, String clientId) {
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.putAll(config.kafkaProperties());
    return props;
  }

  /**
   * Every partition of {@code topic}, in order, for a reader that assigns itself partitions; fails clearly
   * when the topic does not exist.
   */
  public static List<TopicPartition> partitions(Consumer<?, ?> consumer, String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " does not exist; create the topics first (newsflow topics)");
    }
    return infos.stream().map(p -> new TopicPartition(topic, p.partition()))
        .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
  }

  /** Waits up to {@code timeout} for a sink's thread to finish after it was told to stop. */
  public static void join(Thread thread, Duration timeout) {
    if (thread == null) {
      return;
    }
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
