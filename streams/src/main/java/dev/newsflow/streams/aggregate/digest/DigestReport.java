package dev.newsflow.streams.aggregate.digest;

import dev.newsflow.streams.event.ArticleFacts;

/**
 * What one article keeps for its company's digest: small, and without its text (the key sentence was chosen
 * when the article arrived). Plain data, kept as JSON in the digest's store.
 *
 * @param outlet the outlet as compared for distinct sources ({@link ArticleFacts#sourceKey}); null when unknown
 * @param sentimentMicros sentiment toward the company in millionths, null when unknown
 * @param mentions how many times the article names the company
 * @param repeat whether the article is a near-identical repeat of another ({@code duplicateOf})
 * @param keySentence the article's key sentence for the company ({@link dev.newsflow.streams.phrases.KeySentence}), null when none
 * @param keySentenceNames how many of the company's names and products that sentence holds
 */
public record DigestReport(String articleId, String storyId, String outlet, String language, long publishedAt,
    Long sentimentMicros, int mentions, boolean repeat, String keySentence, int keySentenceNames) {

  public static DigestReport of(ArticleFacts f) {
    return new DigestReport(f.articleId(), f.storyId() == null ? f.articleId() : f.storyId(), f.sourceKey(),
        f.language(), f.publishedAt(), f.sentimentMicros(), f.mentions(), f.duplicateOf() != null,
        f.keySentence() == null ? null : f.keySentence().text(),
        f.keySentence() == null ? 0 : f.keySentence().names());
  }
}
