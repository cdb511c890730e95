package dev.newsflow.topic;

/**
 * How many copies of each partition newsflow's topics keep, and how many must have a write before it
 * counts ({@code min.insync.replicas}; producers send with {@code acks=all}). The rule, owned here for
 * the topics newsflow creates, Kafka Streams' internal topics and the local cluster's own defaults:
 * three replicas where there are three brokers or more, two of them in sync, so that a write survives
 * the loss of any one broker and the topic stays writable while one is down; on a smaller cluster, one
 * replica per broker and one in sync (a second in-sync replica would make a two-broker cluster
 * unwritable as soon as one broker stopped).
 */
public record Replication(short factor, int minInsyncReplicas) {
  public Replication {
    if (factor < 1 || minInsyncReplicas < 1 || minInsyncReplicas > factor) {
      throw new IllegalArgumentException("replication factor " + factor + " with min.insync.replicas "
          + minInsyncReplicas + " is not a usable pair");
    }
  }

  /** The replication for a cluster of {@code brokers} brokers: factor min(3, brokers), 2 in sync from 3 brokers. */
  public static Replication forBrokers(int brokers) {
    if (brokers < 1) {
      throw new IllegalArgumentException("a cluster has at least one broker, not " + brokers);
    }
    return forFactor((short) Math.min(3, brokers));
  }

  /** A factor chosen by the operator ({@code topic.replication.factor}): 2 in sync from 3 replicas, else 1. */
  public static Replication forFactor(short factor) {
    return new Replication(factor, factor >= 3 ? 2 : 1);
  }
}
