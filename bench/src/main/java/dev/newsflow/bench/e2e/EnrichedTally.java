package dev.newsflow.bench.e2e;

import dev.newsflow.bench.SyntheticNews;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code articles.enriched} as a downstream reader would (committed transactions only, from its end
 * when it starts) for the feed's articles {@code [first, first + count)}: when the last of them first
 * appeared, and, by each article's latest record, how many are marked as repeats ({@code duplicateOf}).
 */
final class EnrichedTally implements AutoCloseable {
  /**
   * What was read: distinct articles seen, of them marked as repeats in their latest record, records read
   * (an article is published again when a correction changes its original), and when the last new article
   * was seen ({@link System#nanoTime()}).
   */
  record Count(int articles, int duplicates, long records, long lastNewNanos) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final Topic<String, EnrichedArticle> enriched;
  private final long first;
  private final int count;
  /** The latest duplicateOf mark of each article seen, by index. */
  private final Map<Long, Boolean> marked = new HashMap<>();
  private final Thread thread;
  private long records;
  private long lastNewNanos;
  private volatile RuntimeException failure;

  EnrichedTally(Map<String, Object> kafkaProperties, Topic<String, EnrichedArticle> enriched, long first, int count) {
    Map<String, Object> props = new HashMap<>(kafkaProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-enriched-tally");
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.enriched = enriched;
    this.first = first;
    this.count = count;
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo p : consumer.partitionsFor(enriched.name(), Duration.ofSeconds(30))) {
      partitions.add(new TopicPartition(enriched.name(), p.partition()));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve the end now, before the measured articles are sent
    this.thread = new Thread(this::readUntilClosed, "bench-enriched-tally");
    thread.setDaemon(true);
    thread.start();
  }

  /** True once every one of the articles has been seen. */
  synchronized boolean complete() {
    return marked.size() == count;
  }

  synchronized Count count() {
    int duplicates = (int) marked.values().stream().filter(Boolean::booleanValue).count();
    return new Count(marked.size(), duplicates, records, lastNewNanos);
  }

  /** Fails with the reason the reader stopped, if it did. */
  void requireRunning() {
    if (failure != null) {
      throw failure;
    }
  }

  private void readUntilClosed() {
    try {
      while (true) {
        var polled = consumer.poll(Duration.ofMillis(200));
        long now = System.nanoTime();
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
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      failure = new IllegalStateException("reading articles.enriched failed: " + e.getMessage(), e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
