package dev.newsflow.streams.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Forgets the entries of a key-value store that are no longer needed, for stores that must not grow forever. */
public final class StoreSweep {
  private StoreSweep() {}

  /** Deletes every entry whose value matches {@code old}; keys are collected first, so the scan never sees its own deletes. */
  public static <K, V> int deleteWhere(KeyValueStore<K, V> store, Predicate<V> old) {
    List<K> keys = keysWhere(store, old);
    keys.forEach(store::delete);
    return keys.size();
  }

  /** The keys of the entries whose value matches {@code test}. */
  public static <K, V> List<K> keysWhere(KeyValueStore<K, V> store, Predicate<V> test) {
    List<K> keys = new ArrayList<>();
    try (KeyValueIterator<K, V> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<K, V> kv = it.next();
        if (kv.value != null && test.test(kv.value)) {
          keys.add(kv.key);
        }
      }
    }
    return keys;
  }
}
