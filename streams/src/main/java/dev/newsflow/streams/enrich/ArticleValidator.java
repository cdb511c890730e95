package dev.newsflow.streams.enrich;

import dev.newsflow.contract.ArticleContract;
import dev.newsflow.contract.ArticleText;
import dev.newsflow.schema.Article;
import java.util.Optional;

/**
 * The checks an article must pass before enrichment: the contract every door applies
 * ({@link ArticleContract}), as a {@link Rejection} the topology routes to the dead-letter topic with the
 * violation's error type ({@code INVALID_ARTICLE} or {@code OVERSIZED_ARTICLE}). Producers check too, but
 * the raw topic is open to any producer, so the streams application checks again.
 */
public final class ArticleValidator {
  private ArticleValidator() {}

  /** Empty when {@code article} (in its text normal form: {@link ArticleText#cleaned}) is usable. */
  public static Optional<Rejection> check(Article article) {
    return ArticleContract.check(article).first().map(v -> new Rejection(v.reason().errorType(),
        (article.getId() == null || article.getId().isBlank() ? "article" : "article " + article.getId()) + ": " + v));
  }
}
