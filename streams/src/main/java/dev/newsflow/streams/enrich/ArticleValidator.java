package dev.newsflow.streams.enrich;

import dev.newsflow.contract.ArticleContract;
import dev.newsflow.contract.ArticleText;
import dev.newsflow.contract.PublishedAtRule;
import dev.newsflow.schema.Article;
import java.util.Optional;

/**
 * The checks an article must pass before enrichment: the contract every door applies
 * ({@link ArticleContract}), as a {@link Rejection} the topology routes to the dead-letter topic with the
 * violation's error type ({@code INVALID_ARTICLE} or {@code OVERSIZED_ARTICLE}). Producers check too, but
 * the raw topic is open to any producer, so the streams application checks again. The article is judged at
 * the time its record arrived ({@link PublishedAtRule#check(Article, long)}), not at the time it is read, so
 * that re-reading the topic gives every article the verdict it had.
 */
public final class ArticleValidator {
  private ArticleValidator() {}

  /**
   * Empty when {@code article} (in its text normal form: {@link ArticleText#cleaned}), read from a record
   * with timestamp {@code recordTimestamp}, is usable.
   */
  public static Optional<Rejection> check(Article article, PublishedAtRule rule, long recordTimestamp) {
    return rule.check(article, recordTimestamp).first().map(v -> new Rejection(v.reason().errorType(),
        (article.getId() == null || article.getId().isBlank() ? "article" : "article " + article.getId()) + ": " + v));
  }
}
