package dev.newsflow.testkit;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/** Waiting in tests: check a condition repeatedly until it holds or a deadline passes. Never a bare sleep. */
public final class Poll {
  private static final long INTERVAL_MS = 50;

  private Poll() {}

  /** Returns the first value of {@code probe} that satisfies {@code done}; fails with the last value after {@code timeout}. */
  public static <T> T until(Duration timeout, String what, Supplier<T> probe, Predicate<? super T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    while (true) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionFailedError("timed out after " + timeout.toSeconds() + " s waiting for " + what
            + "; last seen: " + last);
      }
      pause();
    }
  }

  public static void until(Duration timeout, String what, Supplier<Boolean> condition) {
    until(timeout, what, condition, Boolean.TRUE::equals);
  }

  private static void pause() {
    try {
      Thread.sleep(INTERVAL_MS); // the polling interval of a deadline loop, not a wait for an outcome
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError("interrupted while polling");
    }
  }
}
