package dev.newsflow.streams.aggregate;

import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/** Enriched articles → per-company tallies → company.summary (compacted: the latest summary per company). */
public final class AggregationTopology {
  public static final String TALLY_STORE = "company-tallies";

  private AggregationTopology() {}

  public static void addTo(StreamsBuilder builder, Topics topics, KStream<String, EnrichedArticle> enriched) {
    Topic<String, CompanySummary> summaries = topics.companySummary();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MentionDiff.STORE),
        Serdes.String(), Serdes.String()));

    enriched
        .process(MentionDiff::new, Named.as("mention-diff"), MentionDiff.STORE)
        .groupByKey(Grouped.with("tally-changes-by-company", Serdes.String(), Tally.SERDE))
        .aggregate(() -> Tally.ZERO, (company, change, tally) -> tally.plus(change), Named.as("company-tally"),
            Materialized.<String, Tally, org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as(TALLY_STORE)
                .withKeySerde(Serdes.String()).withValueSerde(Tally.SERDE))
        .toStream(Named.as("company-tally-updates"))
        .processValues(ToSummary::new, Named.as("to-summary"))
        .to(summaries.name(), Produced.with(summaries.keySerde(), summaries.valueSerde()).withName("company-summary-sink"));
  }
}
