package dev.newsflow.streams.aggregate.profile;

import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.NameCount;
import dev.newsflow.streams.aggregate.activity.ActivitySummarizer;
import dev.newsflow.streams.aggregate.releases.ReleaseBook;
import dev.newsflow.streams.aggregate.trend.EwmaTrend;
import dev.newsflow.streams.aggregate.trend.TrendState;
import dev.newsflow.streams.event.ArticleFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything newsflow keeps about one company between events: all-time totals, moved by exact
 * differences ({@link dev.newsflow.streams.aggregate.ArticleContributions}), recent hours of articles for
 * the last 24 h and the trend, the latest headlines, the releases and their coverage. Plain data
 * (serialized as JSON in a state store) with the rules as methods.
 */
public final class CompanyState {
  public static final long HOUR = 3_600_000L;
  /** Headlines remembered, so that the summary still lists five after a few are withdrawn. */
  static final int HEADLINES_KEPT = 20;
  /** Hours of buckets kept behind the current hour: the last 24 h plus room for the grace period. */
  static final int HOURS_KEPT = 48;

  private long articles;
  private long mentions;
  private long sentimentSum;
  private long sentimentCount;
  private Map<String, Long> topics = new HashMap<>();
  private List<HeadlineEntry> headlines = new ArrayList<>();
  private TreeMap<Long, HourBucket> hours = new TreeMap<>();
  private TrendState trend = TrendState.EMPTY;
  /** Hours before this one are folded into {@code trend}; {@link Long#MIN_VALUE} until the trend starts. */
  private long foldedUntil = Long.MIN_VALUE;
  private ReleaseBook releases = new ReleaseBook();
  private Map<String, Long> coverage = new HashMap<>();

  public static long hourOf(long time) {
    return Math.floorDiv(time, HOUR) * HOUR;
  }

  /** Applies an article's change: {@code before} withdrawn, {@code after} counted; hours older than {@code oldestHour} are not kept. */
  public void applyArticle(ArticleFacts before, ArticleFacts after, long oldestHour) {
    if (before != null) {
      articles--;
      mentions -= before.mentions();
      if (before.sentimentMicros() != null) {
        sentimentSum -= before.sentimentMicros();
        sentimentCount--;
      }
      before.topics().forEach(t -> topics.computeIfPresent(t, (k, n) -> n <= 1 ? null : n - 1));
      headlines.removeIf(h -> h.articleId().equals(before.articleId()));
      HourBucket bucket = hours.get(hourOf(before.publishedAt()));
      if (bucket != null) {
        HourBucket less = bucket.minus(before);
        if (less.isEmpty()) {
          hours.remove(hourOf(before.publishedAt()));
        } else {
          hours.put(hourOf(before.publishedAt()), less);
        }
      }
    }
    if (after != null) {
      articles++;
      mentions += after.mentions();
      if (after.sentimentMicros() != null) {
        sentimentSum += after.sentimentMicros();
        sentimentCount++;
      }
      after.topics().forEach(t -> topics.merge(t, 1L, Long::sum));
      headlines.add(HeadlineEntry.of(after));
      headlines.sort(Comparator.comparingLong(HeadlineEntry::publishedAt).reversed().thenComparing(HeadlineEntry::articleId));
      if (headlines.size() > HEADLINES_KEPT) {
        headlines = new ArrayList<>(headlines.subList(0, HEADLINES_KEPT));
      }
      long hour = hourOf(after.publishedAt());
      if (hour >= oldestHour) {
        hours.put(hour, hours.getOrDefault(hour, HourBucket.EMPTY).plus(after));
      }
    }
  }

  /** Starts the trend's history at {@code startHour} if it has not started: quiet hours before a first mention count too. */
  public void startTrend(long startHour) {
    if (foldedUntil == Long.MIN_VALUE) {
      foldedUntil = startHour;
    }
  }

  /** Folds every hour before {@code limit} (the closed hours) into the trend, with the counts they have now. */
  public void foldTrend(long limit, EwmaTrend ewma) {
    if (foldedUntil == Long.MIN_VALUE || foldedUntil >= limit) {
      return;
    }
    for (Map.Entry<Long, HourBucket> e : hours.subMap(foldedUntil, limit).entrySet()) {
      trend = ewma.foldQuiet(trend, (e.getKey() - foldedUntil) / HOUR);
      trend = ewma.fold(trend, e.getValue().articles());
      foldedUntil = e.getKey() + HOUR;
    }
    trend = ewma.foldQuiet(trend, (limit - foldedUntil) / HOUR);
    foldedUntil = limit;
  }

  /** Forgets hour buckets before {@code oldestHour} that the trend no longer needs. */
  public void prune(long oldestHour) {
    long keepFrom = foldedUntil == Long.MIN_VALUE ? oldestHour : Math.min(oldestHour, foldedUntil);
    hours.headMap(keepFrom).clear();
  }

  public Double trendScore(long currentHour, EwmaTrend ewma) {
    if (foldedUntil == Long.MIN_VALUE) {
      return null;
    }
    return ewma.score(trend, hourArticles(currentHour));
  }

  public long hourArticles(long hour) {
    HourBucket b = hours.get(hour);
    return b == null ? 0 : b.articles();
  }

  /** The hours from {@code currentHour - 23 h} to {@code currentHour}: the last 24 h. */
  public SortedMap<Long, HourBucket> lastDay(long currentHour) {
    return hours.subMap(currentHour - 23 * HOUR, true, currentHour, true);
  }

  public long last24hArticles(long currentHour) {
    return lastDay(currentHour).values().stream().mapToLong(HourBucket::articles).sum();
  }

  /** Distinct outlets over some hours. */
  public static Set<String> sources(Iterable<HourBucket> buckets) {
    Set<String> sources = new HashSet<>();
    buckets.forEach(b -> sources.addAll(b.sources().keySet()));
    return sources;
  }

  public TrendState trend() {
    return trend;
  }

  public ReleaseBook releases() {
    return releases;
  }

  public Map<String, Long> coverage() {
    return coverage;
  }

  public void setCoverage(Map<String, Long> coverage) {
    this.coverage = new HashMap<>(coverage);
  }

  /** The summary consumers read; {@code top}: how many headlines and topics. */
  public CompanySummary summary(String companyId, String name, long currentHour, Double trendScore, long updatedAt,
      int top) {
    return CompanySummary.newBuilder()
        .setCompanyId(companyId)
        .setName(name)
        .setArticleCount(articles)
        .setMentionCount(mentions)
        .setLast24hArticles(last24hArticles(currentHour))
        .setTrendScore(trendScore)
        .setSentiment(ActivitySummarizer.meanSentiment(sentimentSum, sentimentCount))
        .setLatestReleases(releases.latestRefs(coverage, 10))
        .setLatestHeadlines(headlines.stream().limit(top).map(HeadlineEntry::toHeadline).toList())
        .setTopTopics(ActivitySummarizer.topCounts(topics, top).stream().map(NameCount::getName).toList())
        .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
        .build();
  }
}
