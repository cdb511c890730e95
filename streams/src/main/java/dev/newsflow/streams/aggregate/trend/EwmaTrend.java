package dev.newsflow.streams.aggregate.trend;

import java.time.Duration;

/**
 * How unusual a company's current hour is against its own history: the z-score of the current hour's
 * article count against an exponentially weighted mean and variance of past hourly counts (quiet hours
 * count as zeros). A score exists only after {@code minHistoryHours} hours of history; the standard
 * deviation is floored at {@code minStddev}, so that one article for a company that is never mentioned
 * scores 1 rather than infinity.
 */
public final class EwmaTrend {
  private final double alpha;
  private final long minHistoryHours;
  private final double minStddev;

  public EwmaTrend(double alpha, long minHistoryHours, double minStddev) {
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
    }
    if (!(minStddev > 0)) {
      throw new IllegalArgumentException("the minimum standard deviation must be positive, got " + minStddev);
    }
    this.alpha = alpha;
    this.minHistoryHours = minHistoryHours;
    this.minStddev = minStddev;
  }

  /** Weights that halve every {@code halfLife}: after it, an hour counts half as much as the newest. */
  public static EwmaTrend withHalfLife(Duration halfLife, long minHistoryHours, double minStddev) {
    double hours = halfLife.toMillis() / 3_600_000.0;
    if (!(hours > 0)) {
      throw new IllegalArgumentException("the half-life must be positive, got " + halfLife);
    }
    return new EwmaTrend(1 - Math.pow(0.5, 1 / hours), minHistoryHours, minStddev);
  }

  public double alpha() {
    return alpha;
  }

  /** The state with one more closed hour of {@code count} articles. */
  public TrendState fold(TrendState s, long count) {
    if (count == 0 && s.mean() == 0 && s.variance() == 0) {
      return new TrendState(0, 0, s.hours() + 1);
    }
    double diff = count - s.mean();
    double increment = alpha * diff;
    double mean = s.mean() + increment;
    double variance = (1 - alpha) * (s.variance() + diff * increment);
    // Far below anything a score could show: settle at exactly zero, so long quiet spells cost nothing.
    if (Math.abs(mean) < 1e-9 && variance < 1e-9) {
      mean = 0;
      variance = 0;
    }
    return new TrendState(mean, variance, s.hours() + 1);
  }

  /** The state after {@code hours} closed hours without articles. */
  public TrendState foldQuiet(TrendState s, long hours) {
    TrendState t = s;
    for (long i = 0; i < hours; i++) {
      if (t.mean() == 0 && t.variance() == 0) {
        return new TrendState(0, 0, t.hours() + (hours - i));
      }
      t = fold(t, 0);
    }
    return t;
  }

  /** The z-score of {@code currentCount}, to two decimals; null while the history is too short. */
  public Double score(TrendState s, long currentCount) {
    if (s.hours() < minHistoryHours) {
      return null;
    }
    double z = (currentCount - s.mean()) / Math.max(Math.sqrt(s.variance()), minStddev);
    double rounded = Math.round(z * 100) / 100.0;
    return rounded == 0 ? 0.0 : rounded; // no "-0.0"
  }

  /** The standard deviation the score divides by. */
  public double stddev(TrendState s) {
    return Math.max(Math.sqrt(s.variance()), minStddev);
  }
}
