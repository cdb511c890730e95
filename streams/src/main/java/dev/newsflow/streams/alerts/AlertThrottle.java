package dev.newsflow.streams.alerts;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import dev.newsflow.schema.AlertRule;
import dev.newsflow.streams.state.JsonSerde;
import dev.newsflow.streams.state.StateStores;
import dev.newsflow.streams.state.StoreSweep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
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
 * <p>Each alert of a window is an entry of its own ({@code alert-throttle-members}, keyed by window, event
 * time and id, so a window's entries lie earliest first): a window that gathers thousands of alerts (a
 * 24-hour throttle on a company in the news all day) costs one small record a change, never one record
 * holding them all, which would outgrow what a Kafka record may hold and stop the task under exactly-once.
 *
 * <p>Windows are forgotten {@code retention} (event time) after they end; an alert arriving for a window
 * forgotten that long ago is judged alone in it.
 */
public final class AlertThrottle implements Processor<String, AlertGate.Gated, String, AlertVersions.Versioned> {
  public static final String STORE = "alert-throttle-windows"; // v1 "alert-throttle" held a Long per key
  /** Each alert's window, as the key of its entry in {@link #MEMBERS} (before that entry existed: the window key). */
  public static final String HELD = "alert-throttle-held";
  public static final String MEMBERS = "alert-throttle-members";
  /** Ends a window key in a member's key; no rule, company or story id holds it. */
  private static final char SEP = '\u0000';

  /** One alert in a window, with the gate's sequence number of this version of it (null: 0). */
  public record Member(String id, long firedAt, String alert, Long seq) {
    long sequence() {
      return seq == null ? 0 : seq;
    }
  }

  /**
   * One throttle window of one key, and the id published for it (null: none). Its alerts are its entries in
   * {@link #MEMBERS}; {@code members} is read only from values written before there were entries (it held
   * them all), and moved to entries at the first read.
   */
  public record Window(long end, List<Member> members, String published) {}

  private static final Logger log = LoggerFactory.getLogger(AlertThrottle.class);

  private final RuleBook book;
  private final Duration retention;
  private ProcessorContext<String, AlertVersions.Versioned> context;
  private KeyValueStore<String, Window> windows;
  private KeyValueStore<String, String> held;
  private KeyValueStore<String, Member> members;
  private ReadOnlyKeyValueStore<String, AlertRule> rules;
  private Sensor throttled;
  private Sensor fired;

  public AlertThrottle(RuleBook book, Duration retention) {
    this.book = book;
    this.retention = retention;
  }

  public static List<StoreBuilder<?>> storeBuilders(StateStores stores) {
    return List.of(
        stores.keyValue(STORE, Serdes.String(), JsonSerde.of(Window.class)),
        stores.keyValue(HELD, Serdes.String(), Serdes.String()),
        stores.keyValue(MEMBERS, Serdes.String(), JsonSerde.of(Member.class)));
  }

  public static String[] storeNames() {
    return new String[] {STORE, HELD, MEMBERS};
  }

