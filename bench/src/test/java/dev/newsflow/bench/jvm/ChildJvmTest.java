package dev.newsflow.bench.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM's CPU time as the bench reads it, and children signalled together each stopping on its own signal. */
class ChildJvmTest {
  @TempDir Path dir;

  /** Runs in the child: works until stopped. */
  public static final class Busy {
    public static void main(String[] args) {
      long x = 0;
      while (true) {
        x = x * 31 + System.nanoTime();
        if (x == 42) {
          System.out.println(x); // never, but the loop is not dead code
        }
      }
    }
  }

  @Test
  void aWorkingChildShowsCpuTimeAndStopsOnItsSignal() throws InterruptedException {
    ChildJvm first = ChildJvm.start("busy-1", List.of("-Xmx64m"), Busy.class.getName(), List.of(), dir.resolve("1.log"));
    ChildJvm second = ChildJvm.start("busy-2", List.of("-Xmx64m"), Busy.class.getName(), List.of(), dir.resolve("2.log"));
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (first.cpuSeconds() < 0.2 && System.nanoTime() < deadline) {
        first.requireAlive();
        Thread.sleep(50); // the polling interval of a deadline loop
      }
      assertTrue(first.cpuSeconds() >= 0.2, "CPU seconds of a busy child: " + first.cpuSeconds());
      first.requestStop();
      second.requestStop();
      // SIGTERM: the JVM exits with 128 + 15.
      assertEquals(143, first.stop(Duration.ofSeconds(20)));
      assertEquals(143, second.stop(Duration.ofSeconds(20)));
    } finally {
      first.close();
      second.close();
    }
  }
}
