package dev.newsflow.streams.aggregate.profile;

import dev.newsflow.streams.event.ArticleFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One hour of a company's articles, by publication time: how many, their sentiment, which outlets
 * (source key → articles), and a few article ids as evidence for alerts (the smallest ids).
 *
 * <p>Outlets are listed up to {@link #SOURCES_LISTED} an hour, so that a company's hours fit in one Kafka record
 * however many outlets write about it. Beyond that the hour lists the outlets whose {@link #outletHash} is
 * below {@code sourceCut} (the smallest hashes: the same outlets whatever order their articles came in) and
 * counts the other outlets' articles in {@code unlisted}; {@link #distinctSources} then estimates the number
 * of outlets from the listed ones.
 *
 * @param unlisted articles (with an outlet) whose outlet is not listed
 * @param sourceCut 0 while every outlet is listed; else outlets are listed when their hash is below it
 *     (compared unsigned)
 */
public record HourBucket(long articles, long sentimentSum, long sentimentCount, Map<String, Long> sources,
    List<String> evidence, long unlisted, long sourceCut) {
  /** Article ids kept per hour as evidence. */
  public static final int EVIDENCE = 10;
  /** Outlets listed per hour at the most. */
  public static final int SOURCES_LISTED = 32;

  public static final HourBucket EMPTY = new HourBucket(0, 0, 0, Map.of(), List.of(), 0, 0);

  HourBucket minus(ArticleFacts f) {
    Map<String, Long> s = new HashMap<>(sources);
    long u = unlisted;
    String key = f.sourceKey();
    if (key != null) {
      if (listed(outletHash(key), sourceCut)) {
        s.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
      } else if (u > 0) {
        u--;
      }
    }
    List<String> e = new ArrayList<>(evidence);
    e.remove(f.articleId());
    boolean hasSentiment = f.sentimentMicros() != null;
    return new HourBucket(articles - 1, sentimentSum - (hasSentiment ? f.sentimentMicros() : 0),
        sentimentCount - (hasSentiment ? 1 : 0), s, e, u, sourceCut);
  }

  HourBucket plus(ArticleFacts f) {
    Map<String, Long> s = new HashMap<>(sources);
    long u = unlisted;
    long cut = sourceCut;
    String key = f.sourceKey();
    if (key != null) {
      if (listed(outletHash(key), cut)) {
        s.merge(key, 1L, Long::sum);
        if (s.size() > SOURCES_LISTED) {
          // Unlist the outlet with the largest hash: the cut comes down to it.
          cut = 0;
          for (String listedKey : s.keySet()) {
            long h = outletHash(listedKey);
            cut = Long.compareUnsigned(h, cut) > 0 ? h : cut;
          }
          for (var it = s.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (!listed(outletHash(entry.getKey()), cut)) {
              u += entry.getValue();
              it.remove();
            }
          }
        }
      } else {
        u++;
      }
    }
    // The smallest ids, not the first to arrive: the same evidence for any arrival order.
    List<String> e = new ArrayList<>(evidence);
    if (!e.contains(f.articleId())) {
      e.add(f.articleId());
      e.sort(null);
    }
    if (e.size() > EVIDENCE) {
      e = new ArrayList<>(e.subList(0, EVIDENCE));
    }
    boolean hasSentiment = f.sentimentMicros() != null;
    return new HourBucket(articles + 1, sentimentSum + (hasSentiment ? f.sentimentMicros() : 0),
        sentimentCount + (hasSentiment ? 1 : 0), s, e, u, cut);
  }

  boolean isEmpty() {
    return articles == 0 && sources.isEmpty() && unlisted == 0;
  }

  private static boolean listed(long hash, long cut) {
    return cut == 0 || Long.compareUnsigned(hash, cut) < 0;
  }

  /**
   * Distinct outlets over some hours: exact while every hour lists all its outlets. Otherwise an estimate
   * from the outlets below the lowest cut, which every hour lists: each outlet's hash falls below that cut
   * with the cut's share of all hashes, so their number over that share (never fewer than those seen).
   */
  public static int distinctSources(Iterable<HourBucket> buckets) {
    long cut = 0;
    for (HourBucket b : buckets) {
      if (b.sourceCut() != 0 && (cut == 0 || Long.compareUnsigned(b.sourceCut(), cut) < 0)) {
        cut = b.sourceCut();
      }
    }
    Set<String> seen = new HashSet<>();
    for (HourBucket b : buckets) {
      for (String key : b.sources().keySet()) {
        if (listed(outletHash(key), cut)) {
          seen.add(key);
        }
      }
    }
    if (cut == 0) {
      return seen.size();
    }
    double share = (cut >>> 1) / 0x1p63; // the unsigned cut over 2^64
    return (int) Math.min(Integer.MAX_VALUE, Math.max(seen.size(), Math.round(seen.size() / share)));
  }

  /** A stable 64-bit hash of an outlet's key (FNV-1a over its chars, then a finalizing mix). */
  static long outletHash(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb93fe53ad80dL;
    h ^= h >>> 33;
    return h == 0 ? 1 : h; // 0 means "no cut"
  }
}
