package dev.newsflow.app;

import dev.newsflow.config.ConfigException;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.streams.state.RetiredStores;
import dev.newsflow.topic.AccessDenied;
import dev.newsflow.topic.Replication;
import dev.newsflow.topic.TopicAdmin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a command opens Kafka: the configuration is checked, the cluster is reached (a
 * line says so while it is awaited, and an unreachable cluster is one clear line naming its address
 * within {@code publish.timeout}), and newsflow's topics are made sure of (a compacted topic must be
 * created compacted, never auto-created). Every command that talks to Kafka starts here, so a wrong
 * {@code --bootstrap-servers} fails the same way everywhere.
 */
final class KafkaCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);
  /** After this long without an answer, say that the cluster is being waited for. */
  private static final Duration QUIET_WAIT = Duration.ofSeconds(1);

  private final NewsflowConfig config;
  private final Duration timeout;
  private final Admin admin;
  private final List<String> created;
  private RecordPublisher publisher;

  private KafkaCluster(NewsflowConfig config, Duration timeout, Admin admin, List<String> created) {
    this.config = config;
    this.timeout = timeout;
    this.admin = admin;
    this.created = created;
  }

  /** Checks the configuration, reaches the cluster and creates the missing topics, or fails with one line. */
  static KafkaCluster open(NewsflowConfig config) {
    validate(config);
    Duration timeout = timeout(config);
    refuseWhatIsNotKafka(config, timeout);
    Admin admin = createAdmin(config, timeout);
    try {
      awaitAnswer(admin, config.bootstrapServers(), timeout);
      List<String> created = TopicAdmin.ensure(admin, config.topics().all(), config.partitions(),
          config.replicationFactor(), timeout);
      return new KafkaCluster(withReplication(config, admin, timeout), timeout, admin, created);
    } catch (RuntimeException e) {
      admin.close(Duration.ZERO);
      Optional<String> denied = AccessDenied.explain(e, config, "CREATE");
      if (denied.isPresent()) {
        throw new ClusterUnreachableException(denied.get(), e);
      }
      throw e;
    }
  }

  /**
   * Fails with one line when a bootstrap address answers but not as a Kafka broker (a database's port, say), before
   * a Kafka client reads that answer as a size ({@link KafkaListenerProbe}). The probe speaks plaintext only.
   */
  private static void refuseWhatIsNotKafka(NewsflowConfig config, Duration timeout) {
    Object protocol = config.kafkaProperties().get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
    if (protocol != null && !protocol.toString().trim().equalsIgnoreCase("PLAINTEXT")) {
      return;
    }
    for (String address : config.bootstrapServers().split(",")) {
      String host = Utils.getHost(address.trim());
      Integer port = Utils.getPort(address.trim());
      if (host == null || port == null) {
        continue; // not HOST:PORT: the admin client refuses it with its reason
      }
      Optional<String> problem = KafkaListenerProbe.notKafka(host, port, timeout);
      if (problem.isPresent()) {
        throw new ConfigException(NewsflowConfig.BOOTSTRAP_SERVERS + " (from " + config.origin(NewsflowConfig.BOOTSTRAP_SERVERS)
            + "): " + address.trim() + " answers, but not as a Kafka broker: " + problem.get() + "; give the port of a "
            + "Kafka listener (9092 unless set otherwise), e.g. --bootstrap-servers " + host + ":9092");
      }
    }
  }

  /**
   * The admin client, or a {@link ConfigException} naming what Kafka's clients refused before connecting: an
   * address that is not HOST:PORT or that does not resolve, a {@code kafka.*} value out of range.
   */
  private static Admin createAdmin(NewsflowConfig config, Duration timeout) {
    try {
      return Admin.create(TopicAdmin.boundedAdminProperties(config.kafkaProperties(), timeout));
    } catch (KafkaException e) {
      Throwable refusal = e;
      while (refusal != null && !(refusal instanceof org.apache.kafka.common.config.ConfigException)) {
        refusal = refusal.getCause();
      }
      if (refusal == null) {
        throw e;
      }
      if (refusal.getMessage().contains(NewsflowConfig.BOOTSTRAP_SERVERS)) {
        throw new ConfigException(NewsflowConfig.BOOTSTRAP_SERVERS + " (from " + config.origin(NewsflowConfig.BOOTSTRAP_SERVERS)
            + ") is '" + config.bootstrapServers() + "': " + refusal.getMessage() + "; give HOST:PORT[,HOST:PORT...] of "
            + "brokers whose names resolve here, e.g. --bootstrap-servers 127.0.0.1:9092", e);
      }
      throw new ConfigException("the Kafka clients refused their settings (kafka.* keys, publish.timeout): "
          + refusal.getMessage(), e);
    }
  }

  /**
   * The configuration with {@code topic.replication.factor} decided, when it was not set, by the
   * cluster's size ({@link Replication#forBrokers}), so that Kafka Streams replicates its internal
   * topics as newsflow's own are.
   */
  private static NewsflowConfig withReplication(NewsflowConfig config, Admin admin, Duration timeout) {
    if (config.replicationFactor().isPresent()) {
      return config;
    }
    try {
      Replication r = TopicAdmin.replication(admin, Optional.empty(), timeout);
      return config.with(NewsflowConfig.TOPIC_REPLICATION_FACTOR, Short.toString(r.factor()));
    } catch (ExecutionException | TimeoutException e) {
      throw new ClusterUnreachableException(unreachable(config.bootstrapServers(), timeout), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterUnreachableException("interrupted while asking the Kafka cluster at "
          + config.bootstrapServers() + " for its brokers", e);
    }
  }

  /** The settings every command must get right before anything starts. */
  static void validate(NewsflowConfig config) {
    config.topics();
    config.partitions();
    config.replicationFactor();
    timeout(config);
    String guarantee = config.processingGuarantee();
    if (!guarantee.equals("exactly_once_v2") && !guarantee.equals("at_least_once")) {
      throw new ConfigException(NewsflowConfig.PROCESSING_GUARANTEE + " (from " + config.origin(NewsflowConfig.PROCESSING_GUARANTEE)
          + "): must be exactly_once_v2 or at_least_once, got '" + guarantee + "'");
    }
  }

  /** How long a command waits for the cluster before giving up: {@code publish.timeout}. */
  static Duration timeout(NewsflowConfig config) {
    return config.getDuration(RecordPublisher.PUBLISH_TIMEOUT, Duration.ofSeconds(30));
  }

  /** The one message for a cluster that does not answer, whichever command met it. */
  static String unreachable(String bootstrapServers, Duration timeout) {
    return "the Kafka cluster at " + bootstrapServers + " did not answer within " + seconds(timeout) + " s ("
        + RecordPublisher.PUBLISH_TIMEOUT + "); is it running, and is --bootstrap-servers right?";
  }

  private static void awaitAnswer(Admin admin, String bootstrapServers, Duration timeout) {
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kafka-wait-progress");
      t.setDaemon(true);
      return t;
    });
    progress.schedule(() -> Console.say("waiting for the Kafka cluster at " + bootstrapServers + " (up to "
        + seconds(timeout) + " s)..."), QUIET_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    try {
      admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new ClusterUnreachableException(unreachable(bootstrapServers, timeout), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw new ClusterUnreachableException(unreachable(bootstrapServers, timeout), e.getCause());
      }
      throw new ClusterUnreachableException("cannot use the Kafka cluster at " + bootstrapServers + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterUnreachableException("interrupted while waiting for the Kafka cluster at " + bootstrapServers, e);
    } finally {
      progress.shutdownNow();
    }
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0);
  }

  /** The configuration, with {@code topic.replication.factor} decided by the cluster when it was not set. */
  NewsflowConfig config() {
    return config;
  }

  Duration timeout() {
    return timeout;
  }

  Admin admin() {
    return admin;
  }

  /**
   * Warns, one line each, of the changelogs of stores an earlier version of the streams application kept and this
   * one no longer reads ({@link RetiredStores}). Nothing is said when the topics cannot be listed: the warning is a
   * courtesy, and the streams application reports an unreachable cluster itself.
   */
  void warnOfRetiredStores() {
    try {
      Set<String> topics = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      RetiredStores.warnings(config.applicationId(), topics).forEach(log::warn);
    } catch (ExecutionException | TimeoutException e) {
      log.debug("could not list the topics to look for retired stores", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The topics this open created (those that were missing). */
  List<String> createdTopics() {
    return created;
  }

  /** The publisher of this cluster, opened on first use and closed with it. */
  RecordPublisher publisher() {
    return publisher(new CompositeMeterRegistry(), "publish");
  }

  /** The same, metering into {@code registry} as {@code stage} (records out, the Kafka producer's own) when it opens it. */
  RecordPublisher publisher(MeterRegistry registry, String stage) {
    if (publisher == null) {
      publisher = new RecordPublisher(config, registry, stage);
    }
    return publisher;
  }

  @Override
  public void close() {
    if (publisher != null) {
      publisher.close();
    }
    admin.close(Duration.ofSeconds(2));
  }

  /** The cluster could not be reached or used; the message says which and why, in one line. */
  static final class ClusterUnreachableException extends IllegalStateException {
    ClusterUnreachableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
