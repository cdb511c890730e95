package dev.newsflow.streams.aggregate.activity;

import dev.newsflow.schema.CompanyActivity;
import dev.newsflow.schema.Headline;
import dev.newsflow.schema.NameCount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a window's articles as the CompanyActivity record consumers see. */
public final class ActivitySummarizer {
  /** Best article first: most salient, then newest, then by id so that ties are stable. */
  static final Comparator<Map.Entry<String, WindowArticle>> BY_SALIENCE =
      Comparator.<Map.Entry<String, WindowArticle>>comparingDouble(e -> -e.getValue().salience())
          .thenComparing(e -> -e.getValue().publishedAt())
          .thenComparing(Map.Entry::getKey);

  private final int top;

  /** {@code top}: how many topics, co-mentioned companies and headlines to list. */
  public ActivitySummarizer(int top) {
    this.top = top;
  }

  public CompanyActivity activity(String companyId, String window, long start, long end, ActivityAccumulator acc,
      boolean closed) {
    Collection<WindowArticle> articles = acc.articles().values();
    Set<String> sources = new HashSet<>();
    Set<String> stories = new HashSet<>();
    long sentimentSum = 0;
    long sentimentCount = 0;
    Map<String, Long> topics = new HashMap<>();
    Map<String, Long> coMentions = new HashMap<>();
    for (WindowArticle a : articles) {
      if (a.sourceKey() != null) {
        sources.add(a.sourceKey());
      }
      stories.add(a.storyId());
      if (a.sentimentMicros() != null) {
        sentimentSum += a.sentimentMicros();
        sentimentCount++;
      }
      a.topics().forEach(t -> topics.merge(t, 1L, Long::sum));
      a.coMentions().forEach(c -> coMentions.merge(c, 1L, Long::sum));
    }
    return CompanyActivity.newBuilder()
        .setCompanyId(companyId)
        .setWindow(window)
        .setWindowStart(Instant.ofEpochMilli(start))
        .setWindowEnd(Instant.ofEpochMilli(end))
        .setClosed(closed)
        .setArticleCount(articles.size())
        .setSourceCount(sources.size())
        .setStoryCount(stories.size())
        .setSentiment(meanSentiment(sentimentSum, sentimentCount))
        .setSentimentArticles(sentimentCount)
        .setTopTopics(topCounts(topics, top))
        .setTopCoMentions(topCounts(coMentions, top))
        .setTopHeadlines(topHeadlines(acc.articles(), top))
        .setUpdatedAt(Instant.ofEpochMilli(acc.updatedAt() == Long.MIN_VALUE ? start : acc.updatedAt()))
        .build();
  }

  /** A mean of sentiments kept in millionths, to three decimals; null over no articles. */
  public static Double meanSentiment(long sumMicros, long count) {
    if (count == 0) {
      return null;
    }
    return Math.round((double) sumMicros / count / 1_000.0) / 1_000.0;
  }

  /** The {@code n} largest counts, ties by name. */
  public static List<NameCount> topCounts(Map<String, Long> counts, int n) {
    return counts.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .map(e -> new NameCount(e.getKey(), e.getValue()))
        .toList();
  }

  /** The best article of each story, best stories first: a story told by many outlets is listed once. */
  static List<Headline> topHeadlines(Map<String, WindowArticle> articles, int n) {
    Set<String> storiesListed = new HashSet<>();
    List<Headline> out = new ArrayList<>();
    for (Map.Entry<String, WindowArticle> e : articles.entrySet().stream().sorted(BY_SALIENCE).toList()) {
      WindowArticle a = e.getValue();
      if (out.size() < n && storiesListed.add(a.storyId())) {
        out.add(Headline.newBuilder()
            .setArticleId(e.getKey())
            .setTitle(a.title())
            .setUrl(a.url())
            .setSource(a.source())
            .setPublishedAt(Instant.ofEpochMilli(a.publishedAt()))
            .setSalience(a.salience())
            .build());
      }
    }
    return out;
  }
}
