package dev.newsflow.bench.e2e;

import dev.newsflow.bench.jvm.JvmProbe;
import dev.newsflow.bench.jvm.ThreadSchedule;
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
 * threads were blocked on Kafka ({@code blocked-time-ns-total}), garbage collection, and how long the stream
 * threads were on a core and waiting for one (Linux's scheduler, {@link ThreadSchedule}). {@link #trace} lays them
 * out a second per line beside how far the stage was behind; {@link #streamThreadsBetween} sums the last two over a
 * window.
 */
final class StreamsPulse implements AutoCloseable {
  /** Totals at one moment; differences of two readings are what happened between them. */
  record Reading(long nanos, double processed, double commits, double txnCommitMs, double flushMs, double blockedMs,
      double gcMs, ThreadSchedule streamThreads) {}

  /** Over a window: the share of its wall time the stream threads (together) were on a core and waiting for one. */
  record CoreShare(double onCore, double waiting) {
    static final CoreShare UNKNOWN = new CoreShare(Double.NaN, Double.NaN);
  }

  private static final String THREADS = "kafka.streams:type=stream-thread-metrics,thread-id=*";
  private static final String PRODUCERS = "kafka.producer:type=producer-metrics,client-id=*";
  private static final String COLLECTORS = "java.lang:type=GarbageCollector,*";

  private final JvmProbe probe;
  private final long pid;
  /** The stream threads' Linux ids, from a thread dump: read again when a stream thread's time cannot be. */
  private Map<String, Long> streamThreadIds = Map.of(); // the sampler's thread only
  /** When the thread dump was last taken: a dump stops the JVM for a moment, so it is taken at most every 10 s. */
  private long lastDumpNanos = Long.MIN_VALUE;
  private final List<Reading> readings = new ArrayList<>();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "bench-streams-pulse");
    thread.setDaemon(true);
    return thread;
  });

  StreamsPulse(JvmProbe probe, long pid) {
    this.probe = probe;
    this.pid = pid;
    sampler.scheduleAtFixedRate(this::sample, 0, StageLag.INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sample() {
    try {
      Reading r = new Reading(System.nanoTime(), streamThreads("process-total"), streamThreads("commit-total"),
          sum(probe.attribute(PRODUCERS, "txn-commit-time-ns-total")) / 1e6,
          sum(probe.attribute(PRODUCERS, "flush-time-ns-total")) / 1e6,
          streamThreads("blocked-time-ns-total") / 1e6, sum(probe.attribute(COLLECTORS, "CollectionTime")),
          streamThreadSchedule());
      synchronized (this) {
        readings.add(r);
      }
    } catch (RuntimeException e) {
      // the JVM is stopping, or a metric is being replaced: a gap, which the trace shows as one
    }
  }

  /**
   * The stream threads' times so far, summed; {@code null} when one of them cannot be read (no /proc, or a
   * thread replaced since the last dump, which the next reading looks up again).
   */
  private ThreadSchedule streamThreadSchedule() {
    if (streamThreadIds.isEmpty()) {
      if (lastDumpNanos != Long.MIN_VALUE && System.nanoTime() - lastDumpNanos < 10_000_000_000L) {
        return null;
      }
      lastDumpNanos = System.nanoTime();
      try {
        streamThreadIds = ThreadSchedule.nativeIds(probe.threadDump()).entrySet().stream()
            .filter(e -> isStreamThread(e.getKey()))
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
      } catch (RuntimeException e) {
        return null; // the JVM is stopping, or refused the dump: the Kafka metrics of this reading still count
      }
    }
    ThreadSchedule total = ThreadSchedule.NONE;
    for (long tid : streamThreadIds.values()) {
      var times = ThreadSchedule.read(pid, tid);
      if (times.isEmpty()) {
        streamThreadIds = Map.of();
        return null;
      }
      total = total.plus(times.get());
    }
    return streamThreadIds.isEmpty() ? null : total;
  }

  /** A Kafka Streams stream thread ({@code <client id>-StreamThread-N}), not its producer's or consumer's threads. */
  static boolean isStreamThread(String name) {
    return name.matches(".*-StreamThread-\\d+");
  }

  /**
   * The share of the wall time from {@code fromNanos} to {@code toNanos} that the stream threads were on a core and
   * runnable but waiting for one, from the readings nearest inside the window; unknown without two such readings.
   */
  CoreShare streamThreadsBetween(long fromNanos, long toNanos) {
    Reading a = null;
    Reading b = null;
    for (Reading r : readings()) {
      if (r.nanos() >= fromNanos && r.nanos() <= toNanos && r.streamThreads() != null) {
        a = a == null ? r : a;
        b = r;
      }
    }
    ThreadSchedule spent = a == null || b.nanos() <= a.nanos() ? null : streamThreadsSpent(a, b);
    if (spent == null) {
      return CoreShare.UNKNOWN;
    }
    double wall = b.nanos() - a.nanos();
    return new CoreShare(spent.onCoreNanos() / wall, spent.waitingNanos() / wall);
  }

  /** The stream threads' times from reading {@code a} to {@code b}; null when either has none, or a thread was replaced. */
  private static ThreadSchedule streamThreadsSpent(Reading a, Reading b) {
    if (a.streamThreads() == null || b.streamThreads() == null
        || b.streamThreads().onCoreNanos() < a.streamThreads().onCoreNanos()) {
      return null;
    }
    return b.streamThreads().minus(a.streamThreads());
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
    StringBuilder out = new StringBuilder(String.format("%4s %10s %9s %7s %12s %9s %11s %7s %11s %12s%n", "s",
        "behind ms", "processed", "commits", "txn commit ms", "flush ms", "blocked ms", "gc ms", "on core ms",
        "wait core ms"));
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
      ThreadSchedule spent = streamThreadsSpent(a, b);
      String onCore = spent == null ? "-" : String.format("%.0f", spent.onCoreNanos() / 1e6);
      String waiting = spent == null ? "-" : String.format("%.0f", spent.waitingNanos() / 1e6);
      out.append(String.format("%4d %10.0f %9.0f %7.0f %12.0f %9.0f %11.0f %7.0f %11s %12s%n", s, behind,
          b.processed() - a.processed(), b.commits() - a.commits(), b.txnCommitMs() - a.txnCommitMs(),
          b.flushMs() - a.flushMs(), b.blockedMs() - a.blockedMs(), b.gcMs() - a.gcMs(), onCore, waiting));
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
