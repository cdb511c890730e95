package dev.newsflow.streams;

import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.aggregate.AggregationTopology;
import dev.newsflow.streams.enrich.EnrichmentTopology;
import dev.newsflow.streams.link.CompanyDirectory;
import dev.newsflow.topic.Topics;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/** The whole streams application as one topology: enrichment, then aggregation. */
public final class NewsflowTopology {
  private NewsflowTopology() {}

  public static Topology build(Topics topics, Properties streamsConfig) {
    StreamsBuilder builder = new StreamsBuilder();
    CompanyDirectory directory = new CompanyDirectory();
    KStream<String, EnrichedArticle> enriched = EnrichmentTopology.addTo(builder, topics, directory);
    AggregationTopology.addTo(builder, topics, enriched);
    return builder.build(streamsConfig);
  }
}
