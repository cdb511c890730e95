package dev.newsflow.bench.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM's CPU went, read from a JDK Flight Recorder file with {@code jdk.jfr.consumer}: CPU load, CPU
 * time by thread, Java execution samples by thread, by package and by method (self and, for newsflow's own
 * code, inclusive), native samples, garbage collection and allocation, as Markdown tables.
 */
public final class JfrSummary {
  private static final int TOP = 20;
  /** Run-specific parts of thread names (the bench's topic prefix, Kafka's client UUIDs), so that runs compare. */
  private static final Pattern RUN_SPECIFIC = Pattern.compile("bench-[a-z0-9]+-(eos|alo)\\.|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-?");

  private JfrSummary() {}

  /**
   * Prints the summary of a recording: {@code java -cp ... dev.newsflow.bench.profile.JfrSummary FILE [ROWS]}
   * (rows per table, default {@value #TOP}), e.g. of {@code TopologyCost} run under JFR (BENCHMARKS.md).
   */
  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: JfrSummary RECORDING.jfr [ROWS]");
      System.exit(2);
    }
    System.out.print(summarize(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : TOP));
  }

  /** The summary of the recording at {@code file}. */
  public static String summarize(Path file) {
    return summarize(file, TOP);
  }

  /** The summary of the recording at {@code file}, {@code rows} rows a table. */
  public static String summarize(Path file, int rows) {
    Counts execution = new Counts();
    Counts byThread = new Counts();
    Counts byPackage = new Counts();
    Counts selfMethods = new Counts();
    Counts newsflowInclusive = new Counts();
    Counts nativeTop = new Counts();
    Counts allocation = new Counts();
    ThreadCpu threadCpu = new ThreadCpu();
    double[] cpu = new double[3];
    int cpuReadings = 0;
    long gcCount = 0;
    Duration gcPauses = Duration.ZERO;
    Instant first = null;
    Instant last = null;
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent e = recording.readEvent();
        first = first == null || e.getStartTime().isBefore(first) ? e.getStartTime() : first;
        last = last == null || e.getEndTime().isAfter(last) ? e.getEndTime() : last;
        switch (e.getEventType().getName()) {
          case "jdk.ExecutionSample" -> {
            execution.add("all", 1);
            byThread.add(threadName(e.getThread("sampledThread")), 1);
            RecordedStackTrace stack = e.getStackTrace();
            if (stack != null && !stack.getFrames().isEmpty()) {
              RecordedMethod top = stack.getFrames().get(0).getMethod();
              selfMethods.add(name(top), 1);
              byPackage.add(packageGroup(top.getType().getName()), 1);
              Set<String> seen = new HashSet<>();
              boolean inStreams = false;
              for (RecordedFrame f : stack.getFrames()) {
                String m = name(f.getMethod());
                inStreams |= f.getMethod().getType().getName().startsWith("dev.newsflow.streams.");
                if (f.getMethod().getType().getName().startsWith("dev.newsflow.") && seen.add(m)) {
                  newsflowInclusive.add(m, 1);
                }
              }
              if (inStreams) {
                execution.add("streams", 1);
              }
            }
          }
          case "jdk.NativeMethodSample" -> {
            RecordedStackTrace stack = e.getStackTrace();
            if (stack != null && !stack.getFrames().isEmpty()) {
              nativeTop.add(name(stack.getFrames().get(0).getMethod()), 1);
            }
          }
          case "jdk.CPULoad" -> {
            cpu[0] += e.getFloat("jvmUser");
            cpu[1] += e.getFloat("jvmSystem");
            cpu[2] += e.getFloat("machineTotal");
            cpuReadings++;
          }
          case "jdk.ThreadCPULoad" -> threadCpu.add(e);
          case "jdk.CPUInformation" -> threadCpu.cores = e.getInt("hwThreads");
          case "jdk.GarbageCollection" -> {
            gcCount++;
            gcPauses = gcPauses.plus(e.getDuration("sumOfPauses"));
          }
          case "jdk.ObjectAllocationSample" -> allocation.add(e.getClass("objectClass").getName(), e.getLong("weight"));
          default -> { }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the recording " + file + ": " + e.getMessage(), e);
    }

    long samples = execution.get("all");
    StringBuilder out = new StringBuilder();
    Duration length = first == null ? Duration.ZERO : Duration.between(first, last);
    out.append("# Profile: ").append(file.getFileName()).append("\n\n");
    out.append(String.format("Recording of %d s; %d Java execution samples, %d of them in the streams application's "
        + "own code (a `dev.newsflow.streams` method on the stack).%n%n", length.toSeconds(), samples,
        execution.get("streams")));
    if (cpuReadings > 0) {
      out.append(String.format("CPU (mean of %d readings, share of all cores): this JVM user %.1f %%, system %.1f %%; "
          + "the whole machine %.1f %%.%n%n", cpuReadings, 100 * cpu[0] / cpuReadings, 100 * cpu[1] / cpuReadings,
          100 * cpu[2] / cpuReadings));
    }
    out.append(String.format("Garbage collection: %d collections, %d ms of pauses in all.%n%n", gcCount, gcPauses.toMillis()));
    Counts threadMillis = threadCpu.millis();
    if (threadMillis.total() > 0) {
      out.append("## CPU time by thread\n\n");
      out.append("From `jdk.ThreadCPULoad`: every Java thread, the JIT compilers' too, which execution samples do not see "
          + "(the garbage collector's pauses are above).\n\n| thread | CPU (s) | share |\n| --- | ---: | ---: |\n");
      long all = threadMillis.total();
      for (Map.Entry<String, Long> e : threadMillis.top(rows)) {
        out.append(String.format("| `%s` | %.1f | %.1f %% |%n", e.getKey(), e.getValue() / 1000.0, 100.0 * e.getValue() / all));
      }
      out.append(String.format("| all threads | %.1f | |%n%n", all / 1000.0));
    }
    table(out, "Java execution samples by thread", "thread", byThread, samples, rows);
    table(out, "Java execution samples by package (top frame)", "package", byPackage, samples, rows);
    table(out, "Methods on top of the stack (self time)", "method", selfMethods, samples, rows);
    table(out, "newsflow methods anywhere on the stack (inclusive time)", "method", newsflowInclusive, samples, rows);
    table(out, "Native samples by top frame (threads in native code: waiting or in I/O)", "method", nativeTop, nativeTop.total(), rows);
    table(out, "Allocation by class (sampled weight)", "class", allocation, allocation.total(), rows);
    return out.toString();
  }

  private static void table(StringBuilder out, String title, String what, Counts counts, long total, int rows) {
    out.append("## ").append(title).append("\n\n| ").append(what).append(" | samples | share |\n| --- | ---: | ---: |\n");
    for (Map.Entry<String, Long> e : counts.top(rows)) {
      out.append(String.format("| `%s` | %d | %.1f %% |%n", e.getKey(), e.getValue(), 100.0 * e.getValue() / Math.max(1, total)));
    }
    out.append('\n');
  }

  private static String threadName(RecordedThread thread) {
    if (thread == null) {
      return "(unknown)";
    }
    String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
    return RUN_SPECIFIC.matcher(name == null ? "(unnamed)" : name).replaceAll("");
  }

  private static String name(RecordedMethod m) {
    String type = m.getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + m.getName() + " (" + packageOf(type) + ")";
  }

  /** newsflow's packages one by one; others by their first three parts (org.apache.kafka, com.fasterxml.jackson). */
  static String packageGroup(String type) {
    String pkg = packageOf(type);
    String[] parts = pkg.split("\\.");
    int keep = pkg.startsWith("dev.newsflow.") ? Math.min(parts.length, 4) : Math.min(parts.length, 3);
    return String.join(".", List.of(parts).subList(0, keep));
  }

  private static String packageOf(String type) {
    int dot = type.lastIndexOf('.');
    return dot < 0 ? "(default)" : type.substring(0, dot);
  }

  /**
   * CPU time by thread from {@code jdk.ThreadCPULoad} events. JFR looks at every thread once a period and, where
   * the thread used a millisecond or more since, gives its user and system load over that period as a share of
   * all cores: a thread's time is that share times the cores times the period. The period is read from the
   * recording: the usual spacing of one thread's events (a busy thread has one every period).
   */
  private static final class ThreadCpu {
    int cores = Runtime.getRuntime().availableProcessors();
    private final Map<String, Double> load = new HashMap<>();
    private final Map<Long, Instant> previous = new HashMap<>();
    private final Counts spacings = new Counts();

    void add(RecordedEvent e) {
      RecordedThread thread = e.getThread("eventThread");
      if (thread == null) {
        return;
      }
      Instant before = previous.put(thread.getId(), e.getStartTime());
      if (before != null) {
        // to the nearest 100 ms, so that the period's events count as one spacing
        spacings.add(Long.toString(Math.round(Duration.between(before, e.getStartTime()).toMillis() / 100.0) * 100), 1);
      }
      load.merge(threadName(thread), (double) e.getFloat("user") + e.getFloat("system"), Double::sum);
    }

    /** Milliseconds of CPU by thread name. */
    Counts millis() {
      List<Map.Entry<String, Long>> usual = spacings.top(1);
      long period = usual.isEmpty() ? 0 : Long.parseLong(usual.get(0).getKey());
      Counts millis = new Counts();
      load.forEach((thread, share) -> millis.add(thread, Math.round(share * cores * period)));
      return millis;
    }
  }

  /** Counts by name, read back largest first. */
  private static final class Counts {
    private final Map<String, Long> counts = new HashMap<>();

    void add(String key, long n) {
      counts.merge(key, n, Long::sum);
    }

    long get(String key) {
      return counts.getOrDefault(key, 0L);
    }

    long total() {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    List<Map.Entry<String, Long>> top(int n) {
      return counts.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(n).toList();
    }
  }
}
