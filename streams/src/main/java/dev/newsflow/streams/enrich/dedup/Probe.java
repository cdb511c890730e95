package dev.newsflow.streams.enrich.dedup;

import java.util.Objects;

/**
 * One article's request to one bucket: "have you seen anything like me?". {@code order} is the
 * article's publication time (0 when unknown); ties break on the id, so every instance agrees on
 * which of two copies came first, whatever order they arrive in. {@code probes} is how many buckets
 * the article asked, so its answers can be counted. {@code story}: what story buckets compare
 * ({@link StoryMarks}; {@link StoryMarks#NONE} for an article that joins no story that way).
 */
public record Probe(String articleId, String version, long order, int probes, String canonicalUrl, long contentHash,
    long titleHash, int[] signature, StoryMarks story) {

  public Probe {
    story = Objects.requireNonNullElse(story, StoryMarks.NONE);
  }

  public static Probe of(String articleId, String version, long order, Fingerprint f) {
    return of(articleId, version, order, f, StoryMarks.NONE);
  }

  public static Probe of(String articleId, String version, long order, Fingerprint f, StoryMarks story) {
    return of(articleId, version, order, f, story,
        f.bucketKeys().size() + story.keys(order).size() + story.lookups(order).size());
  }

  /** As {@link #of(String, String, long, Fingerprint, StoryMarks)}, for a caller that has made the keys and counted them. */
  public static Probe of(String articleId, String version, long order, Fingerprint f, StoryMarks story, int probes) {
    return new Probe(articleId, version, order, probes, f.canonicalUrl(), f.contentHash(), f.titleHash(), f.signature(),
        story);
  }

  private static final int[] NO_SIGNATURE = new int[0];

  /**
   * The probe as a dedup bucket keeps it: without the story marks, which only story buckets compare. A bucket
   * is rewritten with all its members each time one is filed, so what a member carries is written again and again.
   */
  Probe forDedupBucket() {
    return story.isEmpty() ? this
        : new Probe(articleId, version, order, probes, canonicalUrl, contentHash, titleHash, signature, StoryMarks.NONE);
  }

  /** The probe as a story bucket keeps it: without the MinHash signature (252 bytes), which only dedup compares. */
  Probe forStoryBucket() {
    return new Probe(articleId, version, order, probes, canonicalUrl, contentHash, titleHash, NO_SIGNATURE, story);
  }

  /** True when this article counts as earlier than {@code other}. */
  public boolean precedes(Probe other) {
    return precedes(order, articleId, other.order, other.articleId);
  }

  static boolean precedes(long order, String id, long otherOrder, String otherId) {
    return order != otherOrder ? order < otherOrder : id.compareTo(otherId) < 0;
  }
}
