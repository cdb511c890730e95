package dev.newsflow.bench.e2e;

import dev.newsflow.schema.Alert;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Headline;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.Topics;
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
 * Reads the pipeline's outputs as a downstream reader would (committed transactions only, from their
 * end when it starts) and tells the {@link LatencyTracker} when each record was first seen.
 */
final class OutputWatcher implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final Topic<String, EnrichedArticle> enriched;
  private final Topic<String, CompanySummary> summaries;
  private final Topic<String, Alert> alerts;
  private final LatencyTracker tracker;
  private final Thread thread;
  private volatile RuntimeException failure;

  OutputWatcher(Map<String, Object> kafkaProperties, Topics topics, LatencyTracker tracker) {
    Map<String, Object> props = new HashMap<>(kafkaProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-output-watcher");
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.enriched = topics.articlesEnriched();
    this.summaries = topics.companySummary();
    this.alerts = topics.alerts();
    this.tracker = tracker;
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(enriched.name(), summaries.name(), alerts.name())) {
      for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve the end now, before the measured articles are sent
    this.thread = new Thread(this::readUntilClosed, "bench-output-watcher");
    thread.setDaemon(true);
    thread.start();
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
        var records = consumer.poll(Duration.ofMillis(200));
        long now = System.nanoTime();
        for (ConsumerRecord<String, byte[]> r : records) {
          if (r.value() == null) {
            continue;
          }
          if (r.topic().equals(enriched.name())) {
            EnrichedArticle a = enriched.valueSerde().deserializer().deserialize(r.topic(), r.value());
            tracker.enriched(r.key(), !a.getMentions().isEmpty(), a.getDuplicateOf() != null, now);
          } else if (r.topic().equals(summaries.name())) {
            CompanySummary s = summaries.valueSerde().deserializer().deserialize(r.topic(), r.value());
            tracker.summarised(s.getLatestHeadlines().stream().map(Headline::getArticleId).toList(), now);
          } else {
            Alert a = alerts.valueSerde().deserializer().deserialize(r.topic(), r.value());
            tracker.alerted(a.getEvidence(), now);
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      failure = new IllegalStateException("reading the pipeline's outputs failed: " + e.getMessage(), e);
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
