package dev.newsflow.streams.aggregate.activity;

import dev.newsflow.streams.event.ArticleFacts;
import java.util.List;

/** The part of an article's facts that a company's activity window keeps. */
public record WindowArticle(
    String storyId,
    String sourceKey,
    String source,
    Long sentimentMicros,
    List<String> topics,
    List<String> coMentions,
    String title,
    String url,
    double salience,
    long publishedAt) {

  public static WindowArticle of(ArticleFacts f) {
    return new WindowArticle(f.storyId(), f.sourceKey(), f.source(), f.sentimentMicros(), f.topics(), f.coMentions(),
        f.title(), f.url(), f.salience(), f.publishedAt());
  }
}
