package dev.newsflow.streams.enrich.dedup;

import dev.newsflow.contract.ArticleUrls;
import dev.newsflow.streams.enrich.text.ArticleText;
import dev.newsflow.streams.enrich.text.Tokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What dedup compares: the page the URL names ({@link ArticleUrls#identity}), a hash of the folded content (so spacing, case and
 * punctuation changes do not hide a copy), a hash of the folded headline, and a MinHash signature of
 * the text's 3-word shingles (CJK: 3-character shingles) whose agreement estimates Jaccard similarity.
 * The signature uses one-permutation hashing: one hash per shingle, {@value #BINS} bins, empty bins
 * filled from their neighbours, so its cost does not grow with the number of bins.
 */
public record Fingerprint(String canonicalUrl, long contentHash, long titleHash, int[] signature) {
  public static final int BINS = 63;
  /** LSH bands of {@value #ROWS} bins each: pairs with Jaccard 0.5 share a band with probability 0.93. */
  public static final int ROWS = 3;
  public static final int BANDS = BINS / ROWS;
  /** Headlines shorter than this (folded characters) are too generic to key on ("Results", "Update"). */
  static final int MIN_TITLE_CHARS = 12;
  private static final int SHINGLE = 3;

  public static Fingerprint of(ArticleText text, String url) {
    Tokens tokens = text.tokens();
    int n = tokens.size();
    long title = 0;
    int titleChars = 0;
    long content = 0x5bd1e995L;
    int[] mins = new int[BINS];
    Arrays.fill(mins, Integer.MAX_VALUE);
    long t1 = 0;
    long t2 = 0;
    for (int i = 0; i < n; i++) {
      long h = tokens.hash(i);
      if (tokens.start(i) < text.titleEnd()) {
        title = title * 0x9E3779B97F4A7C15L + h;
        titleChars += tokens.end(i) - tokens.start(i);
      }
      content = content * 0x9E3779B97F4A7C15L + h; // the content is its sequence of tokens
      if (i >= SHINGLE - 1) {
        shingle(mins, t1, t2, h);
      }
      t1 = t2;
      t2 = h;
    }
    densify(mins);
    return new Fingerprint(ArticleUrls.identity(url), content, titleChars >= MIN_TITLE_CHARS ? title : 0, mins);
  }

  private static void shingle(int[] mins, long t1, long t2, long t3) {
    long h = finish(t1 * 31 + t2 * 0x100000001B3L + t3);
    int bin = (int) (((h >>> 32) * BINS) >>> 32);
    int value = (int) h & 0x7FFFFFFF;
    if (value < mins[bin]) {
      mins[bin] = value;
    }
  }

  /** Empty bins take the next filled bin's value (rehashed by distance), so short texts still compare. */
  private static void densify(int[] mins) {
    boolean any = false;
    for (int m : mins) {
      any |= m != Integer.MAX_VALUE;
    }
    if (!any) {
      return;
    }
    int[] copy = mins.clone();
    for (int i = 0; i < BINS; i++) {
      if (copy[i] == Integer.MAX_VALUE) {
        int d = 1;
        while (copy[(i + d) % BINS] == Integer.MAX_VALUE) {
          d++;
        }
        mins[i] = (int) finish(copy[(i + d) % BINS] * 0x9E3779B97F4A7C15L + d) & 0x7FFFFFFF;
      }
    }
  }

  /** Estimated Jaccard similarity of two signatures: the share of bins that agree. */
  public static double similarity(int[] a, int[] b) {
    int same = 0;
    for (int i = 0; i < BINS; i++) {
      if (a[i] == b[i]) {
        same++;
      }
    }
    return (double) same / BINS;
  }

  /** The keys this fingerprint is filed under: URL, content, headline and one per LSH band. */
  public List<String> bucketKeys() {
    List<String> keys = new ArrayList<>(BANDS + 3);
    if (canonicalUrl != null) {
      keys.add("u:" + canonicalUrl);
    }
    keys.add("c:" + Long.toHexString(contentHash));
    if (titleHash != 0) {
      keys.add("t:" + Long.toHexString(titleHash));
    }
    for (int b = 0; b < BANDS; b++) {
      long h = b;
      for (int r = 0; r < ROWS; r++) {
        h = finish(h * 0x100000001B3L + signature[b * ROWS + r]);
      }
      keys.add("b" + b + ":" + Long.toHexString(h));
    }
    return keys;
  }

  private static long finish(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fingerprint f && java.util.Objects.equals(canonicalUrl, f.canonicalUrl)
        && contentHash == f.contentHash && titleHash == f.titleHash && Arrays.equals(signature, f.signature);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(contentHash);
  }

  @Override
  public String toString() {
    return "Fingerprint[" + canonicalUrl + ", " + Long.toHexString(contentHash) + "]";
  }
}
