package dev.newsflow.streams.enrich.text;

import java.util.Arrays;

/**
 * The tokens of a folded text, found once and shared by every reader of the article (the linker, the
 * lexicons, the fingerprint): Latin words (runs of letters and digits) and single CJK characters,
 * each with its folded span and a 64-bit hash of its characters.
 */
public final class Tokens {
  static final long SEED = 0x9E3779B97F4A7C15L;

  /** The running hash of a token: cheap per character (a shift and two adds); lookups mix it further. */
  static long step(long h, char c) {
    return (h << 5) - h + c;
  }

  private final char[] text;
  private int[] start;
  private int[] end;
  private long[] hash;
  private int size;

  private Tokens(char[] text, int capacity) {
    this.text = text;
    start = new int[capacity];
    end = new int[capacity];
    hash = new long[capacity];
  }

  public static Tokens of(NormalizedText folded) {
    char[] chars = folded.chars();
    int to = folded.length();
    Tokens t = new Tokens(chars, Math.max(16, to / 5));
    // A folded text ends with a separator (NormalizedText.end): it stops every inner loop below.
    if (to == 0 || chars[to - 1] != TextNormalizer.SEP) {
      throw new IllegalArgumentException("a folded text must end with a separator");
    }
    int i = 0;
    while (i < to) {
      char c = chars[i];
      if (c == TextNormalizer.SEP) {
        i++;
        continue;
      }
      int from = i;
      long h = SEED;
      if (isCjk(c)) {
        h = step(h, c);
        i++;
      } else {
        do {
          h = step(h, c);
          c = chars[++i];
        } while (c != TextNormalizer.SEP && !isCjk(c));
      }
      t.add(from, i, h);
    }
    return t;
  }

  /** Folded characters are separators, Latin letters and digits, or CJK; only the last sit this high. */
  private static boolean isCjk(char c) {
    return c >= 0x1100 && TextNormalizer.classOf(c) == TextNormalizer.CJK;
  }

  private void add(int from, int to, long h) {
    if (size == start.length) {
      int n = size * 2;
      start = Arrays.copyOf(start, n);
      end = Arrays.copyOf(end, n);
      hash = Arrays.copyOf(hash, n);
    }
    start[size] = from;
    end[size] = to;
    hash[size++] = h;
  }

  public int size() {
    return size;
  }

  public int start(int i) {
    return start[i];
  }

  public int end(int i) {
    return end[i];
  }

  public long hash(int i) {
    return hash[i];
  }

  /** True when token {@code i} is one CJK character. */
  public boolean cjk(int i) {
    return TextNormalizer.classOf(text[start[i]]) == TextNormalizer.CJK;
  }

  char[] text() {
    return text;
  }
}
