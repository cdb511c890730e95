package dev.newsflow.streams.enrich;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.streams.enrich.link.CompanyDirectory;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Runs {@link Enricher} with the current gazetteer; the version (content hash) tells revisions apart in dedup. */
final class EnrichArticle implements FixedKeyProcessor<String, Article, EnrichArticle.Pending> {
  private final CompanyDirectory directory;
  private final Enricher enricher;
  private FixedKeyProcessorContext<String, Pending> context;
  private ReadOnlyKeyValueStore<String, Company> companies;

  /** An enriched article waiting for its dedup verdict. */
  record Pending(Enricher.Enrichment enrichment, String version) {}

  EnrichArticle(CompanyDirectory directory, Enricher enricher) {
    this.directory = directory;
    this.enricher = enricher;
  }

  /**
   * Time spent enriching one article (linking, topics, tone, fingerprint): Kafka Streams reports
   * {@code enrichment-latency-avg} and {@code -max} (nanoseconds), {@code enrichment-rate} and
   * {@code enrichment-total} in the {@code stream-newsflow-metrics} group, per task.
   */
  private Sensor enrichment;

  @Override
  public void init(FixedKeyProcessorContext<String, Pending> context) {
    this.context = context;
    this.companies = context.getStateStore(CompanyDirectory.STORE);
    this.enrichment = context.metrics().addLatencyRateTotalSensor("newsflow", context.taskId().toString(), "enrichment",
        Sensor.RecordingLevel.INFO);
  }

  @Override
  public void process(FixedKeyRecord<String, Article> record) {
    Article a = record.value();
    long started = System.nanoTime();
    Enricher.Enrichment e = enricher.enrich(a, directory.linker(companies));
    enrichment.record(System.nanoTime() - started);
    context.forward(record.withValue(new Pending(e, ReplayFilter.contentHash(a))));
  }
}
