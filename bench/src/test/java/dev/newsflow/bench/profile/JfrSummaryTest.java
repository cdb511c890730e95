package dev.newsflow.bench.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real recording of this JVM, read back: the busy thread and its method lead the tables. */
class JfrSummaryTest {
  @TempDir Path dir;

  private static volatile long sink;
  /** The busy method as the tables name it; a loaded machine may take several rounds to sample it. */
  private static final String SPIN = "JfrSummaryTest.spin (dev.newsflow.bench.profile)";

  @Test
  void theBusyThreadAndItsMethodShowWhereTheCpuWent() throws Exception {
    Path file = dir.resolve("test.jfr");
    String summary;
    // JFR's sampler starts asynchronously and, on a loaded machine, can miss the first second (or sample
    // the thread only while it starts): keep it busy (with a deadline) until the recording holds samples
    // of both the thread and its method.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.enable("jdk.CPULoad").withPeriod(Duration.ofMillis(200));
      recording.enable("jdk.ThreadCPULoad").withPeriod(Duration.ofMillis(200));
      recording.start();
      do {
        Thread busy = new Thread(JfrSummaryTest::spin, "bench-busy-thread");
        busy.start();
        busy.join();
        recording.dump(file);
        summary = JfrSummary.summarize(file);
      } while (!(summary.contains("| `bench-busy-thread` |") && summary.contains(SPIN) && busyCpuSeconds(summary) > 0.2)
          && System.nanoTime() < deadline);
      recording.stop();
    }
    assertTrue(summary.contains("## Java execution samples by thread"), summary);
    int threadRow = summary.indexOf("| `bench-busy-thread` |");
    assertTrue(threadRow > 0, summary);
    assertTrue(summary.contains(SPIN), summary);
    // The thread spun for 1.5 s a round: its CPU time is counted (a loaded machine gives it less than that).
    assertTrue(summary.contains("## CPU time by thread"), summary);
    assertTrue(busyCpuSeconds(summary) > 0.2, summary);
  }

  /** The busy thread's CPU seconds in the thread CPU table, or 0 without a row. */
  private static double busyCpuSeconds(String summary) {
    int table = summary.indexOf("## CPU time by thread");
    int row = table < 0 ? -1 : summary.indexOf("| `bench-busy-thread` | ", table);
    if (row < 0) {
      return 0;
    }
    String cells = summary.substring(row + "| `bench-busy-thread` | ".length());
    return Double.parseDouble(cells.substring(0, cells.indexOf(' ')));
  }

  @Test
  void packagesAreGroupedByTheirLeadingParts() {
    assertEquals("org.apache.kafka", JfrSummary.packageGroup("org.apache.kafka.streams.processor.internals.StreamTask"));
    assertEquals("dev.newsflow.streams.dedup", JfrSummary.packageGroup("dev.newsflow.streams.dedup.Fingerprint"));
  }

  @Test
  void streamsMetricsAreTabulatedByThreadAndTask() {
    String md = StreamsMetricsReport.markdown(Map.of(
        "kafka.streams:task-id=0_1,thread-id=bench-abc1-eos.app-0f8c2a34-1b2c-4d5e-8f90-123456789abc-StreamThread-1,type=stream-task-metrics",
        Map.of("process-latency-avg", 123_456.0, "process-rate", 42.5)));
    assertTrue(md.contains("| task 0_1 (StreamThread-1) | 42.5 | 123,456 |"), md);
  }

  /**
   * Spins for 1.5 s in Java code, reading the clock only once per 100,000 rounds: JFR cannot walk the stack of a
   * thread caught inside the JVM's own clock routine, and on a virtual machine whose clock is slow to read (here
   * {@code kvm-clock}) a loop that read it every round was caught there nearly every time and never sampled.
   */
  private static void spin() {
    long end = System.nanoTime() + 1_500_000_000L;
    long x = 0;
    do {
      for (int i = 0; i < 100_000; i++) {
        x += Long.numberOfTrailingZeros(x * 31 + 7) + i;
      }
    } while (System.nanoTime() < end);
    sink = x;
  }
}
