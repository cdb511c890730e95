package dev.newsflow.streams.alerts;

import dev.newsflow.schema.AlertRule;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the rules global store in step with the rules topic and tells the rule book it changed. */
public final class RuleStoreUpdater implements Processor<String, AlertRule, Void, Void> {
  private final RuleBook book;
  private KeyValueStore<String, AlertRule> store;

  public RuleStoreUpdater(RuleBook book) {
    this.book = book;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(RuleBook.STORE);
  }

  @Override
  public void process(Record<String, AlertRule> record) {
    if (record.key() == null) {
      return; // a compacted topic cannot hold keyless records; there is no rule id to store it under
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
    book.changed();
  }
}
