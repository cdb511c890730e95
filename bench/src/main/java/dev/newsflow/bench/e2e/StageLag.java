package dev.newsflow.bench.e2e;

import dev.newsflow.bench.jvm.JvmProbe;
import dev.newsflow.topic.ConsumerGroupLag;
import dev.newsflow.topic.TopicAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples, twice a second on its own thread, how far each stage of the pipeline is behind its input.
 * Samples are kept for the whole run, so that any window of it can be judged afterwards ({@link LagTrend}).
 *
 * <p>A stage's lag is its consumer group's committed lag ({@link ConsumerGroupLag}): the sinks commit after
 * every batch and Kafka Streams under {@code exactly_once_v2} every 100 ms. Under {@code at_least_once}
 * Kafka Streams commits only every 30 s, so a committed lag would rise and fall with that period whatever
 * the load; for such a stage ({@link Stage#processedFrom()} set) the lag is the records written to its
 * topics minus the records its stream threads have processed ({@code process-total}, over JMX). That needs
 * topics the application alone reads from their first offset, as the bench's fresh topics are, and no
 * transaction markers in them, which {@code at_least_once} does not write. (The consumer's own position
 * would not do: Kafka Streams fetches far ahead of what it has processed, up to
 * {@code input.buffer.max.bytes}.)
 */
final class StageLag implements AutoCloseable {
  static final Duration INTERVAL = Duration.ofMillis(500);

  /**
   * A stage: its name in reports, its consumer group, the topics it reads, the one of them it is measured
   * by ({@code mainTopic}: whose records it has done), and, for a Kafka Streams application that commits
   * too seldom for its committed lag to mean anything, the probe of its JVM to read what it processed and
   * the output topic ({@code doneTopic}) that gets one record for each record of {@code mainTopic} done.
   */
  record Stage(String name, String group, Set<String> topics, String mainTopic, JvmProbe processedFrom,
      String doneTopic) {
    /** A stage measured by its consumer group's committed offsets. */
    static Stage committing(String name, String group, Set<String> topics, String mainTopic) {
      return new Stage(name, group, topics, mainTopic, null, null);
    }
  }

  /**
   * A stage at one moment: records it has still to process, records ever written to its topics, records
   * of its main topic it has done (committed; for a stage read over JMX, records in its done topic), and
   * records ever written to its main topic.
   */
  record Reading(long lag, long end, long done, long mainEnd) {
    /** Records of the main topic not yet done. */
    long mainLag() {
      return Math.max(0, mainEnd - done);
    }
  }

  /** One reading of every stage, by name, at {@code nanos} ({@link System#nanoTime()}). */
  record Sample(long nanos, Map<String, Reading> stages) {
    Reading of(String stage) {
      return stages.get(stage);
    }
  }

  private final Admin admin;
  private final List<Stage> stages;
  private final ConsumerGroupLag groups;
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  StageLag(Map<String, Object> kafkaProperties, List<Stage> stages) {
    this.admin = Admin.create(TopicAdmin.boundedAdminProperties(kafkaProperties, Duration.ofSeconds(10)));
    this.stages = List.copyOf(stages);
    Map<String, Set<String>> topicsByGroup = new LinkedHashMap<>();
    stages.forEach(s -> topicsByGroup.put(s.group(), s.topics()));
    this.groups = new ConsumerGroupLag(admin, topicsByGroup);
    this.thread = new Thread(this::sampleUntilClosed, "bench-stage-lag");
    thread.setDaemon(true);
    thread.start();
  }

  List<Stage> stages() {
    return stages;
  }

  /** The samples taken between the two times, oldest first. */
  synchronized List<Sample> between(long fromNanos, long toNanos) {
    return samples.stream().filter(s -> s.nanos() >= fromNanos && s.nanos() <= toNanos).toList();
  }

  /** Reads every stage now. */
  Sample read() throws InterruptedException {
    ConsumerGroupLag.Snapshot snapshot;
    try {
      snapshot = groups.read();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the consumer groups' lag: " + e.getMessage(), e);
    }
    Map<String, Reading> readings = new LinkedHashMap<>();
    for (Stage s : stages) {
      long end = snapshot.end(s.group());
      if (s.processedFrom() == null) {
        ConsumerGroupLag.Position main = snapshot.position(s.group(), s.mainTopic());
        readings.put(s.name(), new Reading(snapshot.lag(s.group()), end, main.committed(), main.end()));
      } else {
        readings.put(s.name(), new Reading(Math.max(0, end - processed(s)), end, endOf(s.doneTopic()),
            snapshot.position(s.group(), s.mainTopic()).end()));
      }
    }
    return new Sample(System.nanoTime(), readings);
  }

  /** The stages that still have records to read now, with how many. */
  Map<String, Long> behind() throws InterruptedException {
    Map<String, Long> out = new LinkedHashMap<>();
    read().stages().forEach((name, r) -> {
      if (r.lag() > 0) {
        out.put(name, r.lag());
      }
    });
    return out;
  }

  /**
   * Waits until no stage has anything left to read, seen twice in a row, or {@code timeout} passes;
   * returns whether it drained.
   */
  boolean awaitDrained(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int quiet = 0;
    while (System.nanoTime() < deadline) {
      quiet = behind().isEmpty() ? quiet + 1 : 0;
      if (quiet >= 2) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(200); // polling interval
    }
    return false;
  }

  /** Records the application's stream threads have processed, from every topic they read. */
  private static long processed(Stage s) {
    return Math.round(StreamsPulse.streamThreads(s.processedFrom(), "process-total"));
  }

  /** Records ever written to {@code topic}: the sum of its partitions' end offsets. */
  private long endOf(String topic) throws InterruptedException {
    try {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
          .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      return admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).values().stream()
          .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the end of " + topic + ": " + e.getMessage(), e);
    }
  }

  private void sampleUntilClosed() {
    while (running) {
      long started = System.nanoTime();
      try {
        Sample sample = read();
        synchronized (this) {
          samples.add(sample);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // A missed sample leaves a gap; the trend is judged on the samples there are.
      }
      long rest = INTERVAL.toNanos() - (System.nanoTime() - started);
      if (rest > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(rest);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    admin.close(Duration.ofSeconds(2));
  }
}
