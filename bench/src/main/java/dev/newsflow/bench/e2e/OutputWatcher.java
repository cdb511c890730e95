package dev.newsflow.bench.e2e;

import dev.newsflow.schema.Alert;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Headline;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * Reads the pipeline's outputs as a downstream reader would (committed transactions only, from their
 * end when it starts) and tells the {@link LatencyTracker} when each record was first seen.
 */
final class OutputWatcher extends TailReader {
  private final Topic<String, EnrichedArticle> enriched;
  private final Topic<String, CompanySummary> summaries;
  private final Topic<String, Alert> alerts;
  private final LatencyTracker tracker;

  OutputWatcher(Map<String, Object> kafkaProperties, Topics topics, LatencyTracker tracker) {
    super(kafkaProperties, "bench-output-watcher", List.of(topics.articlesEnriched().name(),
        topics.companySummary().name(), topics.alerts().name()), "the pipeline's outputs");
    this.enriched = topics.articlesEnriched();
    this.summaries = topics.companySummary();
    this.alerts = topics.alerts();
    this.tracker = tracker;
    start();
  }

  @Override
  void read(ConsumerRecords<String, byte[]> records, long now) {
    for (ConsumerRecord<String, byte[]> r : records) {
      if (r.value() == null) {
        continue;
      }
      if (r.topic().equals(enriched.name())) {
        EnrichedArticle a = enriched.valueSerde().deserializer().deserialize(r.topic(), r.value());
        tracker.enriched(r.key(), !a.getMentions().isEmpty(), a.getDuplicateOf() != null, a.getStoryId(), now);
      } else if (r.topic().equals(summaries.name())) {
        CompanySummary s = summaries.valueSerde().deserializer().deserialize(r.topic(), r.value());
        tracker.summarised(s.getLatestHeadlines().stream().map(Headline::getArticleId).toList(), now);
      } else {
        Alert a = alerts.valueSerde().deserializer().deserialize(r.topic(), r.value());
        tracker.alerted(a.getEvidence(), now);
      }
    }
  }
}
