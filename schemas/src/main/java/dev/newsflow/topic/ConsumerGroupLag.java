package dev.newsflow.topic;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far consumer groups (a Kafka Streams application id is one) have read the topics they consume:
 * for each group and topic, the end of the committed data and the group's committed position, summed
 * over the topic's partitions. A partition the group has never committed counts from offset 0.
 */
public final class ConsumerGroupLag {
  private final Admin admin;
  private final Map<String, Set<String>> topicsByGroup;

  /** {@code topicsByGroup}: each consumer group and the topics it must consume. */
  public ConsumerGroupLag(Admin admin, Map<String, ? extends Collection<String>> topicsByGroup) {
    this.admin = admin;
    Map<String, Set<String>> copy = new HashMap<>();
    topicsByGroup.forEach((group, topics) -> copy.put(group, Set.copyOf(topics)));
    this.topicsByGroup = Map.copyOf(copy);
  }

  /** Where a group stands in one topic, summed over its partitions. */
  public record Position(long end, long committed) {
    /** Records the group still has to read. */
    public long lag() {
      return Math.max(0, end - committed);
    }
  }

  /** One reading: group to topic to {@link Position}. */
  public record Snapshot(Map<String, Map<String, Position>> byGroup) {
    /** Records {@code group} still has to read, over all its topics. */
    public long lag(String group) {
      return byGroup.getOrDefault(group, Map.of()).values().stream().mapToLong(Position::lag).sum();
    }

    /** The end of the committed data of {@code group}'s topics, summed: how much was ever written to them. */
    public long end(String group) {
      return byGroup.getOrDefault(group, Map.of()).values().stream().mapToLong(Position::end).sum();
    }

    /** Where {@code group} stands in {@code topic}; zeros when it does not read it. */
    public Position position(String group, String topic) {
      return byGroup.getOrDefault(group, Map.of()).getOrDefault(topic, new Position(0, 0));
    }

    /** The groups that still have records to read, with how many; empty when every group has caught up. */
    public Map<String, Long> lagging() {
      Map<String, Long> out = new TreeMap<>();
      byGroup.keySet().forEach(group -> {
        long lag = lag(group);
        if (lag > 0) {
          out.put(group, lag);
        }
      });
      return out;
    }
  }

  /** Reads every group's position now; each request is bounded to 10 s. */
  public Snapshot read() throws ExecutionException, InterruptedException, TimeoutException {
    Set<String> allTopics = new HashSet<>();
    topicsByGroup.values().forEach(allTopics::addAll);
    Map<String, TopicDescription> described = admin.describeTopics(allTopics).allTopicNames().get(10, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    described.values().forEach(d -> d.partitions().forEach(p ->
        request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, Long> ends = new HashMap<>();
    // Read committed: records of open or aborted transactions are nothing a consumer can be behind on.
    admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS)
        .forEach((tp, info) -> ends.put(tp, info.offset()));

    Map<String, Map<String, Position>> byGroup = new HashMap<>();
    for (Map.Entry<String, Set<String>> group : topicsByGroup.entrySet()) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      Map<String, Position> positions = new HashMap<>();
      for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
        String topic = end.getKey().topic();
        if (group.getValue().contains(topic)) {
          OffsetAndMetadata c = committed.get(end.getKey());
          long at = c == null ? 0 : Math.min(c.offset(), end.getValue());
          positions.merge(topic, new Position(end.getValue(), at),
              (a, b) -> new Position(a.end() + b.end(), a.committed() + b.committed()));
        }
      }
      byGroup.put(group.getKey(), positions);
    }
    return new Snapshot(byGroup);
  }
}
