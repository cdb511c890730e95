package dev.newsflow.streams.aggregate.digest;

/**
 * The mean sentiment of some reports as a word. Sentiment runs from -1 to 1 and the lexicon's scores are
 * modest (an article needs several more positive than negative words to pass 0.3), so a mean of
 * {@link #THRESHOLD} or more reads positive, -{@link #THRESHOLD} or less negative, anything between neutral.
 */
public enum Tone {
  POSITIVE,
  NEUTRAL,
  NEGATIVE;

  public static final double THRESHOLD = 0.1;

  /** The tone of a mean sentiment; null when there is none. */
  public static Tone of(Double mean) {
    if (mean == null) {
      return null;
    }
    return mean >= THRESHOLD ? POSITIVE : mean <= -THRESHOLD ? NEGATIVE : NEUTRAL;
  }

  public static Double mean(long sumMicros, long count) {
    return count == 0 ? null : sumMicros / 1_000_000.0 / count;
  }

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
