package dev.newsflow.streams.enrich.text;

/**
 * Orders overlapping matches for leftmost-longest resolution by packing each into one {@code long}
 * whose natural order is the reading order: by start, then longest first, then by match index.
 * Sorting a {@code long[]} needs no object per match, which matters on the per-article path.
 *
 * <pre>
 *   bits 63..40  start         folded position, below 2^23
 *   bits 39..20  MAX - length  so that, at one start, the longest match sorts first (length below 2^20)
 *   bits 19..0   index         the match's index in its list (below 2^20), to find it again
 * </pre>
 */
public final class LeftmostLongest {
  private static final int START_SHIFT = 40;
  private static final int LENGTH_SHIFT = 20;
  private static final int MAX = 0xFFFFF;

  private LeftmostLongest() {}

  /** The sort key of the match {@code index} covering folded positions {@code [start, end)}. */
  public static long key(int start, int end, int index) {
    return ((long) start << START_SHIFT) | ((long) (MAX - (end - start)) << LENGTH_SHIFT) | index;
  }

  public static int start(long key) {
    return (int) (key >>> START_SHIFT);
  }

  public static int end(long key) {
    return start(key) + (MAX - (int) ((key >>> LENGTH_SHIFT) & MAX));
  }

  public static int index(long key) {
    return (int) (key & MAX);
  }
}
