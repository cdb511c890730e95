package dev.newsflow.streams.aggregate.trend;

/**
 * A company's hourly article counts so far, summarised as an exponentially weighted mean and variance
 * over {@code hours} closed hours.
 */
public record TrendState(double mean, double variance, long hours) {
  public static final TrendState EMPTY = new TrendState(0, 0, 0);
}
