package dev.newsflow.streams.state;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * What the application remembers per article (content hashes, dedup buckets, what an article counted
 * for), kept for {@code memory.retention} after it was last written and then forgotten, so that state
 * does not grow with every article ever read. Each write is stamped with the wall-clock time of
 * processing (not the story's date: an archive of old news is remembered as long as fresh news), and a
 * wall-clock punctuation sweeps the store. The price of forgetting: an article replayed, or revised,
 * after the retention is treated as new.
 */
public final class ArticleMemory<V> {
  /** The default of {@code memory.retention}. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
  private static final Duration MAX_SWEEP_INTERVAL = Duration.ofHours(1);

  private final ProcessingContext context;
  private final TimestampedKeyValueStore<String, V> store;
  /** The values last read or written, as objects (null: none kept); see {@link #keepingOnHeap}. */
  private Map<String, V> onHeap;

  private ArticleMemory(ProcessingContext context, TimestampedKeyValueStore<String, V> store) {
    this.context = context;
    this.store = store;
  }

  /** The memory in store {@code name}, swept every hour (or every quarter of the retention, if shorter). */
  public static <V> ArticleMemory<V> open(ProcessingContext context, String name, Duration retention) {
    return open(context, name, retention, (key, value) -> {});
  }

  /**
   * As {@link #open(ProcessingContext, String, Duration)}, telling {@code forgotten} each entry the sweep forgets
   * (key and value), after it is deleted.
   */
  public static <V> ArticleMemory<V> open(ProcessingContext context, String name, Duration retention,
      BiConsumer<String, V> forgotten) {
    ArticleMemory<V> memory = new ArticleMemory<>(context, context.getStateStore(name));
    Duration quarter = retention.dividedBy(4);
    Duration interval = quarter.compareTo(MAX_SWEEP_INTERVAL) < 0 ? quarter : MAX_SWEEP_INTERVAL;
    context.schedule(interval.isZero() ? Duration.ofMillis(1) : interval, PunctuationType.WALL_CLOCK_TIME,
        now -> memory.forgetWrittenBefore(now - retention.toMillis(), forgotten));
    return memory;
  }

  /**
   * Keeps the {@code entries} values last read or written on the heap as well, so that a value read
   * again is not deserialized again (the dedup buckets: a busy key is read and rewritten by every
   * article that shares it). The store stays the truth: every write still goes to it (and so to its
   * changelog), a value changed in place must be put back, and the heap copies are dropped at each
   * sweep. A processor opens its memory in {@code init}, which Kafka Streams calls again after
   * restoring a task, so no copy outlives the state it was read from.
   */
  public ArticleMemory<V> keepingOnHeap(int entries) {
    onHeap = RecentValues.atMost(entries);
    return this;
  }

  public V get(String key) {
    if (onHeap != null) {
      V kept = onHeap.get(key);
      if (kept != null) {
        return kept;
      }
    }
    ValueAndTimestamp<V> stamped = store.get(key);
    V value = stamped == null ? null : stamped.value();
    if (onHeap != null && value != null) {
      onHeap.put(key, value);
    }
    return value;
  }

  public void put(String key, V value) {
    store.put(key, ValueAndTimestamp.make(value, context.currentSystemTimeMs()));
    if (onHeap != null) {
      onHeap.put(key, value);
    }
  }

  public void delete(String key) {
    store.delete(key);
    if (onHeap != null) {
      onHeap.remove(key);
    }
  }

  /** Calls {@code action} with every entry remembered, in key order. */
  public void forEach(BiConsumer<String, V> action) {
    try (KeyValueIterator<String, ValueAndTimestamp<V>> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, ValueAndTimestamp<V>> next = all.next();
        action.accept(next.key, next.value.value());
      }
    }
  }

  /** Forgets every entry last written before {@code cutoff} (epoch millis); returns how many. */
  public int forgetWrittenBefore(long cutoff) {
    return forgetWrittenBefore(cutoff, (key, value) -> {});
  }

  private int forgetWrittenBefore(long cutoff, BiConsumer<String, V> forgotten) {
    if (onHeap != null) {
      onHeap.clear();
    }
    List<String> keys = StoreSweep.keysWhere(store, stamped -> stamped.timestamp() < cutoff);
    for (String key : keys) {
      ValueAndTimestamp<V> gone = store.delete(key);
      forgotten.accept(key, gone == null ? null : gone.value());
    }
    return keys.size();
  }
}
