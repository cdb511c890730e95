package dev.newsflow.streams.link;

import dev.newsflow.schema.Company;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the companies global store in step with the companies topic and tells the directory it changed. */
public final class CompanyStoreUpdater implements Processor<String, Company, Void, Void> {
  private final CompanyDirectory directory;
  private KeyValueStore<String, Company> store;

  public CompanyStoreUpdater(CompanyDirectory directory) {
    this.directory = directory;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(CompanyDirectory.STORE);
  }

  @Override
  public void process(Record<String, Company> record) {
    if (record.key() == null) {
      return; // a compacted topic cannot hold keyless records; nothing to key the company by
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
    directory.changed();
  }
}
