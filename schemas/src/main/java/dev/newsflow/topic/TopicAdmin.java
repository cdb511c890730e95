package dev.newsflow.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates newsflow's topics where they are missing, with the partitions and cleanup policy each needs. */
public final class TopicAdmin {
  /**
   * {@code message.timestamp.after.max.ms} of the topics that keep a record's own time: no limit. Kafka 4 refuses,
   * by default, a record stamped more than an hour ahead of the broker's clock, and the streams application stamps
   * its records with their event time, which {@code articles.max.future} (1 day by default) lets be ahead of the
   * clock: one article dated three hours ahead stopped every stream thread that sent it on. newsflow's own rule
   * judges how far ahead a time may be; the broker's must not refuse what it admits.
   */
  public static final String ANY_TIME_AHEAD = Long.toString(Long.MAX_VALUE);

  private TopicAdmin() {}

  /**
   * Compacted topics keep the latest value per key. The others are retained by time, and that time is
   * when a record arrived (LogAppendTime), never the story's own date: a record stamped with 1987's
   * publication time, or a window of last February, must not be deleted the moment it is written.
   * Event time travels inside the records. A compacted topic keeps the record's own time (CreateTime), which the
   * streams application sets to the event time, so it takes any time ahead ({@link #ANY_TIME_AHEAD}).
   */
  static Map<String, String> configs(Topic<?, ?> topic, Replication replication) {
    String minIsr = Integer.toString(replication.minInsyncReplicas());
    if (topic.compacted()) {
      return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
          TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minIsr,
          TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, ANY_TIME_AHEAD);
    }
    return Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime",
        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minIsr);
  }

  /**
   * The replication of the topics to create: {@code configured} ({@code topic.replication.factor}) when
   * set, otherwise {@link Replication#forBrokers} for the brokers the cluster has now.
   */
  public static Replication replication(Admin admin, Optional<Short> configured, Duration timeout)
      throws ExecutionException, TimeoutException, InterruptedException {
    if (configured.isPresent()) {
      return Replication.forFactor(configured.get());
    }
    int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
    return Replication.forBrokers(Math.max(1, brokers));
  }

  /** Admin client properties that fail within {@code timeout} when the cluster cannot be reached. */
  public static Map<String, Object> boundedAdminProperties(Map<String, Object> clientProps, Duration timeout) {
    Map<String, Object> props = new java.util.HashMap<>(clientProps);
    int ms = (int) timeout.toMillis();
    props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
    props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(ms, 10_000));
    return props;
  }

  /**
   * Creates each of {@code wanted} that does not exist yet and returns the names it created, replicated
   * as {@link #replication} says. Fails with a message naming the cluster when it cannot be reached
   * within {@code timeout}.
   */
  public static List<String> ensure(Admin admin, Collection<? extends Topic<?, ?>> wanted, int partitions,
      Optional<Short> replicationFactor, Duration timeout) {
    try {
      Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      List<? extends Topic<?, ?>> absent = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
      if (absent.isEmpty()) {
        return List.of();
      }
      Replication replication = replication(admin, replicationFactor, timeout);
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?, ?> topic : absent) {
        NewTopic t = new NewTopic(topic.name(), Optional.of(partitions), Optional.of(replication.factor()));
        t.configs(configs(topic, replication));
        missing.add(t);
      }
      List<String> created = new ArrayList<>();
      var results = admin.createTopics(missing).values();
      for (var entry : results.entrySet()) {
        try {
          entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          created.add(entry.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + entry.getKey() + ": " + e.getCause().getMessage(), e.getCause());
          }
        }
      }
      awaitLeaders(admin, created, timeout);
      return created;
    } catch (TimeoutException e) {
      throw new IllegalStateException("the Kafka cluster did not answer within " + timeout.toSeconds()
          + " s; is it running and is bootstrap.servers right?", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /**
   * The topics of {@code wanted} that must keep the latest value per key ({@link Topic#compacted}) but whose
   * {@code cleanup.policy} has no {@code compact}, each with the policy it has, in {@code wanted}'s order. Such a
   * topic (created by hand, or auto-created by a broker) deletes its records after {@code retention.ms}, and with
   * them the companies, rules or summaries it holds.
   */
  public static Map<String, String> uncompacted(Admin admin, Collection<? extends Topic<?, ?>> wanted, Duration timeout)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<ConfigResource> compacted = wanted.stream().filter(Topic::compacted)
        .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
    Map<ConfigResource, Config> configs = describeConfigs(admin, compacted, timeout);
    Map<String, String> wrong = new LinkedHashMap<>();
    for (ConfigResource topic : compacted) {
      ConfigEntry policy = configs.get(topic).get(TopicConfig.CLEANUP_POLICY_CONFIG);
      String value = policy == null || policy.value() == null ? "" : policy.value();
      if (!List.of(value.replace(" ", "").split(",")).contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
        wrong.put(topic.name(), value);
      }
    }
    return wrong;
  }

  /**
   * The partition count of each of {@code wanted} that exists, by name, in {@code wanted}'s order. {@code
   * topic.partitions} applies to the topics newsflow creates; one created by hand or by another tool keeps its own.
   */
  public static Map<String, Integer> partitions(Admin admin, Collection<? extends Topic<?, ?>> wanted, Duration timeout)
      throws ExecutionException, InterruptedException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    List<String> names = wanted.stream().map(Topic::name).filter(existing::contains).toList();
    Map<String, TopicDescription> described = askedAgainWhileUnknown(timeout,
        () -> admin.describeTopics(names).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    Map<String, Integer> counts = new LinkedHashMap<>();
    names.forEach(name -> counts.put(name, described.get(name).partitions().size()));
    return counts;
  }

  /**
   * The configs of {@code resources}, asked again while a broker does not know a topic yet: a topic just created
   * reaches the other brokers' metadata a moment later, and the broker that answers may be one of them.
   */
  public static Map<ConfigResource, Config> describeConfigs(Admin admin, Collection<ConfigResource> resources,
      Duration timeout) throws ExecutionException, InterruptedException, TimeoutException {
    return askedAgainWhileUnknown(timeout,
        () -> admin.describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** An admin request about topics. */
  private interface AdminCall<T> {
    T get() throws ExecutionException, InterruptedException, TimeoutException;
  }

  /** {@code call}, asked again until {@code timeout} while the broker that answers does not know one of its topics. */
  private static <T> T askedAgainWhileUnknown(Duration timeout, AdminCall<T> call)
      throws ExecutionException, InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return call.get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw e;
        }
      }
      Thread.sleep(100);
    }
  }

  /**
   * Waits until the new topics are described with a leader for every partition: on a cluster a topic just
   * created reaches the other brokers' metadata a moment later, and a client asking one of them first would
   * be told the topic does not exist.
   */
  private static void awaitLeaders(Admin admin, List<String> names, Duration timeout)
      throws InterruptedException, TimeoutException {
    if (names.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (described.values().stream().allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null))) {
          awaitLeading(admin, described, deadline);
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new IllegalStateException("cannot describe the new topics: " + e.getCause().getMessage(), e.getCause());
        }
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("the new topics " + names + " had no leader within " + timeout.toSeconds() + " s");
      }
      Thread.sleep(100);
    }
  }

  /**
   * Waits until each partition's leader answers for it. A broker shows a new partition's leader in its metadata a
   * moment before that leader takes writes, and a produce request in that moment is refused (NOT_LEADER_OR_FOLLOWER).
   * An idempotent producer with several requests in flight can then have a later batch written first, and retries
   * the refused one as out of order until it expires (KAFKA-15591; the 4.4 broker accepts any first sequence of a
   * producer it has no state for): newsflow's first publish to a topic it had just created failed so, seen in
   * {@code PipelineIT}. A ListOffsets request is answered by the leader only, so once every partition has answered
   * one, a first write goes through.
   */
  private static void awaitLeading(Admin admin, Map<String, TopicDescription> described, long deadline)
      throws InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    described.forEach((name, d) -> d.partitions().forEach(p -> partitions.put(new TopicPartition(name, p.partition()),
        OffsetSpec.latest())));
    while (true) {
      long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      try {
        admin.listOffsets(partitions).all().get(left, TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException)) {
          throw new IllegalStateException("cannot read the new topics' offsets: " + e.getCause().getMessage(), e.getCause());
        }
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("the leaders of the new topics " + described.keySet() + " did not answer within the"
            + " time given");
      }
      Thread.sleep(100);
    }
  }
}
