package dev.newsflow.bench.e2e;

import dev.newsflow.bench.SyntheticNews;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.topic.Topic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * Reads {@code articles.enriched} as a downstream reader would (committed transactions only, from its end
 * when it starts) for the feed's articles {@code [first, first + count)}: when the last of them first
 * appeared, and, by each article's latest record, how many are marked as repeats ({@code duplicateOf}).
 */
final class EnrichedTally extends TailReader {
  /**
   * What was read: distinct articles seen, of them marked as repeats in their latest record, records read
   * (an article is published again when a correction changes its original), and when the last new article
   * was seen ({@link System#nanoTime()}).
   */
  record Count(int articles, int duplicates, long records, long lastNewNanos) {}

  private final Topic<String, EnrichedArticle> enriched;
  private final long first;
  private final int count;
  /** The latest duplicateOf mark of each article seen, by index. */
  private final Map<Long, Boolean> marked = new HashMap<>();
  private long records;
  private long lastNewNanos;

  EnrichedTally(Map<String, Object> kafkaProperties, Topic<String, EnrichedArticle> enriched, long first, int count) {
    super(kafkaProperties, "bench-enriched-tally", List.of(enriched.name()), "articles.enriched");
    this.enriched = enriched;
    this.first = first;
    this.count = count;
    start();
  }

  /** True once every one of the articles has been seen. */
  synchronized boolean complete() {
    return marked.size() == count;
  }

  synchronized Count count() {
    int duplicates = (int) marked.values().stream().filter(Boolean::booleanValue).count();
    return new Count(marked.size(), duplicates, records, lastNewNanos);
  }

  @Override
  void read(ConsumerRecords<String, byte[]> polled, long now) {
    for (ConsumerRecord<String, byte[]> r : polled) {
      long index = SyntheticNews.Feed.index(r.key());
      if (r.value() == null || index < first || index >= first + count) {
        continue;
      }
      EnrichedArticle a = enriched.valueSerde().deserializer().deserialize(r.topic(), r.value());
      synchronized (this) {
        records++;
        if (marked.put(index, a.getDuplicateOf() != null) == null) {
          lastNewNanos = now;
        }
      }
    }
  }
}
