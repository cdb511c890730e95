package dev.newsflow.producer.poll;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff after failures: {@code initial}, doubled per further failure, at most
 * {@code max}, plus up to 10% random jitter so feeds that failed together (a network outage) do not
 * all retry in the same second.
 */
public record Backoff(Duration initial, Duration max, RandomGenerator random) {
  /** The wait after the {@code failures}-th failure in a row (1 = the first). */
  public Duration after(int failures) {
    Duration base = withoutJitter(failures);
    long jitter = (long) (base.toMillis() * 0.1 * random.nextDouble());
    return base.plusMillis(jitter);
  }

  Duration withoutJitter(int failures) {
    int doublings = Math.max(0, Math.min(failures - 1, 30));
    long millis = initial.toMillis();
    for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, max.toMillis()));
  }
}
