package dev.newsflow.streams.aggregate.digest;

import java.util.Locale;

/**
 * How a company's last 24 h of coverage compares with its usual: its articles of the last 24 h against its
 * daily mean over the kept hours before them (at most the trend's 14 days, from its first kept article).
 * Unknown (null) while that history is shorter than {@link #MIN_HISTORY_HOURS}: a mean of a day or two says
 * little. Between {@link #USUAL_LOW} and {@link #USUAL_HIGH} times the mean reads "usual coverage".
 *
 * @param ratio the last 24 h's articles over the daily mean before them
 */
public record Coverage(double ratio, String phrase) {
  public static final int MIN_HISTORY_HOURS = 3 * 24;
  public static final double USUAL_LOW = 0.67;
  public static final double USUAL_HIGH = 1.5;

  /**
   * @param lastDayArticles articles of the last 24 h
   * @param priorArticles articles of the kept hours before the last 24 h
   * @param priorHours how many hours those span (from the company's first kept hour to the last 24 h)
   */
  public static Coverage compare(long lastDayArticles, long priorArticles, long priorHours) {
    if (priorHours < MIN_HISTORY_HOURS || priorArticles <= 0) {
      return null;
    }
    double dailyMean = priorArticles * 24.0 / priorHours;
    double ratio = Math.round(lastDayArticles / dailyMean * 100) / 100.0;
    return new Coverage(ratio, phrase(ratio));
  }

  static String phrase(double ratio) {
    if (ratio >= USUAL_LOW && ratio < USUAL_HIGH) {
      return "usual coverage";
    }
    if (ratio == 0) {
      return "no coverage, against some usually";
    }
    String times = ratio >= 2.5 ? String.valueOf(Math.round(ratio)) : String.format(Locale.ROOT, "%.1f", ratio);
    return "about " + times + "x its usual coverage";
  }
}
