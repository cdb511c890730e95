package dev.newsflow.producer.poll;

import dev.newsflow.config.ConfigException;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.contract.PublishedAtRule;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The feed poller's settings (README, "Configuration"): how often, how long, how much, and where its
 * state lives; {@code maxFuture} is {@code articles.max.future}, how far ahead of the poll an item may be dated.
 */
public record FeedSettings(Duration interval, Duration connectTimeout, Duration requestTimeout, int maxRedirects,
    int maxBytes, Duration backoffInitial, Duration backoffMax, Path stateDir, int seenPerFeed, int concurrency,
    String userAgent, Duration maxFuture) {
  public static final String INTERVAL = "feed.interval";
  public static final String CONNECT_TIMEOUT = "feed.connect.timeout";
  public static final String TIMEOUT = "feed.timeout";
  public static final String MAX_REDIRECTS = "feed.max.redirects";
  public static final String MAX_BYTES = "feed.max.bytes";
  public static final String BACKOFF_INITIAL = "feed.backoff.initial";
  public static final String BACKOFF_MAX = "feed.backoff.max";
  public static final String STATE_DIR = "feed.state.dir";
  public static final String SEEN_PER_FEED = "feed.seen.max";
  public static final String CONCURRENCY = "feed.concurrency";
  public static final String USER_AGENT = "feed.user.agent";

  public static FeedSettings from(NewsflowConfig config) {
    FeedSettings settings = new FeedSettings(
        config.getDuration(INTERVAL, Duration.ofMinutes(15)),
        config.getDuration(CONNECT_TIMEOUT, Duration.ofSeconds(10)),
        config.getDuration(TIMEOUT, Duration.ofSeconds(30)),
        config.getInt(MAX_REDIRECTS, 5),
        config.getInt(MAX_BYTES, 10 * 1024 * 1024),
        config.getDuration(BACKOFF_INITIAL, Duration.ofMinutes(1)),
        config.getDuration(BACKOFF_MAX, Duration.ofHours(6)),
        Path.of(config.get(STATE_DIR, ".newsflow/feeds")),
        config.getInt(SEEN_PER_FEED, 10_000),
        config.getInt(CONCURRENCY, 4),
        config.get(USER_AGENT, "newsflow-feed-poller/0.1"),
        PublishedAtRule.from(config).maxFuture());
    settings.validate();
    return settings;
  }

  void validate() {
    require(!interval.isNegative() && !interval.isZero(), INTERVAL + " must be positive");
    require(!requestTimeout.isNegative() && !requestTimeout.isZero(), TIMEOUT + " must be positive");
    require(!connectTimeout.isNegative() && !connectTimeout.isZero(), CONNECT_TIMEOUT + " must be positive");
    require(maxRedirects >= 0, MAX_REDIRECTS + " must be 0 or more");
    require(maxBytes > 0, MAX_BYTES + " must be positive");
    require(!backoffInitial.isNegative() && backoffMax.compareTo(backoffInitial) >= 0,
        BACKOFF_MAX + " must be at least " + BACKOFF_INITIAL);
    require(seenPerFeed > 0, SEEN_PER_FEED + " must be positive");
    require(concurrency > 0, CONCURRENCY + " must be positive");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new ConfigException(message);
    }
  }
}
