package dev.newsflow.producer;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.Release;
import dev.newsflow.topic.Topics;

/** Publishes each record to its raw topic, keyed by id, through a {@link RecordPublisher}. */
public final class KafkaRecordSink implements RecordSink {
  private final RecordPublisher publisher;
  private final Topics topics;

  public KafkaRecordSink(RecordPublisher publisher, Topics topics) {
    this.publisher = publisher;
    this.topics = topics;
  }

  @Override
  public void article(Article article) {
    publisher.publish(topics.articlesRaw(), article.getId(), article, article.getPublishedAt());
  }

  @Override
  public void release(Release release) {
    publisher.publish(topics.releasesRaw(), release.getId(), release, release.getReleasedAt());
  }

  @Override
  public void company(Company company) {
    publisher.publish(topics.companies(), company.getId(), company, null);
  }

  @Override
  public void companyDeleted(String companyId) {
    publisher.publish(topics.companies(), companyId, null, null);
  }

  @Override
  public void flush() {
    publisher.flush();
  }
}
