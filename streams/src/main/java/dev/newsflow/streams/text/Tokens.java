package dev.newsflow.streams.text;

import java.util.Arrays;

/**
 * The tokens of a folded text, found once and shared by every reader of the article (the linker, the
 * lexicons, the fingerprint): Latin words (runs of letters and digits) and single CJK characters,
 * each with its folded span and a 64-bit hash of its characters.
 */
public final class Tokens {
  static final long SEED = 0xcbf29ce484222325L;
  static final long PRIME = 0x100000001B3L;

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
    int i = 0;
    while (i < to) {
      char c = chars[i];
      byte k = TextNormalizer.classOf(c);
      if (k == TextNormalizer.SEPARATOR) {
        i++;
        continue;
      }
      int from = i;
      long h = SEED;
      if (k == TextNormalizer.CJK) {
        h = (h ^ c) * PRIME;
        i++;
      } else {
        while (i < to && TextNormalizer.classOf(chars[i]) == TextNormalizer.WORD) {
          h = (h ^ chars[i]) * PRIME;
          i++;
        }
      }
      t.add(from, i, h);
    }
    return t;
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
