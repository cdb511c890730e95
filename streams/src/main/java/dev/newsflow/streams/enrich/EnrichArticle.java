package dev.newsflow.streams.enrich;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.streams.enrich.dedup.ProbeBatch;
import dev.newsflow.streams.enrich.link.CompanyDirectory;
import java.util.List;
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

  private final int partitions;

  /**
   * An enriched article waiting for its dedup verdict, with its probe batches ({@link ProbeBatch#of}): made once,
   * both sent to the buckets and counted, as the answers the article waits for.
   */
  record Pending(Enricher.Enrichment enrichment, String version, List<ProbeBatch> batches) {}

  /** {@code partitions}: the groups the article's bucket keys are batched in (the buckets' partitions). */
  EnrichArticle(CompanyDirectory directory, Enricher enricher, int partitions) {
    this.directory = directory;
    this.enricher = enricher;
    this.partitions = partitions;
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
    String version = ReplayFilter.contentHash(a);
    List<ProbeBatch> batches = ProbeBatch.of(e.probe(version), e.bucketKeys(), e.lookupKeys(), partitions);
    context.forward(record.withValue(new Pending(e, version, batches)));
  }
}
