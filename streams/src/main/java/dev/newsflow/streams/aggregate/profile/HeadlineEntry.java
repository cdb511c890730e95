package dev.newsflow.streams.aggregate.profile;

import dev.newsflow.schema.Headline;
import dev.newsflow.streams.event.ArticleFacts;
import java.time.Instant;

/** A headline a company's summary may list. */
public record HeadlineEntry(String articleId, String title, String url, String source, long publishedAt, double salience) {
  static HeadlineEntry of(ArticleFacts f) {
    return new HeadlineEntry(f.articleId(), f.title(), f.url(), f.source(), f.publishedAt(), f.salience());
  }

  Headline toHeadline() {
    return Headline.newBuilder().setArticleId(articleId).setTitle(title).setUrl(url).setSource(source)
        .setPublishedAt(Instant.ofEpochMilli(publishedAt)).setSalience(salience).build();
  }
}
