package dev.newsflow.streams.stories;

import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Story;
import dev.newsflow.streams.state.JsonSerde;
import dev.newsflow.streams.state.StateStores;
import dev.newsflow.topic.Topic;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The stories topic from the enriched articles: each article's report goes to its story (repartition
 * {@code story-changes-by-story}), and each story is published whole after every change.
 *
 * <pre>
 * enriched articles (by article id) → story-reports → repartition story-changes-by-story → story-book → stories
 * </pre>
 */
public final class StoriesTopology {
  private static final JsonSerde<StoryChange> CHANGES = JsonSerde.of(StoryChange.class);

  private StoriesTopology() {}

  /**
   * {@code retention}: how long each article's last report is remembered ({@code memory.retention}); {@code stores}:
   * the kind of its state stores ({@code state.store}).
   */
  public static void addTo(StreamsBuilder builder, KStream<String, EnrichedArticle> enriched, Topic<String, Story> stories,
      Duration retention, StateStores stores) {
    builder.addStateStore(StoryReports.storeBuilder(stores));
    StoryBook.storeBuilders(stores).forEach(builder::addStateStore);
    enriched
        .process(() -> new StoryReports(retention), Named.as("story-reports"), StoryReports.STORE)
        .repartition(Repartitioned.<String, StoryChange>as("story-changes-by-story")
            .withKeySerde(Serdes.String()).withValueSerde(CHANGES))
        .process(() -> new StoryBook(retention), Named.as("story-book"), StoryBook.STORE, StoryBook.COUNTS)
        .to(stories.name(), Produced.with(stories.keySerde(), stories.valueSerde()).withName("stories-sink"));
  }
}
