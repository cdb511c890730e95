package dev.newsflow.streams.stories;

import dev.newsflow.schema.Story;
import dev.newsflow.streams.state.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Keyed by story id: keeps each story ({@code story-book}) and publishes it after every change, or a
 * tombstone once its last report has left. Every change of one story comes through one partition, so
 * the story is the same however its reports were spread over the input's partitions.
 */
final class StoryBook implements Processor<String, StoryChange, String, Story> {
  static final String STORE = "story-book";

  private ProcessorContext<String, Story> context;
  private KeyValueStore<String, StoryState> stories;

  static StoreBuilder<KeyValueStore<String, StoryState>> storeBuilder() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), JsonSerde.of(StoryState.class));
  }

  @Override
  public void init(ProcessorContext<String, Story> context) {
    this.context = context;
    this.stories = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, StoryChange> record) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    StoryState before = stories.get(record.key());
    StoryState after = (before == null ? StoryState.EMPTY : before).apply(record.value());
    if (after.count() == 0 || after.reports().isEmpty()) {
      stories.delete(record.key());
      if (before != null) {
        context.forward(record.withValue((Story) null));
      }
      return;
    }
    stories.put(record.key(), after);
    Story story = after.toStory(record.key());
    context.forward(record.withValue(story).withTimestamp(story.getUpdatedAt().toEpochMilli()));
  }
}
