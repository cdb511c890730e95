package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.topic.TopicAdmin;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says when a long-running stage loses its Kafka cluster and when it has it back. The Kafka clients wait
 * and reconnect on their own, logging only at levels newsflow keeps quiet; without this a stage whose
 * broker went away would sit silent. Every {@code every} it asks the cluster to describe itself; after
 * {@code quietFor} without an answer it logs a WARN line naming the address, repeats it each minute
 * while the cluster stays away, and logs an INFO line with the outage's length once it answers again.
 */
final class ClusterWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterWatch.class);
  static final String EVERY = "cluster.watch.interval";
  static final String QUIET_FOR = "cluster.watch.after";
  private static final Duration REPEAT = Duration.ofMinutes(1);

  private final String stage;
  private final String bootstrapServers;
  private final Admin admin;
  private final Duration every;
  private final Duration quietFor;
  private final ScheduledExecutorService timer;
  private long lastAnswerNanos = System.nanoTime();
  private long saidAtNanos;
  private boolean away;

  private ClusterWatch(String stage, NewsflowConfig config) {
    this.stage = stage;
    this.bootstrapServers = config.bootstrapServers();
    this.every = config.getDuration(EVERY, Duration.ofSeconds(2));
    this.quietFor = config.getDuration(QUIET_FOR, Duration.ofSeconds(5));
    this.admin = Admin.create(TopicAdmin.boundedAdminProperties(config.kafkaProperties(), every.plusSeconds(3)));
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, stage + "-cluster-watch");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts watching the cluster of {@code config} on behalf of {@code stage} (a name for the log lines). */
  static ClusterWatch start(String stage, NewsflowConfig config) {
    ClusterWatch watch = new ClusterWatch(stage, config);
    watch.timer.scheduleWithFixedDelay(watch::check, 0, watch.every.toMillis(), TimeUnit.MILLISECONDS);
    return watch;
  }

  private void check() {
    boolean answered;
    try {
      admin.describeCluster().clusterId().get(every.toMillis() + 3_000, TimeUnit.MILLISECONDS);
      answered = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      answered = false;
    }
    long now = System.nanoTime();
    if (answered) {
      if (away) {
        log.info("the Kafka cluster at {} answers again after {} s without it; {} resumes where it stopped",
            bootstrapServers, seconds(now - lastAnswerNanos), stage);
        away = false;
      }
      lastAnswerNanos = now;
      return;
    }
    long silentNanos = now - lastAnswerNanos;
    if (silentNanos < quietFor.toNanos()) {
      return;
    }
    if (!away || now - saidAtNanos >= REPEAT.toNanos()) {
      log.warn("the Kafka cluster at {} has not answered for {} s; {} waits for it and resumes where it stopped "
          + "(nothing is lost)", bootstrapServers, seconds(silentNanos), stage);
      away = true;
      saidAtNanos = now;
    }
  }

  private static long seconds(long nanos) {
    return Math.round(nanos / 1e9);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    admin.close(Duration.ofSeconds(1));
  }
}