  @Override
  public void init(ProcessorContext<String, AlertVersions.Versioned> context) {
    this.context = context;
    this.windows = context.getStateStore(STORE);
    this.held = context.getStateStore(HELD);
    this.members = context.getStateStore(MEMBERS);
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
        String was = windowOf(heldIn);
        boolean wasPublished = leave(was, id);
        held.delete(id);
        if (wasPublished && alert.getWithdrawn()) {
          publish(alert, gated.sequence()); // its story no longer stands
        }
        settle(was, null, false);
      }
      return;
    }
    String windowKey = windowKey(record.key(), alert);
    boolean wasPublished = false;
    if (heldIn != null && !windowOf(heldIn).equals(windowKey)) {
      String was = windowOf(heldIn);
      wasPublished = leave(was, id);
      held.delete(id);
      settle(was, null, false);
    }
    Window w = window(windowKey);
    String published = w == null ? null : w.published();
    wasPublished |= id.equals(published);
    entry(windowKey, id).ifPresent(members::delete); // its earlier version here
    String entry = memberKey(windowKey, alert.getFiredAt().toEpochMilli(), id);
    members.put(entry, new Member(id, alert.getFiredAt().toEpochMilli(), CanonicalJson.write(alert), gated.sequence()));
    windows.put(windowKey, new Window(windowEnd(alert), null, published));
    held.put(id, entry);
    settle(windowKey, id, wasPublished || gated.movedIn());
  }

  /** Takes {@code id} out of its window; true if it was the window's published alert. */
  private boolean leave(String windowKey, String id) {
    Window w = window(windowKey);
    if (w == null) {
      return false;
    }
    entry(windowKey, id).ifPresent(members::delete);
    boolean wasPublished = id.equals(w.published());
    if (wasPublished) {
      windows.put(windowKey, new Window(w.end(), null, null));
    }
    return wasPublished;
  }

  /**
   * The window, with the alerts a value written before {@link #MEMBERS} existed holds moved to entries of their
   * own; null when there is none.
   */
  private Window window(String windowKey) {
    Window w = windows.get(windowKey);
    if (w == null || w.members() == null || w.members().isEmpty()) {
      return w;
    }
    for (Member m : w.members()) {
      String entry = memberKey(windowKey, m.firedAt(), m.id());
      members.put(entry, m);
      held.put(m.id(), entry);
    }
    Window moved = new Window(w.end(), null, w.published());
    windows.put(windowKey, moved);
    return moved;
  }

  /** The key of {@code id}'s entry in the window, if it has one. */
  private Optional<String> entry(String windowKey, String id) {
    String entry = held.get(id);
    if (entry == null || entry.indexOf(SEP) < 0 || !windowOf(entry).equals(windowKey)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(entry);
  }

  /** A member's key: its window, then its event time as 16 hex digits that sort as the times do, then its id. */
  static String memberKey(String windowKey, long firedAt, String id) {
    return windowKey + SEP + String.format("%016x", firedAt ^ Long.MIN_VALUE) + SEP + id;
  }

  /** The window key of what {@link #HELD} holds: a member's key, or a window key as written before. */
  private static String windowOf(String held) {
    int end = held.indexOf(SEP);
    return end < 0 ? held : held.substring(0, end);
  }

  /** The window's earliest alert by (event time, id): the first of its entries; null when it has none. */
  private Member earliest(String windowKey) {
    try (var it = members.prefixScan(windowKey + SEP, new StringSerializer())) {
      return it.hasNext() ? it.next().value : null;
    }
  }

  /**
   * Publishes the window's earliest alert if it is not the one published, withdrawing the one it displaces.
   * {@code added}: the alert just placed here, if any; {@code mayBeOut}: it may have been published
   * before (in another window, under another key, or with other content), so it is published again if it
   * wins and withdrawn if it does not.
   */
  private void settle(String windowKey, String added, boolean mayBeOut) {
    Window w = window(windowKey);
    if (w == null) {
      return;
    }
    Member winner = earliest(windowKey);
    if (winner == null) {
      windows.delete(windowKey);
      return;
    }
    String previous = w.published();
    if (previous != null && !previous.equals(winner.id())) {
      member(windowKey, previous).ifPresent(m -> {
        log.info("alert {} withdrawn: the earlier alert {} of rule {} takes its throttle window", m.id(), winner.id(),
            ruleOf(m));
        throttled.record();
        withdraw(m);
      });
    }
    if (!winner.id().equals(previous)) {
      fired.record();
      publish(winner);
      windows.put(windowKey, new Window(w.end(), null, winner.id()));
    } else if (winner.id().equals(added)) {
      publish(winner); // the gate sends only changes: its content changed
    }
    if (added != null && !added.equals(winner.id()) && !added.equals(previous)) {
      member(windowKey, added).ifPresent(m -> {
        log.info("alert {} held back: the earlier alert {} of rule {} has its throttle window", m.id(), winner.id(),
            ruleOf(m));
        throttled.record();
        if (mayBeOut) {
          withdraw(m);
        }
      });
    }
  }

  private Optional<Member> member(String windowKey, String id) {
    return entry(windowKey, id).map(members::get);
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
        }
      }
    }
    for (String windowKey : forgotten) {
      window(windowKey);
      List<String> entries = new ArrayList<>();
      try (var it = members.prefixScan(windowKey + SEP, new StringSerializer())) {
        it.forEachRemaining(kv -> entries.add(kv.key));
      }
      for (String entry : entries) {
        String id = entry.substring(entry.lastIndexOf(SEP) + 1);
        if (entry.equals(held.get(id))) {
          held.delete(id);
        }
        members.delete(entry);
      }
      windows.delete(windowKey);
    }
  }
}
