package dev.newsflow.streams.aggregate.profile;

import dev.newsflow.streams.event.ArticleFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One hour of a company's articles, by publication time: how many, their sentiment, which outlets
 * (source key → articles), and a few article ids as evidence for alerts (the smallest ids).
 */
public record HourBucket(long articles, long sentimentSum, long sentimentCount, Map<String, Long> sources,
    List<String> evidence) {
  /** Article ids kept per hour as evidence. */
  public static final int EVIDENCE = 10;

  public static final HourBucket EMPTY = new HourBucket(0, 0, 0, Map.of(), List.of());

  HourBucket minus(ArticleFacts f) {
    Map<String, Long> s = new HashMap<>(sources);
    if (f.sourceKey() != null) {
      s.computeIfPresent(f.sourceKey(), (k, n) -> n <= 1 ? null : n - 1);
    }
    List<String> e = new ArrayList<>(evidence);
    e.remove(f.articleId());
    boolean hasSentiment = f.sentimentMicros() != null;
    return new HourBucket(articles - 1, sentimentSum - (hasSentiment ? f.sentimentMicros() : 0),
        sentimentCount - (hasSentiment ? 1 : 0), s, e);
  }

  HourBucket plus(ArticleFacts f) {
    Map<String, Long> s = new HashMap<>(sources);
    if (f.sourceKey() != null) {
      s.merge(f.sourceKey(), 1L, Long::sum);
    }
    // The smallest ids, not the first to arrive: the same evidence for any arrival order.
    List<String> e = new ArrayList<>(evidence);
    if (!e.contains(f.articleId())) {
      e.add(f.articleId());
      e.sort(null);
    }
    if (e.size() > EVIDENCE) {
      e = new ArrayList<>(e.subList(0, EVIDENCE));
    }
    boolean hasSentiment = f.sentimentMicros() != null;
    return new HourBucket(articles + 1, sentimentSum + (hasSentiment ? f.sentimentMicros() : 0),
        sentimentCount + (hasSentiment ? 1 : 0), s, e);
  }

  boolean isEmpty() {
    return articles == 0 && sources.isEmpty();
  }
}
