package dev.newsflow.streams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What a driver's key-value stores hold, taken from one driver and given to another: what a task's changelogs
 * hold after a crash, restored into a task that has not processed the records they reflect.
 */
public final class StoreContents {
  private final Map<String, List<KeyValue<Object, Object>>> entries;

  private StoreContents(Map<String, List<KeyValue<Object, Object>>> entries) {
    this.entries = entries;
  }

  /** Every key-value store's entries, by store name. */
  @SuppressWarnings("unchecked")
  public static StoreContents of(TopologyTestDriver driver) {
    Map<String, List<KeyValue<Object, Object>>> entries = new LinkedHashMap<>();
    for (Map.Entry<String, StateStore> e : driver.getAllStateStores().entrySet()) {
      if (e.getValue() instanceof KeyValueStore<?, ?> store) {
        List<KeyValue<Object, Object>> kept = new ArrayList<>();
        try (KeyValueIterator<Object, Object> it = ((KeyValueStore<Object, Object>) store).all()) {
          it.forEachRemaining(kept::add);
        }
        entries.put(e.getKey(), kept);
      }
    }
    return new StoreContents(entries);
  }

  /** Makes every key-value store of {@code driver} hold what these contents list, where it does not already. */
  @SuppressWarnings("unchecked")
  public void restoreInto(TopologyTestDriver driver) {
    StoreContents now = of(driver);
    for (Map.Entry<String, List<KeyValue<Object, Object>>> e : entries.entrySet()) {
      List<KeyValue<Object, Object>> held = now.entries.get(e.getKey());
      if (Objects.equals(String.valueOf(held), String.valueOf(e.getValue()))) {
        continue;
      }
      KeyValueStore<Object, Object> store = (KeyValueStore<Object, Object>) driver.getAllStateStores().get(e.getKey());
      held.forEach(kv -> store.delete(kv.key));
      e.getValue().forEach(kv -> store.put(kv.key, kv.value));
    }
  }
}
