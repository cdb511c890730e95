package dev.newsflow.streams.enrich.dedup;

import dev.newsflow.schema.EnrichedArticle;

/**
 * A bucket's answer about one article ({@code articleId}, at {@code version}): the earlier article it
 * repeats ({@code originalId}, null when the bucket holds none), by which rule and how similar. A
 * {@code correction} tells an article already answered that an earlier original turned up later.
 */
public record Verdict(String articleId, String version, boolean correction, String originalId, long originalOrder,
    String rule, double similarity) {

  static Verdict none(Probe p) {
    return new Verdict(p.articleId(), p.version(), false, null, 0, null, 0);
  }

  public boolean matched() {
    return originalId != null;
  }

  /**
   * The article marked with a verdict: a repeat names its original and joins its story; with no
   * match (or no verdict) the article is its own story.
   */
  public static EnrichedArticle mark(EnrichedArticle article, Verdict verdict) {
    EnrichedArticle out = EnrichedArticle.newBuilder(article).build();
    if (verdict != null && verdict.matched()) {
      out.setDuplicateOf(verdict.originalId());
      out.setStoryId(verdict.originalId());
      out.setDuplicateRule(verdict.rule() + ":" + verdict.similarity());
    } else {
      out.setDuplicateOf(null);
      out.setStoryId(article.getId());
      out.setDuplicateRule(null);
    }
    return out;
  }
}
