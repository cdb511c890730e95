package dev.newsflow.streams.enrich;

import dev.newsflow.streams.enrich.dedup.Bucket;
import dev.newsflow.streams.enrich.dedup.DedupMessage;
import dev.newsflow.streams.enrich.dedup.ProbeBatch;
import dev.newsflow.streams.enrich.dedup.Verdict;
import dev.newsflow.streams.state.ArticleMemory;
import java.time.Duration;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Keyed by article, partitioned by bucket: every article filed under one key (URL, content, headline, LSH
 * band, story key) meets here, whichever partition it came in on; one record brings all of an article's keys that
 * live on this partition. Answers each article once per record and corrects earlier answers, keyed by
 * the article the verdict is about.
 */
final class FileInBuckets implements Processor<String, ProbeBatch, String, DedupMessage> {
  static final String STORE = "dedup-buckets";
  /**
   * Buckets kept as objects between articles: a hot key (a headline or band shared by hundreds of
   * copies) is then not deserialized again by each copy. At most {@code dedup.bucket.size} members of
   * about 400 bytes each: 1,000 full buckets are about 50 MB, and most buckets hold one member.
   */
  static final int BUCKETS_ON_HEAP = 1_000;

  private ProcessorContext<String, DedupMessage> context;
  private final Duration retention;
  private final int size;
  private ArticleMemory<Bucket> buckets;
  private Sensor comparisons;

  /**
   * {@code retention}: how long an entry is remembered after it was last written ({@code memory.retention});
   * {@code size}: how many members a bucket keeps ({@code dedup.bucket.size}).
   */
  FileInBuckets(Duration retention, int size) {
    this.retention = retention;
    this.size = size;
  }

  @Override
  public void init(ProcessorContext<String, DedupMessage> context) {
    this.context = context;
    this.buckets = ArticleMemory.<Bucket>open(context, STORE, retention).keepingOnHeap(BUCKETS_ON_HEAP);
    this.comparisons = comparisonsSensor(context);
  }

  /**
   * Pairs of articles compared: Kafka Streams reports {@code dedup-comparisons-total} and
   * {@code dedup-comparisons-rate} in the {@code stream-newsflow-metrics} group, per task. At most
   * {@code dedup.bucket.size} per bucket key of each article, however many articles share the key.
   */
  static Sensor comparisonsSensor(ProcessorContext<?, ?> context) {
    return context.metrics().addRateTotalSensor("newsflow", context.taskId().toString(), "dedup-comparisons",
        Sensor.RecordingLevel.INFO);
  }

  @Override
  public void process(Record<String, ProbeBatch> record) {
    ProbeBatch.Buckets stored = ProbeBatch.Buckets.of(buckets::get, buckets::put);
    for (Verdict v : record.value().fileIn(stored, size, comparisons::record)) {
      context.forward(record.withKey(v.articleId()).withValue(DedupMessage.of(v)));
    }
  }
}
