package dev.newsflow.app;

import dev.newsflow.topic.ConsumerGroupLag;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Tells whether a pipeline has processed everything published so far: every consumer group named has
 * committed, on every partition of the topics it reads, up to the end of the committed data. Used by
 * {@code demo --once} and by end-to-end tests to know when to look at the results.
 */
public final class PipelineProgress {
  private final Admin admin;
  private final Map<String, Set<String>> topicsByGroup;

  /** {@code topicsByGroup}: each consumer group (a Streams application id is one) and the topics it must have consumed. */
  public PipelineProgress(Admin admin, Map<String, Set<String>> topicsByGroup) {
    this.admin = admin;
    this.topicsByGroup = Map.copyOf(topicsByGroup);
  }

  /** The records each group still has to process, summed over its topics; empty map when caught up. */
  public Map<String, Long> lag() throws ExecutionException, InterruptedException, TimeoutException {
    return new ConsumerGroupLag(admin, topicsByGroup).read().lagging();
  }

  /**
   * Waits until nothing is left to process, seen twice in a row (a stage may be about to publish what it
   * just read). Throws with the remaining lag when {@code timeout} passes first.
   */
  public void awaitCaughtUp(Duration timeout) throws InterruptedException {
    awaitCaughtUp(timeout, Duration.ZERO);
  }

  /**
   * As {@link #awaitCaughtUp(Duration)}, with nothing left to process for at least {@code settle} without a break:
   * what a stage publishes on a wall-clock interval after its last input (the live activity windows, the quiet
   * companies' summaries, each {@code activity.live.interval}) has then been published and read as well.
   */
  public void awaitCaughtUp(Duration timeout, Duration settle) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int quietChecks = 0;
    long quietSince = 0;
    Map<String, Long> last = Map.of();
    while (quietChecks < 2 || System.nanoTime() - quietSince < settle.toNanos()) {
      try {
        last = lag();
        if (last.isEmpty()) {
          quietSince = quietChecks == 0 ? System.nanoTime() : quietSince;
          quietChecks++;
        } else {
          quietChecks = 0;
        }
      } catch (ExecutionException | TimeoutException e) {
        quietChecks = 0;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the pipeline did not catch up within " + timeout.toSeconds()
            + " s; still to process: " + last);
      }
      if (quietChecks < 2 || System.nanoTime() - quietSince < settle.toNanos()) {
        TimeUnit.MILLISECONDS.sleep(250); // polling interval
      }
    }
  }

  /** The topics a Streams topology reads, as full names: its source topics and its repartition topics. */
  public static Set<String> streamsInputs(String applicationId, org.apache.kafka.streams.TopologyDescription description,
      Set<String> registryTopics) {
    Set<String> topics = new HashSet<>();
    for (org.apache.kafka.streams.TopologyDescription.Subtopology sub : description.subtopologies()) {
      for (org.apache.kafka.streams.TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof org.apache.kafka.streams.TopologyDescription.Source source && source.topicSet() != null) {
          for (String t : source.topicSet()) {
            topics.add(registryTopics.contains(t) ? t : applicationId + "-" + t);
          }
        }
      }
    }
    return topics;
  }

  static List<String> describe(Map<String, Long> lag) {
    return lag.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
  }
}
