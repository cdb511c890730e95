package dev.newsflow.streams.state;

import dev.newsflow.topic.Topic;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a global store in step with its compacted topic (a null value deletes) and reports each change,
 * so that what is derived from the store (the gazetteer, the rules in force) can be rebuilt without a
 * restart.
 */
public final class GlobalStoreUpdater<V> implements Processor<String, V, Void, Void> {
  private final String storeName;
  private final Runnable onChange;
  private KeyValueStore<String, V> store;

  public GlobalStoreUpdater(String storeName, Runnable onChange) {
    this.storeName = storeName;
    this.onChange = onChange;
  }

  /**
   * Adds to {@code builder} the global store {@code storeName}, of the kind {@code stores} makes, holding
   * {@code topic}, read by the source named {@code sourceName} and kept by a {@link GlobalStoreUpdater} that runs
   * {@code onChange} after each change. The topic is the store's changelog, so the store logs nothing of its own.
   */
  public static <V> void addGlobalStore(StreamsBuilder builder, StateStores stores, String storeName,
      Topic<String, V> topic, String sourceName, Runnable onChange) {
    builder.addGlobalStore(
        stores.keyValue(storeName, topic.keySerde(), topic.valueSerde())
            .withLoggingDisabled(),
        topic.name(),
        Consumed.with(topic.keySerde(), topic.valueSerde()).withName(sourceName),
        () -> new GlobalStoreUpdater<>(storeName, onChange));
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, V> record) {
    if (record.key() == null) {
      return; // a compacted topic cannot hold keyless records: there is no id to store it under
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
    onChange.run();
  }
}
