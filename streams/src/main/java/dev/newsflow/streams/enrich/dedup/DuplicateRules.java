package dev.newsflow.streams.enrich.dedup;

import java.util.Objects;

/**
 * When one article repeats another, in order of strength: the same canonical URL; the same folded
 * content; a near-duplicate text (estimated Jaccard similarity of shingles at least
 * {@value #NEAR_DUPLICATE}); or the same headline over an edited text (at least {@value #REVISED}).
 */
public final class DuplicateRules {
  /**
   * The rules' version in {@code enrichmentVersion}; 2 added stories of distinct reports ({@link StoryMarks}), 3
   * folded amounts to their value, took Chinese product names and asked a story match for a shared detail.
   */
  public static final String VERSION = "dedup-3";
  public static final double NEAR_DUPLICATE = 0.6;
  public static final double REVISED = 0.1;

  private DuplicateRules() {}

  /** A match between two articles: the rule and the similarity; null when they are not copies. */
  public record Match(String rule, double similarity) {}

  public static Match match(Probe a, Probe b) {
    if (a.canonicalUrl() != null && Objects.equals(a.canonicalUrl(), b.canonicalUrl())) {
      return new Match("exact-url", 1.0);
    }
    if (a.contentHash() == b.contentHash()) {
      return new Match("exact-content", 1.0);
    }
    double similarity = Fingerprint.similarity(a.signature(), b.signature());
    if (similarity >= NEAR_DUPLICATE) {
      return new Match("near-duplicate", round(similarity));
    }
    if (a.titleHash() != 0 && a.titleHash() == b.titleHash() && similarity >= REVISED) {
      return new Match("revised", round(similarity));
    }
    return null;
  }

  private static double round(double d) {
    return Math.round(d * 1000) / 1000.0;
  }
}
