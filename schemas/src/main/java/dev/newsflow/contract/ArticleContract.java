package dev.newsflow.contract;

import dev.newsflow.schema.Article;
import java.time.Duration;
import java.time.Instant;
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
 * place): an article refused here is refused everywhere, an article taken here is taken everywhere, at the
 * same moment. {@code publishedAt} is judged against the moment the article is judged ({@link PublishedAtRule}:
 * the wall clock at a door, the time the record arrived in the streams application): more than
 * {@code articles.max.future} ahead is refused, any past date is taken. Not judged: {@code language} (any tag).
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
    FIELD_TOO_LONG(OVERSIZED_ARTICLE),
    /**
     * publishedAt is more than {@link PublishedAtRule#maxFuture} after the moment the article is judged: a
     * wrong clock or time zone, whose date would move the streams application's event-time clocks ahead.
     */
    FUTURE_PUBLISHED_AT(INVALID_ARTICLE),
    /**
     * publishedAt is before 1970-01-01T00:00:00Z: event time travels as the Kafka record's time inside the streams
     * application, and a record's time cannot be earlier.
     */
    PUBLISHED_BEFORE_1970(INVALID_ARTICLE);

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

  /**
   * The verdict on {@code article}, as it is (clean its text first), judged at {@code judgedAt}: its
   * {@code publishedAt} may be at most {@code maxFuture} after that. Doors call {@link PublishedAtRule#check}.
   */
  public static Verdict check(Article article, Instant judgedAt, Duration maxFuture) {
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
    Instant publishedAt = article.getPublishedAt();
    if (publishedAt != null) {
      outOfBounds(publishedAt, judgedAt, maxFuture).ifPresent(bound -> violations.add(new Violation(
          bound == TimeBound.BEFORE_1970 ? Reason.PUBLISHED_BEFORE_1970 : Reason.FUTURE_PUBLISHED_AT, "publishedAt",
          bound.message(publishedAt, maxFuture, "article"))));
    }
    return new Verdict(violations);
  }

  /** Which bound an event time ({@code publishedAt}, a release's {@code releasedAt}) is past. */
  public enum TimeBound {
    /** Before 1970: no Kafka record time is earlier, and event time travels as one inside streams. */
    BEFORE_1970,
    /** More than {@code articles.max.future} after the moment it is judged. */
    TOO_FAR_AHEAD;

    /** What every door says of it, the same words at each; {@code what}: "article" or "release". */
    public String message(Instant time, Duration maxFuture, String what) {
      if (this == BEFORE_1970) {
        return "must be 1970-01-01T00:00:00Z or later (a Kafka record's time cannot be earlier), got " + time;
      }
      // Not the moment it was judged: each door judges at its own, and every door must say the same words.
      return "must be at most " + format(maxFuture) + " after the " + what + " arrives (" + PublishedAtRule.MAX_FUTURE
          + "), got " + time;
    }
  }

  /** The bound {@code time} is past, judged at {@code judgedAt}; empty when it is within both. */
  public static Optional<TimeBound> outOfBounds(Instant time, Instant judgedAt, Duration maxFuture) {
    if (time.isBefore(Instant.EPOCH)) {
      return Optional.of(TimeBound.BEFORE_1970);
    }
    if (time.isAfter(judgedAt.plus(maxFuture))) {
      return Optional.of(TimeBound.TOO_FAR_AHEAD);
    }
    return Optional.empty();
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

  /** {@code duration} as settings write it: {@code 1d}, {@code 12h}, {@code 30m}, {@code 45s}, {@code 500ms}. */
  static String format(Duration duration) {
    long ms = duration.toMillis();
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (ms != 0 && ms % units[i] == 0) {
        return ms / units[i] + names[i];
      }
    }
    return ms + "ms";
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
