package dev.newsflow.streams.alerts;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import dev.newsflow.streams.state.ArticleMemory;
import dev.newsflow.streams.state.StateStores;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/**
 * The last stage before the alerts topic, keyed by alert id: passes on each alert unless an older
 * version of it than the one already passed.
 *
 * <p>Why: the throttle is keyed by rule and company, and an alert's company can change (an earlier report
 * of its story, naming another company first, arrives late). For a moment two throttle tasks, on two
 * partitions, hold the alert, and nothing orders what they say: the old key's task may publish the
 * alert's first version after the new key's task published its newest, and the topic's last word would
 * then depend on the order of arrival. Every version carries the gate's sequence number ({@code seq}: the
 * offset of the gate's input, one partition for all versions of an alert), so the older word is dropped
 * here. Two words with the same number come from one throttle task, in its order, and both pass.
 */
public final class AlertVersions implements Processor<String, AlertVersions.Versioned, String, Alert> {
  public static final String STORE = "alert-versions";

  /** An alert (canonical JSON) and the gate's sequence number of its version. */
  public record Versioned(String alert, long seq) {}

  private final Duration retention;
  private ProcessorContext<String, Alert> context;
  private ArticleMemory<Long> newest;

  /** {@code retention}: how long (wall clock) an alert's newest number is remembered ({@code memory.retention}). */
  public AlertVersions(Duration retention) {
    this.retention = retention;
  }

  public static StoreBuilder<TimestampedKeyValueStore<String, Long>> storeBuilder(StateStores stores) {
    return stores.timestamped(STORE, Serdes.Long());
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.newest = ArticleMemory.open(context, STORE, retention);
  }

  @Override
  public void process(Record<String, Versioned> record) {
    Versioned v = record.value();
    if (v == null || record.key() == null) {
      return;
    }
    Long seen = newest.get(record.key());
    if (!isCurrent(seen, v.seq())) {
      return; // a throttle key the alert has left speaking late
    }
    if (seen == null || seen != v.seq()) {
      newest.put(record.key(), v.seq());
    }
    // Stamped with the time it was produced, not the news's event time (firedAt carries that), so that
    // the topic's retention keeps alerts about old news as long as any other.
    context.forward(record.withValue(CanonicalJson.read(v.alert(), Alert.class)).withTimestamp(context.currentSystemTimeMs()));
  }

  /** True when a version numbered {@code seq} may pass after the newest one passed so far ({@code seen}, null: none). */
  static boolean isCurrent(Long seen, long seq) {
    return seen == null || seq >= seen;
  }
}
