package dev.newsflow.contract;

import dev.newsflow.schema.Article;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an article must be for newsflow to take it, judged once for every door: {@code import} and
 * {@code ingest-server} (through the producer's record checks), {@code enrich}, and the streams
 * application, which checks again because the raw topic is open to any producer. Each door reports a
 * refusal its own way (a line, a JSON error, a dead letter) but the verdict and its words are these.
 *
 * <p>Judge the article in its text normal form ({@link ArticleText#cleaned}, or {@link ArticleText#clean} in
 * place): an article refused here is refused everywhere, an article taken here is taken everywhere. Not
 * judged: {@code language} (any tag) and {@code publishedAt} (any date).
 */
public final class ArticleContract {
  /** The dead-letter error type of a refused article that is malformed (a stable name: metrics and tools count by it). */
  public static final String INVALID_ARTICLE = "INVALID_ARTICLE";
  /** The dead-letter error type of an article over a size limit. */
  public static final String OVERSIZED_ARTICLE = "OVERSIZED_ARTICLE";

  private ArticleContract() {}

  /** Why an article is refused. */
  public enum Reason {
    /** The id is empty or only white space. */
    BLANK_ID(INVALID_ARTICLE),
    /** The id starts or ends with white space: two spellings of one key. */
    PADDED_ID(INVALID_ARTICLE),
    /** The id is over {@link ArticleLimits#MAX_ID_CHARS}. */
    ID_TOO_LONG(OVERSIZED_ARTICLE),
    /** The title is empty or only white space: every reader of an article shows its title. */
    BLANK_TITLE(INVALID_ARTICLE),
    /** The title is over {@link ArticleLimits#MAX_TITLE_CHARS}. */
    TITLE_TOO_LONG(OVERSIZED_ARTICLE),
    /** The body is over {@link ArticleLimits#MAX_BODY_CHARS}. */
    BODY_TOO_LONG(OVERSIZED_ARTICLE),
    /** The url is over {@link ArticleLimits#MAX_URL_CHARS}. */
    URL_TOO_LONG(OVERSIZED_ARTICLE),
    /** The url is not an absolute http(s) URL ({@link ArticleUrls#isWebUrl}): {@code javascript:} and the like. */
    URL_NOT_WEB(INVALID_ARTICLE),
    /** The source, language or author is over {@link ArticleLimits#MAX_FIELD_CHARS}. */
    FIELD_TOO_LONG(OVERSIZED_ARTICLE);

    private final String errorType;

    Reason(String errorType) {
      this.errorType = errorType;
    }

    /** The dead-letter error type: {@link #INVALID_ARTICLE} or {@link #OVERSIZED_ARTICLE}. */
    public String errorType() {
      return errorType;
    }
  }

  /** One thing wrong with one field, in the words every door reports: {@code field: message}. */
  public record Violation(Reason reason, String field, String message) {
    @Override
    public String toString() {
      return field + ": " + message;
    }
  }

  /** Taken when there is no violation; else every violation, in the order the fields are checked. */
  public record Verdict(List<Violation> violations) {
    public Verdict {
      violations = List.copyOf(violations);
    }

    public boolean accepted() {
      return violations.isEmpty();
    }

    /** The first violation: the one a door that reports one reason (a dead letter) names. */
    public Optional<Violation> first() {
      return violations.stream().findFirst();
    }
  }

  /** The verdict on {@code article}, as it is (clean its text first). */
  public static Verdict check(Article article) {
    List<Violation> violations = new ArrayList<>();
    String id = article.getId();
    if (isBlank(id)) {
      violations.add(new Violation(Reason.BLANK_ID, "id", "must not be blank"));
    } else if (!id.equals(id.strip())) {
      violations.add(new Violation(Reason.PADDED_ID, "id", "must not start or end with white space"));
    }
    length(Reason.ID_TOO_LONG, "id", id, ArticleLimits.MAX_ID_CHARS, violations);
    if (isBlank(article.getTitle())) {
      violations.add(new Violation(Reason.BLANK_TITLE, "title", "must not be blank"));
    }
    length(Reason.TITLE_TOO_LONG, "title", article.getTitle(), ArticleLimits.MAX_TITLE_CHARS, violations);
    length(Reason.BODY_TOO_LONG, "body", article.getBody(), ArticleLimits.MAX_BODY_CHARS, violations);
    link("url", article.getUrl()).ifPresent(violations::add);
    length(Reason.FIELD_TOO_LONG, "source", article.getSource(), ArticleLimits.MAX_FIELD_CHARS, violations);
    length(Reason.FIELD_TOO_LONG, "language", article.getLanguage(), ArticleLimits.MAX_FIELD_CHARS, violations);
    length(Reason.FIELD_TOO_LONG, "author", article.getAuthor(), ArticleLimits.MAX_FIELD_CHARS, violations);
    return new Verdict(violations);
  }

  /** What is wrong with a link ({@code field}: an article's or a release's url), if anything; null is no link. */
  public static Optional<Violation> link(String field, String url) {
    if (url == null) {
      return Optional.empty();
    }
    if (url.length() > ArticleLimits.MAX_URL_CHARS) {
      return Optional.of(new Violation(Reason.URL_TOO_LONG, field, overLimit(url.length(), ArticleLimits.MAX_URL_CHARS)));
    }
    if (!ArticleUrls.isWebUrl(url)) {
      return Optional.of(new Violation(Reason.URL_NOT_WEB, field, "must be an absolute http(s) URL, got '"
          + ArticleText.truncate(Whitespace.collapse(url), 80) + "'"));
    }
    return Optional.empty();
  }

  /** The words for a text over its limit, for every record's fields: {@code is N characters; the limit is M}. */
  public static String overLimit(int length, int max) {
    return "is " + length + " characters; the limit is " + max;
  }

  private static void length(Reason reason, String field, String value, int max, List<Violation> violations) {
    if (value != null && value.length() > max) {
      violations.add(new Violation(reason, field, overLimit(value.length(), max)));
    }
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
