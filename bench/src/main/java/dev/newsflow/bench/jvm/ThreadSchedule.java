package dev.newsflow.bench.jvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a thread has spent its time so far as Linux's scheduler counts it ({@code /proc/PID/task/TID/schedstat}):
 * on a core, and runnable but waiting for one. What is left of the wall time the thread slept or was blocked
 * (waiting for Kafka, a lock, the disk). On a machine whose cores are shared by the broker, several JVMs and their
 * compilers, the waiting for a core is the part of a slow stream thread that no code change inside it removes.
 *
 * <p>A Java thread's Linux id is the {@code nid} that a thread dump gives ({@code jcmd PID Thread.print}, or the
 * {@code threadPrint} diagnostic command over JMX): {@link #nativeIds} reads it from the dump's text.
 */
public record ThreadSchedule(long onCoreNanos, long waitingNanos) {
  public static final ThreadSchedule NONE = new ThreadSchedule(0, 0);

  /** A dump's thread header: {@code "name" #12 daemon prio=5 os_prio=0 cpu=1.2ms elapsed=3.4s tid=0x... nid=0x1f2e ...}. */
  private static final Pattern HEADER = Pattern.compile("^\"(.*)\"\\s.*\\bnid=(0x[0-9a-fA-F]+|\\d+)", Pattern.MULTILINE);

  /** The thread's times now; empty where the system does not report them or the thread has ended. */
  public static Optional<ThreadSchedule> read(long pid, long tid) {
    try {
      return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid),
          "schedstat"), StandardCharsets.US_ASCII)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Reads a {@code schedstat} line: nanoseconds on a core, nanoseconds waiting for one, time slices run. */
  static ThreadSchedule parse(String schedstat) {
    String[] fields = schedstat.trim().split("\\s+");
    if (fields.length < 2) {
      throw new IllegalArgumentException("not a schedstat line: " + schedstat);
    }
    return new ThreadSchedule(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
  }

  /** Every thread of a thread dump's text by name, with its Linux thread id, in the dump's order. */
  public static Map<String, Long> nativeIds(String threadDump) {
    Map<String, Long> out = new LinkedHashMap<>();
    Matcher m = HEADER.matcher(threadDump);
    while (m.find()) {
      String nid = m.group(2);
      out.put(m.group(1), nid.startsWith("0x") ? Long.parseLong(nid.substring(2), 16) : Long.parseLong(nid));
    }
    return out;
  }

  public ThreadSchedule plus(ThreadSchedule other) {
    return new ThreadSchedule(onCoreNanos + other.onCoreNanos, waitingNanos + other.waitingNanos);
  }

  public ThreadSchedule minus(ThreadSchedule earlier) {
    return new ThreadSchedule(onCoreNanos - earlier.onCoreNanos, waitingNanos - earlier.waitingNanos);
  }
}
