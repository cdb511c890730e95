package dev.newsflow.streams.enrich.dedup;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dedup in one process, for the offline commands: the same buckets and rules as the streams
 * topology, held in memory. Corrections update earlier articles, so {@link #decision} and {@link #story} are
 * final once every article is added.
 */
public final class StoryIndex {
  private final Map<String, Bucket> buckets = new HashMap<>();
  /** Each article's last filing, as the streams topology keeps it per partition ({@code dedup-filings}). */
  private final Map<String, ProbeBatch> filings = new HashMap<>();
  private final Map<String, Verdict> decisions = new LinkedHashMap<>();
  private final Map<String, Verdict> stories = new HashMap<>();
  private final int size;

  /** {@code size}: how many members each bucket keeps ({@code dedup.bucket.size}). */
  public StoryIndex(int size) {
    this.size = size;
  }

  public StoryIndex() {
    this(Bucket.DEFAULT_SIZE);
  }

  /** Files an article and returns its verdict as of now. */
  public Verdict add(Probe probe, List<String> keys) {
    return add(probe, keys, List.of());
  }

  /** Files an article under {@code keys}, compares it with the buckets of {@code lookups}, and returns its verdict as of now. */
  public Verdict add(Probe probe, List<String> keys, List<String> lookups) {
    ProbeBatch.Buckets held = ProbeBatch.Buckets.of(buckets);
    ProbeBatch batch = new ProbeBatch(0, probe, keys, lookups);
    ProbeBatch earlier = filings.put(probe.articleId(), batch.filing());
    if (earlier != null) {
      batch.withdrawEarlier(earlier, held);
    }
    for (Verdict v : batch.fileIn(held, size, Bucket.Comparisons.NONE)) {
      (v.isStory() ? stories : decisions).merge(v.articleId(), v, Decision::better);
    }
    return decisions.get(probe.articleId());
  }

  /** The verdict for an article, or null when it was never added. */
  public Verdict decision(String articleId) {
    return decisions.get(articleId);
  }

  /** The article's earliest story match ({@link StoryMarks}), or null when it has none. */
  public Verdict story(String articleId) {
    return stories.get(articleId);
  }
}
