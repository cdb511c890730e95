package dev.newsflow.app.cluster;

import dev.newsflow.producer.RecordPublisher;
import java.util.Map;

/**
 * Client settings of the cluster tests, which run beside other builds on a two-core machine. They change
 * timing, never what is proved: the same exactly-once guarantee holds with any of them.
 */
final class ClusterSettings {
  private ClusterSettings() {}

  static Map<String, String> forLoadedMachine() {
    return Map.of(
        // Publishing waits out a broker's death (leader election, a restart) instead of giving up.
        RecordPublisher.PUBLISH_TIMEOUT, "120s",
        // A transaction a second: with three replicas per write, 100 ms commits cost more than the work.
        "kafka.commit.interval.ms", "1000",
        // Kafka Streams' 10 s transactions time out on a starved machine; the coordinator then aborts them
        // and fences the producer, and the thread spends its time rebalancing instead of working.
        "kafka.producer.transaction.timeout.ms", "60000");
  }
}
