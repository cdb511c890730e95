package dev.newsflow.streams.enrich.dedup;

import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.ReportedRelease;
import dev.newsflow.streams.phrases.Phrases;
import java.util.Comparator;

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

  /** A story bucket's verdict ({@link StoryMarks}): the original is the earliest distinct report of the event. */
  public boolean isStory() {
    return StoryMarks.RULE.equals(rule);
  }

  /** The article marked with a dedup verdict alone (no story match). */
  public static EnrichedArticle mark(EnrichedArticle article, Verdict verdict) {
    return mark(article, verdict, null);
  }

  /**
   * The article marked with its verdicts: a repeat names its original ({@code verdict}). Its story is that of
   * the release it reports, when it reports a numbered one ({@link #releaseStory}): every report of one launch,
   * in any language or wording, is one story. Otherwise its story is the earliest, by ({@code publishedAt}, id),
   * of its original and of its earliest story match ({@code story}, {@link StoryMarks}); an article with
   * neither is its own story.
   */
  public static EnrichedArticle mark(EnrichedArticle article, Verdict verdict, Verdict story) {
    EnrichedArticle out = EnrichedArticle.newBuilder(article).build();
    String release = releaseStory(article);
    Verdict earliest = Decision.better(verdict != null && verdict.matched() ? verdict : null,
        story != null && story.matched() ? story : null);
    String storyId = release != null ? release : earliest != null ? earliest.originalId() : article.getId();
    out.setStoryId(storyId);
    if (verdict != null && verdict.matched()) {
      out.setDuplicateOf(verdict.originalId());
      out.setDuplicateRule(verdict.rule() + ":" + verdict.similarity());
    } else {
      out.setDuplicateOf(null);
      out.setDuplicateRule(null);
    }
    return out;
  }

  /** Most confident first; ties by company, product and version, so that the choice is the same in any order. */
  private static final Comparator<ReportedRelease> STORY_ORDER =
      Comparator.comparingDouble(ReportedRelease::getConfidence).reversed()
          .thenComparing(ReportedRelease::getCompanyId)
          .thenComparing(r -> Phrases.normalize(r.getProduct()))
          .thenComparing(r -> Phrases.normalize(r.getVersion()));

  /**
   * {@code release:<company>:<product>:<version>} (product and version in the phrase normal form) for the
   * most confident numbered release the article reports; null when it reports none.
   */
  static String releaseStory(EnrichedArticle article) {
    if (article.getDetectedReleases() == null) {
      return null;
    }
    return article.getDetectedReleases().stream()
        .filter(r -> r.getVersion() != null)
        .min(STORY_ORDER)
        .map(r -> "release:" + r.getCompanyId() + ":" + Phrases.normalize(r.getProduct()) + ":"
            + Phrases.normalize(r.getVersion()))
        .orElse(null);
  }
}
