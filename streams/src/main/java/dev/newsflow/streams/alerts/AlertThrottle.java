package dev.newsflow.streams.alerts;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import dev.newsflow.schema.AlertRule;
import dev.newsflow.streams.state.JsonSerde;
import dev.newsflow.streams.state.StoreSweep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each rule's throttle in event time, whatever the order alerts arrive in (keyed by
 * {@link AlertGate#throttleKey}: rule and company, or rule and story for an alert about no company).
 *
 * <p>Event time is cut into fixed throttle windows ({@code floor(firedAt / throttle)}, aligned on the
 * epoch, so a 24 h throttle is a UTC day); in each window of each key the earliest alert by
 * ({@code firedAt}, id) is published and the others are held back ({@code alerts-throttled}). When an
 * earlier alert arrives after a later one of its window was published, the earlier one is published and
 * the later one withdrawn (the same alert with {@code withdrawn = true}), so the alerts left standing are
 * the same for any arrival order. Alerts go to the alerts topic keyed by their id, with the wall-clock time
 * as record timestamp.
 *
 * <p>Windows are forgotten {@code retention} (event time) after they end; an alert arriving for a window
 * forgotten that long ago is judged alone in it.
 */
public final class AlertThrottle implements Processor<String, AlertGate.Gated, String, AlertVersions.Versioned> {
  public static final String STORE = "alert-throttle-windows"; // v1 "alert-throttle" held a Long per key
  public static final String HELD = "alert-throttle-held";

  /** One alert in a window, with the gate's sequence number of this version of it (null: 0). */
  public record Member(String id, long firedAt, String alert, Long seq) {
    long sequence() {
      return seq == null ? 0 : seq;
    }
  }

  /** The alerts of one throttle window of one key, and the id published for it (null: none). */
  public record Window(long end, List<Member> members, String published) {}

  private static final Logger log = LoggerFactory.getLogger(AlertThrottle.class);
  private static final Comparator<Member> EARLIEST = Comparator.comparingLong(Member::firedAt).thenComparing(Member::id);

  private final RuleBook book;
  private final Duration retention;
  private ProcessorContext<String, AlertVersions.Versioned> context;
  private KeyValueStore<String, Window> windows;
  private KeyValueStore<String, String> held;
  private ReadOnlyKeyValueStore<String, AlertRule> rules;
  private Sensor throttled;
  private Sensor fired;

  public AlertThrottle(RuleBook book, Duration retention) {
    this.book = book;
    this.retention = retention;
  }

  public static List<StoreBuilder<?>> storeBuilders() {
    return List.of(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), JsonSerde.of(Window.class)),
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HELD), Serdes.String(), Serdes.String()));
  }

  public static String[] storeNames() {
    return new String[] {STORE, HELD};
  }

  @Override
  public void init(ProcessorContext<String, AlertVersions.Versioned> context) {
    this.context = context;
    this.windows = context.getStateStore(STORE);
    this.held = context.getStateStore(HELD);
    this.rules = context.getStateStore(RuleBook.STORE);
    String task = context.taskId().toString();
    this.throttled = context.metrics().addRateTotalSensor("newsflow", task, "alerts-throttled", Sensor.RecordingLevel.INFO);
    this.fired = context.metrics().addRateTotalSensor("newsflow", task, "alerts-fired", Sensor.RecordingLevel.INFO);
    context.schedule(Duration.ofHours(1), PunctuationType.STREAM_TIME, this::forgetOld);
  }

  @Override
  public void process(Record<String, AlertGate.Gated> record) {
    AlertGate.Gated gated = record.value();
    if (gated == null || record.key() == null) {
      return;
    }
    Alert alert = gated.value();
    String id = alert.getId();
    String heldIn = held.get(id);
    if (gated.movedAway() || alert.getWithdrawn()) {
      if (heldIn == null && alert.getWithdrawn()) {
        publish(alert, gated.sequence()); // its window is forgotten: whether it was published is not known, so say it anyway
      } else if (heldIn != null) {
        held.delete(id);
        boolean wasPublished = leave(heldIn, id);
        if (wasPublished && alert.getWithdrawn()) {
          publish(alert, gated.sequence()); // its story no longer stands
        }
        settle(heldIn, null, false);
      }
      return;
    }
    String windowKey = windowKey(record.key(), alert);
    boolean wasPublished = false;
    if (heldIn != null && !heldIn.equals(windowKey)) {
      held.delete(id);
      wasPublished = leave(heldIn, id);
      settle(heldIn, null, false);
    }
    Window w = windows.get(windowKey);
    List<Member> members = new ArrayList<>(w == null ? List.of() : w.members());
    String published = w == null ? null : w.published();
    wasPublished |= id.equals(published);
    members.removeIf(m -> m.id().equals(id));
    members.add(new Member(id, alert.getFiredAt().toEpochMilli(), CanonicalJson.write(alert), gated.sequence()));
    windows.put(windowKey, new Window(windowEnd(alert), members, published));
    held.put(id, windowKey);
    settle(windowKey, id, wasPublished || gated.movedIn());
  }

  /** Takes {@code id} out of its window; true if it was the window's published alert. */
  private boolean leave(String windowKey, String id) {
    Window w = windows.get(windowKey);
    if (w == null) {
      return false;
    }
    List<Member> members = new ArrayList<>(w.members());
    members.removeIf(m -> m.id().equals(id));
    boolean wasPublished = id.equals(w.published());
    windows.put(windowKey, new Window(w.end(), members, wasPublished ? null : w.published()));
    return wasPublished;
  }

  /**
   * Publishes the window's earliest alert if it is not the one published, withdrawing the one it displaces.
   * {@code added}: the alert just placed here, if any; {@code mayBeOut}: it may have been published
   * before (in another window, under another key, or with other content), so it is published again if it
   * wins and withdrawn if it does not.
   */
  private void settle(String windowKey, String added, boolean mayBeOut) {
    Window w = windows.get(windowKey);
    if (w == null) {
      return;
    }
    if (w.members().isEmpty()) {
      windows.delete(windowKey);
      return;
    }
    Member winner = w.members().stream().min(EARLIEST).orElseThrow();
    String previous = w.published();
    if (previous != null && !previous.equals(winner.id())) {
      member(w, previous).ifPresent(m -> {
        log.info("alert {} withdrawn: the earlier alert {} of rule {} takes its throttle window", m.id(), winner.id(),
            ruleOf(m));
        throttled.record();
        withdraw(m);
      });
    }
    if (!winner.id().equals(previous)) {
      fired.record();
      publish(winner);
      windows.put(windowKey, new Window(w.end(), w.members(), winner.id()));
    } else if (winner.id().equals(added)) {
      publish(winner); // the gate sends only changes: its content changed
    }
    if (added != null && !added.equals(winner.id()) && !added.equals(previous)) {
      member(w, added).ifPresent(m -> {
        log.info("alert {} held back: the earlier alert {} of rule {} has its throttle window", m.id(), winner.id(),
            ruleOf(m));
        throttled.record();
        if (mayBeOut) {
          withdraw(m);
        }
      });
    }
  }

  private static java.util.Optional<Member> member(Window w, String id) {
    return w.members().stream().filter(m -> m.id().equals(id)).findFirst();
  }

  private static String ruleOf(Member m) {
    return CanonicalJson.read(m.alert(), Alert.class).getRuleId();
  }

  private void withdraw(Member m) {
    Alert alert = CanonicalJson.read(m.alert(), Alert.class);
    alert.setWithdrawn(true);
    publish(alert, m.sequence());
  }

  private void publish(Member m) {
    publish(CanonicalJson.read(m.alert(), Alert.class), m.sequence());
  }

  /**
   * Hands the alert, with the sequence number of the version it is, to {@link AlertVersions}: an alert
   * whose company changed is held by two throttle keys, on two partitions, for a while, and what the old
   * one says late must not overwrite what the new one said.
   */
  private void publish(Alert alert, long seq) {
    // In event time up to AlertVersions, which stamps it with the wall clock for the topic.
    context.forward(new Record<>(alert.getId(), new AlertVersions.Versioned(CanonicalJson.write(alert), seq),
        alert.getFiredAt().toEpochMilli()));
  }

  private Duration throttle(Alert alert) {
    return book.rule(rules, alert.getRuleId()).map(Rule::throttle).orElse(Duration.ZERO);
  }

  /** The window an alert falls in: its own when the rule has no throttle. */
  private String windowKey(String throttleKey, Alert alert) {
    long t = throttle(alert).toMillis();
    if (t <= 0) {
      return throttleKey + "|alert:" + alert.getId();
    }
    return throttleKey + "|" + Math.floorDiv(alert.getFiredAt().toEpochMilli(), t) * t;
  }

  private long windowEnd(Alert alert) {
    long t = throttle(alert).toMillis();
    long at = alert.getFiredAt().toEpochMilli();
    return t <= 0 ? at : Math.floorDiv(at, t) * t + t;
  }

  private void forgetOld(long streamTime) {
    long cutoff = streamTime - retention.toMillis();
    List<String> forgotten = new ArrayList<>();
    try (var it = windows.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        if (kv.value.end() < cutoff) {
          forgotten.add(kv.key);
          kv.value.members().forEach(m -> forgotten.add("\u0000" + m.id()));
        }
      }
    }
    for (String k : forgotten) {
      if (k.startsWith("\u0000")) {
        held.delete(k.substring(1));
      } else {
        windows.delete(k);
      }
    }
  }
}
