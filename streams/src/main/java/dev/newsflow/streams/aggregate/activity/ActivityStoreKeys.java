package dev.newsflow.streams.aggregate.activity;

/**
 * Keys of the activity stores, built so that the byte order of the stores (UTF-8, lexicographic) is the
 * order the activity stage scans them in: a company's hours in time order, all companies of an hour
 * together, a company's windows of one size in time order. Parts are separated by U+0000, which sorts
 * before every character of an id; times are written as 16 hexadecimal digits of the time with its sign
 * bit flipped, so that their text order is their numeric order, negative times included.
 */
public final class ActivityStoreKeys {
  static final char SEP = '\u0000';
  /** Sorts after {@link #SEP} and before every character of an id: the end of a prefix range. */
  static final char AFTER_SEP = '\u0001';

  private ActivityStoreKeys() {}

  static String time(long millis) {
    String hex = Long.toHexString(millis ^ Long.MIN_VALUE);
    return "0".repeat(16 - hex.length()) + hex;
  }

  static long parseTime(String hex) {
    return Long.parseUnsignedLong(hex, 16) ^ Long.MIN_VALUE;
  }

  /** One company's hour: {@code company SEP hour}. */
  static String hour(String company, long hour) {
    return company + SEP + time(hour);
  }

  /** One article in one company's hour: {@code company SEP hour SEP article}. */
  static String article(String company, long hour, String articleId) {
    return hour(company, hour) + SEP + articleId;
  }

  /** The prefix of every article of one company's hour. */
  static String articlesOf(String company, long hour) {
    return hour(company, hour) + SEP;
  }

  /** One company's hour, indexed by time first: {@code hour SEP company}. */
  static String byTime(long hour, String company) {
    return time(hour) + SEP + company;
  }

  /** The company of a {@link #byTime} key. */
  static String companyOfByTime(String key) {
    return key.substring(17);
  }

  /** The hour of a {@link #byTime} key. */
  static long hourOfByTime(String key) {
    return parseTime(key.substring(0, 16));
  }

  /** The company of an {@link #hour} key. */
  static String companyOfHour(String key) {
    return key.substring(0, key.length() - 17);
  }

  /** The hour of an {@link #hour} key. */
  static long hourOfHour(String key) {
    return parseTime(key.substring(key.length() - 16));
  }

  /** One window of one company: {@code company SEP size SEP start}; {@code size} is {@code 1h} or {@code 24h}. */
  public static String window(String company, String size, long start) {
    return company + SEP + size + SEP + time(start);
  }
}
