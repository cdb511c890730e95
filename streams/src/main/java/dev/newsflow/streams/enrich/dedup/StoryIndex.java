package dev.newsflow.streams.enrich.dedup;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dedup in one process, for the offline commands: the same buckets and rules as the streams
 * topology, held in memory. Corrections update earlier articles, so {@link #decision} is final once
 * every article is added.
 */
public final class StoryIndex {
  private final Map<String, Bucket> buckets = new HashMap<>();
  private final Map<String, Verdict> decisions = new LinkedHashMap<>();
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
    Verdict best = Verdict.none(probe);
    for (String key : keys) {
      List<Verdict> verdicts = buckets.computeIfAbsent(key, k -> Bucket.empty()).probe(probe, size, Bucket.Comparisons.NONE);
      best = Decision.better(best, verdicts.get(0));
      for (Verdict correction : verdicts.subList(1, verdicts.size())) {
        decisions.merge(correction.articleId(), correction, Decision::better);
      }
    }
    decisions.merge(probe.articleId(), best, Decision::better);
    return decisions.get(probe.articleId());
  }

  /** The verdict for an article, or null when it was never added. */
  public Verdict decision(String articleId) {
    return decisions.get(articleId);
  }
}
