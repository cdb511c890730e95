package dev.newsflow.streams.aggregate.profile;

import dev.newsflow.schema.CompanyDigest;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.NameCount;
import dev.newsflow.streams.aggregate.activity.ActivitySummarizer;
import dev.newsflow.streams.aggregate.digest.Coverage;
import dev.newsflow.streams.aggregate.digest.Digest;
import dev.newsflow.streams.aggregate.digest.DigestBook;
import dev.newsflow.streams.aggregate.digest.DigestWindow;
import dev.newsflow.streams.aggregate.releases.ReleaseBook;
import dev.newsflow.streams.aggregate.releases.ReleaseReports;
import dev.newsflow.streams.aggregate.trend.EwmaTrend;
import dev.newsflow.streams.aggregate.trend.TrendState;
import dev.newsflow.streams.event.ArticleFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything newsflow keeps about one company between events: all-time totals, moved by exact
 * differences ({@link dev.newsflow.streams.aggregate.ArticleContributions}), recent hours of articles for
 * the last 24 h and the trend, the latest headlines, the releases and their coverage. Plain data
 * (serialized by {@link dev.newsflow.streams.state.JsonSerde} in a state store) with the rules as methods.
 */
public final class CompanyState {
  public static final long HOUR = 3_600_000L;
  /** Headlines remembered, so that the summary still lists five after a few are withdrawn. */
  static final int HEADLINES_KEPT = 20;
  /**
   * Hours of buckets kept behind the company's newest article: the trend's horizon (14 days; with the default
   * half-life of a day, older hours would weigh less than 1/10,000). An article older than that still counts
   * in the totals, not in the hours.
   */
  public static final int HOURS_KEPT = 14 * 24;
  /** Hours of negative articles kept for SENTIMENT_DROP: a day, and a day of lateness. */
  static final int NEGATIVES_KEPT_HOURS = 48;
  /**
   * Negative articles kept at the most, the newest: a company in a storm of bad news (thousands of negative
   * reports in two days) would otherwise grow its state past what one Kafka record may hold (1 MB), and the
   * stream thread fail on it again and again. Each is a SENTIMENT_DROP candidate, and alerts are counted by
   * story, so the newest few hundred carry every story that is still news.
   */
  static final int NEGATIVES_KEPT = 500;
  private static final Comparator<ArticleFacts> OLDEST_FIRST =
      Comparator.comparingLong(ArticleFacts::publishedAt).thenComparing(ArticleFacts::articleId);

  private long articles;
  private long mentions;
  private long sentimentSum;
  private long sentimentCount;
  private Map<String, Long> topics = new HashMap<>();
  private List<HeadlineEntry> headlines = new ArrayList<>();
  private TreeMap<Long, HourBucket> hours = new TreeMap<>();
  /** The newest event time of the company's own articles and releases: what its summary is up to date with. */
  private long newest = Long.MIN_VALUE;
  /** Per MENTION_SPIKE rule, the hours whose spike candidate stands (checked again when their history changes). */
  private Map<String, TreeSet<Long>> spikes = new HashMap<>();
  /** Per SENTIMENT_DROP rule, the negative articles whose drop candidate stands. */
  private Map<String, TreeSet<String>> drops = new HashMap<>();
  /**
   * The negative articles of the last {@link #NEGATIVES_KEPT_HOURS} behind the newest article (facts without
   * their text), so that a late article can bring an earlier one's day below a SENTIMENT_DROP threshold.
   */
  private TreeMap<String, ArticleFacts> negatives = new TreeMap<>();
  private ReleaseBook releases = new ReleaseBook();
  /** Releases the company's articles report, until a release event of each is known. */
  private ReleaseReports reported = new ReleaseReports();
  private Map<String, Long> coverage = new HashMap<>();

  public static long hourOf(long time) {
    return Math.floorDiv(time, HOUR) * HOUR;
  }

