package dev.newsflow.app.cluster;

import dev.newsflow.broker.LocalKafkaCluster;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.testkit.TestTopics;
import java.nio.file.Path;
import java.util.Map;

/**
 * Client settings of the cluster tests, which run beside other builds on a two-core machine. They change
 * timing, never what is proved: the same exactly-once guarantee holds with any of them.
 */
final class ClusterSettings {
  private ClusterSettings() {}

  /**
   * newsflow's settings for a test on {@code cluster}: the test's own topics ({@code partitions} each),
   * state and output under {@code work}, with the client settings below.
   */
  static NewsflowConfig config(LocalKafkaCluster cluster, String name, Path work, int partitions) {
    return TestTopics.config(cluster.bootstrapServers(), name, work, partitions).with(forLoadedMachine());
  }

  static Map<String, String> forLoadedMachine() {
    return Map.of(
        // Publishing waits out a broker's death (leader election, a restart) instead of giving up.
        RecordPublisher.PUBLISH_TIMEOUT, "120s",
        // A transaction every 5 s. Each commit waits for the previous transaction's markers on every
        // partition it wrote (three replicas each); on a starved machine 100 ms commits spend the stream
        // thread's time waiting for them (CONCURRENT_TRANSACTIONS retries), not working.
        "kafka.commit.interval.ms", "5000",
        // Kafka Streams' 10 s transactions time out on a starved machine; the coordinator then aborts them
        // and fences the producer, and the thread spends its time rebalancing instead of working.
        "kafka.producer.transaction.timeout.ms", "60000");
  }
}
