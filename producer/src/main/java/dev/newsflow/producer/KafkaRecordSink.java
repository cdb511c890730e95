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
    publisher.publish(topics.articlesRaw(), article.getId(), article);
  }

  @Override
  public void release(Release release) {
    publisher.publish(topics.releasesRaw(), release.getId(), release);
  }

  @Override
  public void company(Company company) {
    publisher.publish(topics.companies(), company.getId(), company);
  }

  @Override
  public void companyDeleted(String companyId) {
    publisher.publish(topics.companies(), companyId, null);
  }

  @Override
  public void flush() {
    publisher.flush();
  }
}
