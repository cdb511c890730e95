package dev.newsflow.streams.enrich;

import dev.newsflow.streams.enrich.dedup.Bucket;
import dev.newsflow.streams.enrich.dedup.DedupSerdes;
import dev.newsflow.streams.enrich.dedup.ProbeBatch;
import dev.newsflow.streams.state.RecentValues;
import dev.newsflow.streams.state.StateStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The dedup buckets of one partition, by key: derived from the partition's filings ({@link FileInBuckets}) and
 * kept in a store that is not logged. A bucket is rewritten whole each time an article is filed in it, and
 * an article is filed in twenty-odd buckets, so a logged bucket store wrote more changelog records than all other
 * stores together; what is logged instead is one filing per article and partition, from which the buckets can be
 * derived again.
 *
 * <p>The buckets last read or written are kept as objects too, so that a busy key (a headline shared by hundreds of
 * copies) is not deserialized again by each copy; every write still goes to the store.
 */
final class BucketIndex implements ProbeBatch.Buckets {
  private final KeyValueStore<String, Bucket> store;
  private final Map<String, Bucket> onHeap;

  BucketIndex(KeyValueStore<String, Bucket> store, int onHeap) {
    this.store = store;
    this.onHeap = RecentValues.atMost(onHeap);
  }

  /** The store's builder: cached (a bucket written several times in one commit reaches RocksDB once), not logged. */
  static StoreBuilder<KeyValueStore<String, Bucket>> storeBuilder(StateStores stores, String name) {
    return stores.keyValue(name, Serdes.String(), DedupSerdes.BUCKET)
        .withCachingEnabled()
        .withLoggingDisabled();
  }

  @Override
  public Bucket get(String key) {
    Bucket kept = onHeap.get(key);
    if (kept != null) {
      return kept;
    }
    Bucket stored = store.get(key);
    if (stored != null) {
      onHeap.put(key, stored);
    }
    return stored;
  }

  @Override
  public void put(String key, Bucket bucket) {
    store.put(key, bucket);
    onHeap.put(key, bucket);
  }

  @Override
  public void delete(String key) {
    store.delete(key);
    onHeap.remove(key);
  }

  /** Deletes every bucket; returns how many there were. */
  int clear() {
    onHeap.clear();
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, Bucket> all = store.all()) {
      all.forEachRemaining(kv -> keys.add(kv.key));
    }
    keys.forEach(store::delete);
    return keys.size();
  }
}