  /**
   * Applies an article's change: {@code before} withdrawn, {@code after} counted. Hours more than
   * {@link #HOURS_KEPT} behind the newest article are not kept, whatever order the articles came in.
   */
  public void applyArticle(ArticleFacts before, ArticleFacts after) {
    if (after != null) {
      seen(after.publishedAt());
    }
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
      if (hour >= oldestHour()) {
        hours.put(hour, hours.getOrDefault(hour, HourBucket.EMPTY).plus(after));
      }
    }
    if (before != null) {
      negatives.remove(before.articleId());
    }
    if (after != null && after.sentimentMicros() != null && after.sentimentMicros() < 0) {
      negatives.put(after.articleId(), new ArticleFacts(after.articleId(), after.companyId(), after.publishedAt(),
          after.source(), after.sourceKey(), after.storyId(), after.duplicateOf(), after.sentimentMicros(), after.topics(),
          List.of(), after.mentions(), after.salience(), after.title(), after.url(), after.rumour(), null,
          List.of(), after.language(), null));
    }
    long keepFrom = newest == Long.MIN_VALUE ? Long.MIN_VALUE : hourOf(newest) - NEGATIVES_KEPT_HOURS * HOUR;
    negatives.values().removeIf(f -> f.publishedAt() < keepFrom);
    while (negatives.size() > NEGATIVES_KEPT) {
      negatives.remove(Collections.min(negatives.values(), OLDEST_FIRST).articleId());
    }
    hours.headMap(oldestHour()).clear();
  }

  /** The company has news at {@code eventTime}. */
  public void seen(long eventTime) {
    newest = Math.max(newest, eventTime);
  }

  /** The newest event time of the company's own news; {@link Long#MIN_VALUE} before any. */
  public long newest() {
    return newest;
  }

  private long oldestHour() {
    return newest == Long.MIN_VALUE ? Long.MIN_VALUE : hourOf(newest) - HOURS_KEPT * HOUR;
  }

  /**
   * The trend as of {@code hour}: the hours before it, from the company's first kept hour (at most
   * {@link #HOURS_KEPT} back), folded in order with quiet hours as zeros. Computed from the hours each time,
   * so it is the same whatever order the articles came in, and a company's history starts with its own
   * first article, not with the application's.
   */
  public TrendState trendAsOf(long hour, EwmaTrend ewma) {
    if (hours.isEmpty() || hours.firstKey() >= hour) {
      return TrendState.EMPTY;
    }
    long from = Math.max(hours.firstKey(), hour - HOURS_KEPT * HOUR);
    TrendState t = TrendState.EMPTY;
    long next = from;
    for (Map.Entry<Long, HourBucket> e : hours.subMap(from, true, hour, false).entrySet()) {
      t = ewma.foldQuiet(t, (e.getKey() - next) / HOUR);
      t = ewma.fold(t, e.getValue().articles());
      next = e.getKey() + HOUR;
    }
    return ewma.foldQuiet(t, (hour - next) / HOUR);
  }

  /** The trend score of {@code hour} against the hours before it; null while the company's history is too short. */
  public Double trendScore(long hour, EwmaTrend ewma) {
    return ewma.score(trendAsOf(hour, ewma), hourArticles(hour));
  }

  Map<String, TreeSet<Long>> spikes() {
    return spikes;
  }

  Map<String, TreeSet<String>> drops() {
    return drops;
  }

  /** The negative articles kept, by id. */
  TreeMap<String, ArticleFacts> negatives() {
    return negatives;
  }

  /** The kept hours from {@code from} to {@code to}, both included. */
  public SortedMap<Long, HourBucket> hours(long from, long to) {
    return hours.subMap(from, true, to, true);
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

  public ReleaseBook releases() {
    return releases;
  }

  public ReleaseReports reported() {
    return reported;
  }

  public Map<String, Long> coverage() {
    return coverage;
  }

  public void setCoverage(Map<String, Long> coverage) {
    this.coverage = new HashMap<>(coverage);
  }

  /**
   * The company's digest: its main stories from the book, each period's articles, outlets and tone and the
   * coverage comparison from the hours kept here. As of the hour of the company's own newest news (like the
   * summary's {@code updatedAt}), not of the application's clock: the 24 hours and 7 days up to its latest
   * news, so that a company out of the news keeps its last digest (dated) instead of an empty one, and its
   * summary does not change as the clock moves. Null before the company has an article.
   */
  public CompanyDigest digest(DigestBook book, String companyId, String name) {
    if (newest == Long.MIN_VALUE) {
      return null;
    }
    long currentHour = hourOf(newest);
    Map<DigestWindow, Digest.Activity> activity = new EnumMap<>(DigestWindow.class);
    for (DigestWindow w : DigestWindow.values()) {
      SortedMap<Long, HourBucket> period = hours(w.firstHour(currentHour), currentHour);
      long sum = 0;
      long count = 0;
      long n = 0;
      for (HourBucket b : period.values()) {
        n += b.articles();
        sum += b.sentimentSum();
        count += b.sentimentCount();
      }
      activity.put(w, new Digest.Activity(n, HourBucket.distinctSources(period.values()),
          count == 0 ? null : sum / 1_000_000.0 / count));
    }
    if (activity.get(DigestWindow.WEEK).articles() == 0) {
      return null;
    }
    return book.digest(companyId, name, currentHour, activity, usualCoverage(currentHour)).toRecord();
  }

  /** The last 24 h against the daily mean of the kept hours before them (from the first, as the trend). */
  Coverage usualCoverage(long currentHour) {
    long dayStart = DigestWindow.DAY.firstHour(currentHour);
    if (hours.isEmpty() || hours.firstKey() >= dayStart) {
      return null;
    }
    long from = Math.max(hours.firstKey(), currentHour - HOURS_KEPT * HOUR);
    long prior = hours.subMap(from, true, dayStart, false).values().stream().mapToLong(HourBucket::articles).sum();
    return Coverage.compare(last24hArticles(currentHour), prior, (dayStart - from) / HOUR);
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
