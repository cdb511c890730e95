package dev.newsflow.streams.aggregate;

import dev.newsflow.streams.state.ArticleMemory;
import dev.newsflow.config.ConfigException;
import dev.newsflow.config.NewsflowConfig;
import java.time.Duration;

/**
 * The aggregation's settings (keys and defaults are listed in the README's configuration table).
 *
 * @param grace how late (in event time) an article may arrive and still count in its activity windows: minutes
 *     for live news, the archive's span for a backfill ({@link #BACKFILL_GRACE}), since an archive reaches the
 *     windows out of event-time order across partitions; final windows wait this long
 * @param activityRetention how long closed windows stay queryable
 * @param top how many topics, co-mentioned companies and headlines an activity record lists
 * @param trendHalfLife how fast past hours fade from a company's usual hourly count
 * @param trendMinHistory history needed before a trend score is given
 * @param trendMinStddev floor of the standard deviation a trend score divides by
 * @param alertRetention how long (event time) after its newest evidence a story is remembered by the alert gate
 *     and a throttle window by the throttle; a repeat of a story older than that never fires (see AlertGate)
 * @param coverageLookback how long (event time) article texts are kept for counting release coverage
 * @param articleMemory how long what an article counted for (and, in enrichment, its content hash and
 *     dedup entries) is remembered after it was last written ({@code memory.retention}; see ArticleMemory)
 * @param partitions partitions of the repartition topics keyed by company
 * @param liveInterval how often (wall-clock time) the open activity windows that changed are published to
 *     {@code company.activity}: each changed hour of a company republishes its 1 h window and the 24 day
 *     windows holding it, so this bounds that fan-out (BENCHMARKS.md); and how often the companies' summaries are
 *     brought up to date once the news clock has entered a new hour (CompanyProfiles)
 */
public record AggregationSettings(
    Duration grace,
    Duration activityRetention,
    int top,
    Duration trendHalfLife,
    Duration trendMinHistory,
    double trendMinStddev,
    Duration alertRetention,
    Duration coverageLookback,
    Duration articleMemory,
    int partitions,
    Duration liveInterval) {

  public static final String GRACE = "activity.grace";
  public static final String RETENTION = "activity.retention";
  public static final String TOP = "activity.top";
  public static final String TREND_HALF_LIFE = "trend.half.life";
  public static final String TREND_MIN_HISTORY = "trend.min.history";
  public static final String TREND_MIN_STDDEV = "trend.min.stddev";
  public static final String ALERT_RETENTION = "alerts.dedup.retention";
  public static final String COVERAGE_LOOKBACK = "releases.coverage.lookback";
  public static final String ARTICLE_MEMORY = "memory.retention";
  public static final String LIVE_INTERVAL = "activity.live.interval";
  /** The longest grace: enough for a backfill of ten years of archives. */
  public static final Duration MAX_GRACE = Duration.ofDays(3650);
  /**
   * The grace {@code demo} uses for an archive it replays (unless {@code activity.grace} is set): records reach
   * the windows out of event-time order across partitions, by as much as the archive spans.
   */
  public static final Duration BACKFILL_GRACE = Duration.ofDays(400);

  public AggregationSettings {
    if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
      throw new ConfigException(GRACE + " must be between 0 and " + MAX_GRACE.toDays() + "d, got " + grace);
    }
    if (activityRetention.compareTo(Duration.ofHours(24).plus(grace)) < 0) {
      throw new ConfigException(RETENTION + " must be at least 24h plus the grace period, got " + activityRetention);
    }
    if (top < 1 || top > 50) {
      throw new ConfigException(TOP + " must be 1..50, got " + top);
    }
    if (trendHalfLife.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new ConfigException(TREND_HALF_LIFE + " must be at least 1m, got " + trendHalfLife);
    }
    if (trendMinHistory.isNegative()) {
      throw new ConfigException(TREND_MIN_HISTORY + " must not be negative");
    }
    if (!(trendMinStddev > 0) || !Double.isFinite(trendMinStddev)) {
      throw new ConfigException(TREND_MIN_STDDEV + " must be a positive number, got " + trendMinStddev);
    }
    if (articleMemory.compareTo(Duration.ofDays(1)) < 0) {
      throw new ConfigException(ARTICLE_MEMORY + " must be at least 1d, got " + articleMemory);
    }
    if (partitions < 1) {
      throw new ConfigException("topic.partitions must be at least 1");
    }
    if (liveInterval.compareTo(Duration.ofMillis(100)) < 0 || liveInterval.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new ConfigException(LIVE_INTERVAL + " must be between 100ms and 10m, got " + liveInterval);
    }
  }

  public static AggregationSettings defaults() {
    return new AggregationSettings(Duration.ofMinutes(10), Duration.ofHours(48), 5, Duration.ofHours(24),
        Duration.ofHours(24), 1.0, Duration.ofDays(30), Duration.ofDays(30), ArticleMemory.DEFAULT_RETENTION, 3,
        Duration.ofSeconds(1));
  }

  public static AggregationSettings from(NewsflowConfig config) {
    AggregationSettings d = defaults();
    String stddev = config.get(TREND_MIN_STDDEV).orElse(null);
    double minStddev;
    try {
      minStddev = stddev == null ? d.trendMinStddev() : Double.parseDouble(stddev.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(TREND_MIN_STDDEV + " (from " + config.origin(TREND_MIN_STDDEV) + "): expected a number, got '"
          + stddev + "'");
    }
    return new AggregationSettings(
        config.getDuration(GRACE, d.grace()),
        config.getDuration(RETENTION, d.activityRetention()),
        config.getInt(TOP, d.top()),
        config.getDuration(TREND_HALF_LIFE, d.trendHalfLife()),
        config.getDuration(TREND_MIN_HISTORY, d.trendMinHistory()),
        minStddev,
        config.getDuration(ALERT_RETENTION, d.alertRetention()),
        config.getDuration(COVERAGE_LOOKBACK, d.coverageLookback()),
        config.getDuration(ARTICLE_MEMORY, d.articleMemory()),
        config.partitions(),
        config.getDuration(LIVE_INTERVAL, d.liveInterval()));
  }

  /** {@code config} set up for replaying an archive: the backfill grace and a retention to match, unless either is set. */
  public static NewsflowConfig forBackfill(NewsflowConfig config) {
    if (setByUser(config, GRACE) || setByUser(config, RETENTION)) {
      return config;
    }
    return config.with(GRACE, BACKFILL_GRACE.toDays() + "d").with(RETENTION, BACKFILL_GRACE.plusDays(1).toDays() + "d");
  }

  private static boolean setByUser(NewsflowConfig config, String key) {
    String origin = config.origin(key);
    return !"default".equals(origin) && !"unset".equals(origin);
  }

  public AggregationSettings withGrace(Duration g) {
    return new AggregationSettings(g, activityRetention, top, trendHalfLife, trendMinHistory, trendMinStddev,
        alertRetention, coverageLookback, articleMemory, partitions, liveInterval);
  }

  public long trendMinHistoryHours() {
    return trendMinHistory.toHours();
  }
}
