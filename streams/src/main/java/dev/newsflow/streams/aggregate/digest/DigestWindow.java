package dev.newsflow.streams.aggregate.digest;

/**
 * The periods a digest covers, in whole hours of publication time as of the current hour (the hour of the
 * application's clock), like the summary's last 24 h: the current hour and the ones before it.
 */
public enum DigestWindow {
  DAY(24),
  WEEK(7 * 24);

  public static final long HOUR = 3_600_000L;

  private final int hours;

  DigestWindow(int hours) {
    this.hours = hours;
  }

  public int hours() {
    return hours;
  }

  /** The first hour of the period that ends with {@code currentHour}. */
  public long firstHour(long currentHour) {
    return currentHour - (hours - 1) * HOUR;
  }

  public boolean contains(long currentHour, long publishedAt) {
    long hour = hourOf(publishedAt);
    return hour >= firstHour(currentHour) && hour <= currentHour;
  }

  public static long hourOf(long time) {
    return Math.floorDiv(time, HOUR) * HOUR;
  }
}
