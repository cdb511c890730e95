package dev.newsflow.streams.enrich;

import dev.newsflow.streams.enrich.dedup.Bucket;
import dev.newsflow.streams.enrich.dedup.DedupMessage;
import dev.newsflow.streams.enrich.dedup.DedupSerdes;
import dev.newsflow.streams.enrich.dedup.ProbeBatch;
import dev.newsflow.streams.enrich.dedup.Verdict;
import dev.newsflow.streams.state.ArticleMemory;
import dev.newsflow.streams.state.StateStores;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by article, partitioned by bucket: every article filed under one key (URL, content, headline, LSH
 * band, story key) meets here, whichever partition it came in on; one record brings all of an article's keys that
 * live on this partition. Answers each article once per record and corrects earlier answers, keyed by
 * the article the verdict is about.
 *
 * <p>What is kept, and logged, is each article's filing here ({@link #FILINGS}: its probe and the keys it is filed
 * under, one record per article and group of keys, so at most one per partition). The buckets themselves ({@link #INDEX}, {@link BucketIndex}) are
 * derived from the filings and not logged: a bucket keeps its earliest members whatever order they came in, so
 * filing the same articles again, in any order, gives the same buckets. Two counters of changes, one beside the
 * filings (logged) and one beside the buckets (not), tell whether the buckets were derived from the filings as they
 * are: when Kafka Streams restored the filings on a new instance, after a crash or after the task was away, the
 * counters differ and the buckets are derived again before the first record.
 */
final class FileInBuckets implements Processor<String, ProbeBatch, String, DedupMessage> {
  static final String FILINGS = "dedup-filings";
  static final String FILING_CHANGES = "dedup-filing-changes";
  static final String INDEX = "dedup-bucket-index";
  static final String INDEX_CHANGES = "dedup-bucket-index-changes";
  private static final String CHANGES = "changes";
  private static final Logger LOG = LoggerFactory.getLogger(FileInBuckets.class);
  /**
   * Buckets kept as objects between articles: a hot key (a headline or band shared by hundreds of
   * copies) is then not deserialized again by each copy. At most {@code dedup.bucket.size} members of
   * about 400 bytes each: 1,000 full buckets are about 50 MB, and most buckets hold one member.
   */
  static final int BUCKETS_ON_HEAP = 1_000;

  private ProcessorContext<String, DedupMessage> context;
  private final Duration retention;
  private final int size;
  private ArticleMemory<ProbeBatch> filings;
  private KeyValueStore<String, Long> filingChanges;
  private BucketIndex buckets;
  private KeyValueStore<String, Long> indexChanges;
  private long changes;
  private Sensor comparisons;

  /**
   * {@code retention}: how long an article's filing is remembered after it was last written ({@code memory.retention});
   * {@code size}: how many members a bucket keeps ({@code dedup.bucket.size}).
   */
  FileInBuckets(Duration retention, int size) {
    this.retention = retention;
    this.size = size;
  }

  /** The stores this processor uses, for the topology: the filings and their counter logged, the buckets not. */
  static List<StoreBuilder<?>> storeBuilders(StateStores stores) {
    return List.of(
        stores.timestamped(FILINGS, DedupSerdes.PROBES).withCachingEnabled(),
        stores.keyValue(FILING_CHANGES, Serdes.String(), Serdes.Long())
            .withCachingEnabled(),
        BucketIndex.storeBuilder(stores, INDEX),
        stores.keyValue(INDEX_CHANGES, Serdes.String(), Serdes.Long())
            .withCachingEnabled()
            .withLoggingDisabled());
  }

  static String[] storeNames() {
    return new String[] {FILINGS, FILING_CHANGES, INDEX, INDEX_CHANGES};
  }

  @Override
  public void init(ProcessorContext<String, DedupMessage> context) {
    this.context = context;
    this.filings = ArticleMemory.open(context, FILINGS, retention, this::forgotten);
    this.filingChanges = context.getStateStore(FILING_CHANGES);
    this.buckets = new BucketIndex(context.getStateStore(INDEX), BUCKETS_ON_HEAP);
    this.indexChanges = context.getStateStore(INDEX_CHANGES);
    this.comparisons = comparisonsSensor(context);
    // Kafka Streams calls init after restoring the task's logged stores, so the filings are complete here.
    changes = count(filingChanges);
    if (count(indexChanges) != changes) {
      rebuild();
    }
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
    ProbeBatch batch = record.value();
    String filed = filingKey(batch);
    ProbeBatch earlier = filings.get(filed);
    if (earlier != null) {
      batch.withdrawEarlier(earlier, buckets);
    }
    List<Verdict> verdicts = batch.fileIn(buckets, size, comparisons::record);
    if (!batch.keys().isEmpty()) {
      filings.put(filed, batch.filing());
      changed();
    } else if (earlier != null) {
      filings.delete(filed);
      changed();
    }
    for (Verdict v : verdicts) {
      context.forward(record.withKey(v.articleId()).withValue(DedupMessage.of(v)));
    }
  }

  /**
   * A filing's key: the article and its group of keys. Several groups can share a partition (more groups than
   * partitions, or one task in a test driver), and each is filed apart.
   */
  static String filingKey(ProbeBatch batch) {
    return batch.probe().articleId() + "@" + batch.group();
  }

  /** The retention forgot an article's filing: it leaves the buckets it was filed in. */
  private void forgotten(String filed, ProbeBatch filing) {
    if (filing != null) {
      filing.withdraw(buckets);
      changed();
    }
  }

  private void changed() {
    changes++;
    filingChanges.put(CHANGES, changes);
    indexChanges.put(CHANGES, changes);
  }

  /** Derives the buckets from the filings again: every filing filed anew, with no answers sent. */
  private void rebuild() {
    long started = System.nanoTime();
    int stale = buckets.clear();
    int[] filed = {0};
    filings.forEach((key, filing) -> {
      filing.fileIn(buckets, size, Bucket.Comparisons.NONE);
      filed[0]++;
    });
    indexChanges.put(CHANGES, changes);
    LOG.info("task {}: dedup buckets derived again from {} filings ({} stale buckets dropped) in {} ms",
        context.taskId(), filed[0], stale, (System.nanoTime() - started) / 1_000_000);
  }

  private static long count(KeyValueStore<String, Long> store) {
    Long count = store.get(CHANGES);
    return count == null ? 0 : count;
  }
}
