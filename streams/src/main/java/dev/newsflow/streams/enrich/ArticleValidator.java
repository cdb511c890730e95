package dev.newsflow.streams.enrich;

import dev.newsflow.contract.ArticleLimits;
import dev.newsflow.schema.Article;
import java.util.Optional;

/**
 * The checks an article must pass before enrichment. Producers validate too, but the raw topic is open
 * to any producer, so the streams application checks again.
 */
public final class ArticleValidator {
  /** The limits every door applies ({@link ArticleLimits}). */
  public static final int MAX_TITLE_CHARS = ArticleLimits.MAX_TITLE_CHARS;
  public static final int MAX_BODY_CHARS = ArticleLimits.MAX_BODY_CHARS;

  private ArticleValidator() {}

  /** Empty when the article is usable. */
  public static Optional<Rejection> check(String key, Article article) {
    if (article.getId() == null || article.getId().isBlank()) {
      return Optional.of(new Rejection("INVALID_ARTICLE", "id is blank"));
    }
    if (article.getTitle().isBlank() && article.getBody().isBlank()) {
      return Optional.of(new Rejection("INVALID_ARTICLE", "article " + article.getId() + " has neither title nor body"));
    }
    if (article.getTitle().length() > MAX_TITLE_CHARS) {
      return Optional.of(new Rejection("OVERSIZED_ARTICLE", "article " + article.getId() + " has a title of "
          + article.getTitle().length() + " characters; the limit is " + MAX_TITLE_CHARS));
    }
    if (article.getBody().length() > MAX_BODY_CHARS) {
      return Optional.of(new Rejection("OVERSIZED_ARTICLE", "article " + article.getId() + " has a body of "
          + article.getBody().length() + " characters; the limit is " + MAX_BODY_CHARS));
    }
    return Optional.empty();
  }
}
