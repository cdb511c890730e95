package dev.newsflow.producer;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.Release;

/**
 * Where the sources put records: Kafka ({@link KafkaRecordSink}) or, for {@code --dry-run}, standard
 * output as canonical JSON lines ({@link JsonLinesSink}). {@link #flush()} returns once everything
 * given so far is durably accepted, or throws.
 */
public interface RecordSink {
  void article(Article article);

  void release(Release release);

  void company(Company company);

  /** Removes a company from the reference data (a tombstone on the compacted topic). */
  void companyDeleted(String companyId);

  void flush();
}
