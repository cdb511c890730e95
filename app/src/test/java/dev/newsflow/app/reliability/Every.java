package dev.newsflow.app.reliability;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A probe that really looks at most once per {@code interval} and otherwise answers what it saw last:
 * reading whole topics or asking the broker every 50 ms would take the CPU from the stages under test.
 */
final class Every<T> implements Supplier<T> {
  private final long intervalNanos;
  private final Supplier<T> probe;
  private long lastAt;
  private T last;
  private boolean looked;

  private Every(Duration interval, Supplier<T> probe) {
    this.intervalNanos = interval.toNanos();
    this.probe = probe;
  }

  static <T> Every<T> every(Duration interval, Supplier<T> probe) {
    return new Every<>(interval, probe);
  }

  @Override
  public T get() {
    long now = System.nanoTime();
    if (!looked || now - lastAt >= intervalNanos) {
      last = probe.get();
      lastAt = System.nanoTime();
      looked = true;
    }
    return last;
  }
}
