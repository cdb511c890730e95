package dev.newsflow.contract;

import dev.newsflow.config.ConfigException;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.schema.Article;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How far ahead of the moment it is judged an article's {@code publishedAt} may be ({@value #MAX_FUTURE},
 * default 1 day: time zones written wrong and clocks set wrong, not embargoed news), and the clock that says
 * when that moment is. The streams application's event-time clocks (activity windows, the company profiles,
 * the memory sweeps, alert retention) follow the newest {@code publishedAt} they have seen, so a single
 * article dated years ahead would make every later article late or forgotten: such an article is refused
 * at every door ({@link ArticleContract.Reason#FUTURE_PUBLISHED_AT}). The past is bounded only by Kafka: an
 * archive of old news is legitimate, and an old article is only late, never harmful to the clocks, but event time
 * travels as the record's time inside the streams application, and no record's time is before 1970
 * ({@link ArticleContract.Reason#PUBLISHED_BEFORE_1970}).
 */
public record PublishedAtRule(Duration maxFuture, Clock clock) {
  public static final String MAX_FUTURE = "articles.max.future";
  /** The longest tolerance that still protects the clocks: a year. */
  public static final Duration MAX_MAX_FUTURE = Duration.ofDays(366);

  public PublishedAtRule {
    if (maxFuture.isNegative() || maxFuture.compareTo(MAX_MAX_FUTURE) > 0) {
      throw new ConfigException(MAX_FUTURE + " must be between 0 and " + MAX_MAX_FUTURE.toDays() + "d, got "
          + ArticleContract.format(maxFuture));
    }
  }

  /** The default tolerance on the system clock. */
  public static PublishedAtRule standard() {
    return new PublishedAtRule(Duration.ofDays(1), Clock.systemUTC());
  }

  /** {@value #MAX_FUTURE} from {@code config}, on the system clock. */
  public static PublishedAtRule from(NewsflowConfig config) {
    return new PublishedAtRule(config.getDuration(MAX_FUTURE, Duration.ofDays(1)), Clock.systemUTC());
  }

  /** The same tolerance judged by {@code clock} (a test's fixed clock). */
  public PublishedAtRule withClock(Clock clock) {
    return new PublishedAtRule(maxFuture, clock);
  }

  /** The contract's verdict on {@code article} judged now: a door that receives it from a person or a file. */
  public ArticleContract.Verdict check(Article article) {
    return ArticleContract.check(article, clock.instant(), maxFuture);
  }

  /**
   * The verdict on {@code article} read from a Kafka record with timestamp {@code recordTimestamp}: judged at
   * the earlier of that time and now. The raw topics newsflow creates use LogAppendTime ({@code TopicAdmin}),
   * so the timestamp is when the broker stored the article, whoever produced it ({@code RecordPublisher}
   * leaves it unset anyway: never {@code publishedAt}); judged then, re-reading the topic months later gives
   * every article the verdict it had. On a topic created with CreateTime a producer could stamp a future
   * time (or {@code publishedAt} itself): capped at now, it cannot vouch for its own dates. A record without
   * a timestamp (negative) is judged now.
   */
  public ArticleContract.Verdict check(Article article, long recordTimestamp) {
    Instant now = clock.instant();
    Instant judgedAt = recordTimestamp >= 0 && recordTimestamp < now.toEpochMilli()
        ? Instant.ofEpochMilli(recordTimestamp) : now;
    return ArticleContract.check(article, judgedAt, maxFuture);
  }
}
