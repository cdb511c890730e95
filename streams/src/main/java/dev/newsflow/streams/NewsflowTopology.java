package dev.newsflow.streams;

import dev.newsflow.contract.PublishedAtRule;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.aggregate.AggregationSettings;
import dev.newsflow.streams.aggregate.AggregationTopology;
import dev.newsflow.streams.alerts.RuleBook;
import dev.newsflow.streams.enrich.DedupSettings;
import dev.newsflow.streams.enrich.Enricher;
import dev.newsflow.streams.enrich.EnrichmentTopology;
import dev.newsflow.streams.enrich.link.CompanyDirectory;
import dev.newsflow.streams.state.StateStores;
import dev.newsflow.streams.stories.StoriesTopology;
import dev.newsflow.topic.Topics;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/** The whole streams application as one topology: enrichment, then aggregation and alerts. */
public final class NewsflowTopology {
  private NewsflowTopology() {}

  /** With the default aggregation settings. */
  public static Topology build(Topics topics, Properties streamsConfig) {
    return build(topics, AggregationSettings.defaults(), streamsConfig);
  }

  public static Topology build(Topics topics, AggregationSettings settings, Properties streamsConfig) {
    return build(topics, settings, DedupSettings.defaults(), streamsConfig);
  }

  public static Topology build(Topics topics, AggregationSettings settings, DedupSettings dedup, Properties streamsConfig) {
    return build(topics, settings, dedup, PublishedAtRule.standard(), streamsConfig);
  }

  /** {@code publishedAt}: how far ahead of its record an article may be dated ({@code articles.max.future}), and the clock. */
  public static Topology build(Topics topics, AggregationSettings settings, DedupSettings dedup, PublishedAtRule publishedAt,
      Properties streamsConfig) {
    StreamsBuilder builder = new StreamsBuilder();
    CompanyDirectory directory = new CompanyDirectory();
    StateStores stores = StateStores.from(streamsConfig);
    KStream<String, EnrichedArticle> enriched = EnrichmentTopology.addTo(builder, topics, directory, Enricher.standard(),
        settings.articleMemory(), dedup, publishedAt, stores);
    AggregationTopology.addTo(builder, topics, settings, new RuleBook(), enriched, stores);
    StoriesTopology.addTo(builder, enriched, topics.stories(), settings.articleMemory(), stores);
    return builder.build(streamsConfig);
  }
}
