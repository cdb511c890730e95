package dev.newsflow.bench.e2e;

import dev.newsflow.bench.SyntheticNews;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latency from each article's due send time to the first output that shows it, per hop, for the articles
 * of one measurement window. How an output is matched to the article that caused it:
 * <ul>
 *   <li>{@link Hop#ENRICHED}: the {@code articles.enriched} record whose key is the article's id;</li>
 *   <li>{@link Hop#SUMMARY}: the first {@code company.summary} record, of any company, whose latest
 *       headlines list the article's id. Only articles whose enriched record names a company can be
 *       summarised; the others are not expected;</li>
 *   <li>{@link Hop#ALERT}: the first {@code alerts} record whose evidence holds the article's id; expected
 *       for the articles that carry the watch keyword and are their own story. A rule fires once per story, so
 *       a watched article that the pipeline puts in another article's story (its latest enriched record's
 *       {@code storyId} is not its own id) is covered by that story's alert, which need not name it;</li>
 *   <li>{@link Hop#WEBHOOK}: the first webhook request received whose alert's evidence holds the id.</li>
 * </ul>
 * An expected output not seen by {@link #finish} is recorded as missing, with the time waited so far as
 * its latency (a lower bound), so that a stalled pipeline shows in the percentiles instead of vanishing.
 */
final class LatencyTracker {
  /** One hop from publication to an output. */
  enum Hop {
    ENRICHED("publish -> articles.enriched"),
    SUMMARY("publish -> company.summary"),
    ALERT("publish -> alerts"),
    WEBHOOK("publish -> webhook delivered");

    final String label;

    Hop(String label) {
      this.label = label;
    }
  }

  /** Percentiles of one hop, in milliseconds, with how many articles were expected, seen and missing. */
  record Percentiles(double p50, double p99, double p999, double max, long expected, long seen, long missing) {}

  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(30);
  private static final long NOT_SENT = Long.MIN_VALUE;

  private final SyntheticNews.Feed feed;
  private final long first;
  private final long[] due;
  private final long[][] seen = new long[Hop.values().length][];
  private final boolean[] namesCompany;
  private final boolean[] duplicate;
  private final boolean[] inAnothersStory;
  private final Map<Hop, Histogram> histograms = new EnumMap<>(Hop.class);

  /** Tracks articles {@code first} to {@code first + capacity - 1}; others are ignored. */
  LatencyTracker(SyntheticNews.Feed feed, long first, int capacity) {
    this.feed = feed;
    this.first = first;
    this.due = new long[capacity];
    Arrays.fill(due, NOT_SENT);
    for (Hop hop : Hop.values()) {
      seen[hop.ordinal()] = new long[capacity];
      Arrays.fill(seen[hop.ordinal()], NOT_SENT);
      histograms.put(hop, new Histogram(HIGHEST_MICROS, 3));
    }
    this.namesCompany = new boolean[capacity];
    this.duplicate = new boolean[capacity];
    this.inAnothersStory = new boolean[capacity];
  }

  synchronized void sent(long index, long dueNanos) {
    int slot = slot(index);
    if (slot >= 0) {
      due[slot] = dueNanos;
    }
  }

  /** {@code storyId}: the story the record puts the article in (a later correction may move it). */
  synchronized void enriched(String articleId, boolean names, boolean isDuplicate, String storyId, long seenNanos) {
    int slot = slot(SyntheticNews.Feed.index(articleId));
    if (slot >= 0 && due[slot] != NOT_SENT) {
      namesCompany[slot] |= names;
      duplicate[slot] = isDuplicate;
      inAnothersStory[slot] = !articleId.equals(storyId);
      record(Hop.ENRICHED, slot, seenNanos);
    }
  }

  synchronized void summarised(List<String> headlineIds, long seenNanos) {
    for (String id : headlineIds) {
      int slot = slot(SyntheticNews.Feed.index(id));
      if (slot >= 0 && due[slot] != NOT_SENT) {
        record(Hop.SUMMARY, slot, seenNanos);
      }
    }
  }

  synchronized void alerted(List<String> evidence, long seenNanos) {
    evidence(Hop.ALERT, evidence, seenNanos);
  }

  synchronized void delivered(List<String> evidence, long seenNanos) {
    evidence(Hop.WEBHOOK, evidence, seenNanos);
  }

  /** True once every expected output of every article sent has been seen. */
  synchronized boolean complete() {
    for (int slot = 0; slot < due.length; slot++) {
      if (due[slot] == NOT_SENT) {
        continue;
      }
      for (Hop hop : Hop.values()) {
        if (expected(hop, slot) && seen[hop.ordinal()][slot] == NOT_SENT) {
          return false;
        }
      }
    }
    return true;
  }

  /** Records what is still missing at {@code nowNanos} and returns the percentiles of every hop. */
  synchronized Map<Hop, Percentiles> finish(long nowNanos) {
    Map<Hop, Percentiles> out = new EnumMap<>(Hop.class);
    for (Hop hop : Hop.values()) {
      long expected = 0;
      long missing = 0;
      for (int slot = 0; slot < due.length; slot++) {
        if (due[slot] == NOT_SENT || !expected(hop, slot)) {
          continue;
        }
        expected++;
        if (seen[hop.ordinal()][slot] == NOT_SENT) {
          missing++;
          histograms.get(hop).recordValue(micros(nowNanos - due[slot]));
        }
      }
      Histogram h = histograms.get(hop);
      out.put(hop, new Percentiles(ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)),
          ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), expected, expected - missing, missing));
    }
    return out;
  }

  /** Watched articles sent in the window that the pipeline put in another article's story (no alert of their own). */
  synchronized long watchedInAnothersStory() {
    long n = 0;
    for (int slot = 0; slot < due.length; slot++) {
      n += due[slot] != NOT_SENT && feed.watched(first + slot) && inAnothersStory[slot] ? 1 : 0;
    }
    return n;
  }

  /** The share of enriched articles in the window that the pipeline marked as repeats. */
  synchronized double duplicateShare() {
    return shareOfEnriched(duplicate);
  }

  /** The share of enriched articles in the window that name at least one company. */
  synchronized double linkedShare() {
    return shareOfEnriched(namesCompany);
  }

  /** Of the articles sent in the window and seen enriched, the share whose slot in {@code flag} is set. */
  private double shareOfEnriched(boolean[] flag) {
    long enriched = 0;
    long flagged = 0;
    for (int slot = 0; slot < due.length; slot++) {
      if (due[slot] != NOT_SENT && seen[Hop.ENRICHED.ordinal()][slot] != NOT_SENT) {
        enriched++;
        flagged += flag[slot] ? 1 : 0;
      }
    }
    return enriched == 0 ? 0 : (double) flagged / enriched;
  }

  private boolean expected(Hop hop, int slot) {
    return switch (hop) {
      case ENRICHED -> true;
      // An article never enriched is expected everywhere it could have gone: it is missing, not excused.
      case SUMMARY -> namesCompany[slot] || seen[Hop.ENRICHED.ordinal()][slot] == NOT_SENT;
      case ALERT, WEBHOOK -> feed.watched(first + slot) && !inAnothersStory[slot];
    };
  }

  private void evidence(Hop hop, List<String> evidence, long seenNanos) {
    for (String id : evidence) {
      int slot = slot(SyntheticNews.Feed.index(id));
      if (slot >= 0 && due[slot] != NOT_SENT) {
        record(hop, slot, seenNanos);
      }
    }
  }

  private void record(Hop hop, int slot, long seenNanos) {
    long[] first = seen[hop.ordinal()];
    if (first[slot] == NOT_SENT) {
      first[slot] = seenNanos;
      histograms.get(hop).recordValue(micros(seenNanos - due[slot]));
    }
  }

  private int slot(long index) {
    long slot = index - first;
    return index < 0 || slot < 0 || slot >= due.length ? -1 : (int) slot;
  }

  private static long micros(long nanos) {
    return Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1_000));
  }

  private static double ms(long micros) {
    return Math.round(micros / 100.0) / 10.0;
  }
}
