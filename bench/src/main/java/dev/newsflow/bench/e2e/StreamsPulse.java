package dev.newsflow.bench.e2e;

import dev.newsflow.bench.jvm.JvmProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/**
 * What the streams JVM was doing, sampled twice a second over JMX, so that a stall in a window can be told
 * apart: records its stream threads processed, commits, the time its producers spent committing transactions
 * and flushing (Kafka's {@code txn-commit-time-ns-total}, {@code flush-time-ns-total}), the time its stream
 * threads were blocked on Kafka ({@code blocked-time-ns-total}), and garbage collection. {@link #trace} lays
 * them out a second per line beside how far the stage was behind.
 */
final class StreamsPulse implements AutoCloseable {
  /** Totals at one moment; differences of two readings are what happened between them. */
  record Reading(long nanos, double processed, double commits, double txnCommitMs, double flushMs, double blockedMs,
      double gcMs) {}

  private static final String THREADS = "kafka.streams:type=stream-thread-metrics,thread-id=*";
  private static final String PRODUCERS = "kafka.producer:type=producer-metrics,client-id=*";
  private static final String COLLECTORS = "java.lang:type=GarbageCollector,*";

  private final JvmProbe probe;
  private final List<Reading> readings = new ArrayList<>();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "bench-streams-pulse");
    thread.setDaemon(true);
    return thread;
  });

  StreamsPulse(JvmProbe probe) {
    this.probe = probe;
    sampler.scheduleAtFixedRate(this::sample, 0, StageLag.INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sample() {
    try {
      Reading r = new Reading(System.nanoTime(), streamThreads("process-total"), streamThreads("commit-total"),
          sum(probe.attribute(PRODUCERS, "txn-commit-time-ns-total")) / 1e6,
          sum(probe.attribute(PRODUCERS, "flush-time-ns-total")) / 1e6,
          streamThreads("blocked-time-ns-total") / 1e6, sum(probe.attribute(COLLECTORS, "CollectionTime")));
      synchronized (this) {
        readings.add(r);
      }
    } catch (RuntimeException e) {
      // the JVM is stopping, or a metric is being replaced: a gap, which the trace shows as one
    }
  }

  private double streamThreads(String attribute) {
    return streamThreads(probe, attribute);
  }

  /** A stream-thread metric summed over the application's stream threads (not its global thread), over JMX. */
  static double streamThreads(JvmProbe probe, String attribute) {
    return probe.attribute(THREADS, attribute).entrySet().stream()
        .filter(e -> e.getKey().getKeyProperty("thread-id").contains("-StreamThread-"))
        .mapToDouble(Map.Entry::getValue).sum();
  }

  private static double sum(Map<ObjectName, Double> values) {
    return values.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  synchronized List<Reading> readings() {
    return List.copyOf(readings);
  }

  /**
   * One line a second from {@code fromNanos} to {@code toNanos}: how far {@code stage} was behind at most in that
   * second ({@link LagTrend#timeBehindMs}), and what the streams JVM did in it.
   */
  String trace(String stage, List<StageLag.Sample> lag, long fromNanos, long toNanos) {
    List<Reading> all = readings();
    StringBuilder out = new StringBuilder(String.format("%4s %10s %9s %7s %12s %9s %11s %7s%n", "s", "behind ms",
        "processed", "commits", "txn commit ms", "flush ms", "blocked ms", "gc ms"));
    long second = 1_000_000_000L;
    for (long from = fromNanos, s = 0; from < toNanos; from += second, s++) {
      long to = from + second;
      double behind = 0;
      for (int k = 0; k < lag.size(); k++) {
        long at = lag.get(k).nanos();
        if (at >= from && at < to) {
          behind = Math.max(behind, LagTrend.timeBehindMs(lag, k, stage));
        }
      }
      Reading a = first(all, from);
      Reading b = first(all, to);
      if (a == null || b == null || a == b) {
        out.append(String.format("%4d %10.0f %9s%n", s, behind, "(no reading)"));
        continue;
      }
      out.append(String.format("%4d %10.0f %9.0f %7.0f %12.0f %9.0f %11.0f %7.0f%n", s, behind,
          b.processed() - a.processed(), b.commits() - a.commits(), b.txnCommitMs() - a.txnCommitMs(),
          b.flushMs() - a.flushMs(), b.blockedMs() - a.blockedMs(), b.gcMs() - a.gcMs()));
    }
    return out.toString();
  }

  private static Reading first(List<Reading> all, long atOrAfter) {
    for (Reading r : all) {
      if (r.nanos() >= atOrAfter) {
        return r;
      }
    }
    return null;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
