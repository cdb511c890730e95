package dev.newsflow.streams.alerts;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import dev.newsflow.streams.state.JsonSerde;
import dev.newsflow.streams.state.ReadPosition;
import dev.newsflow.streams.state.StateStores;
import dev.newsflow.streams.state.StoreSweep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Turns candidates into alerts, once per rule and story (candidates arrive keyed by {@code rule|story}).
 *
 * <p>The alert is a function of the story's supports (the articles or releases that raised a candidate),
 * never of their arrival order: ordered by (event time, id), the alert fires at the support that brings the
 * story's independent outlets up to the rule's {@code minSources}; its time, evidence and wording come
 * from the supports up to that one, the earliest support giving the title and company. A support arriving
 * out of order that changes the alert publishes it again under the same id (receivers drop repeats by id);
 * a retracted support that leaves the story unconfirmed withdraws it. Everything else (another outlet
 * retelling the story, a replay) is counted as a repeat. An alert is a rumour when every support behind it
 * uses rumour wording. Its id is derived from the rule and story, so reprocessing yields the same id. The
 * candidate that last changed a story, read again ({@link ReadPosition}), publishes the story's alert again, as
 * one that may have been published under another throttle key.
 *
 * <p>Memory: a story is kept until stream time passes its newest support by {@code retention}
 * ({@code alerts.dedup.retention}, event time). A repeat (an article marked {@code duplicateOf} another)
 * of a story older than that is a retelling of news whose alert was decided long ago: it never fires an
 * alert of its own, so forgetting a story cannot make its alert fire twice.
 */
public final class AlertGate implements Processor<String, AlertCandidate, String, AlertGate.Gated> {
  public static final String STORE = "alert-gate-stories"; // v2 values (Story); v1 "alert-gate" held Gate
  /** Supports kept per story, the earliest by (event time, id); later ones can no longer change its alert. */
  static final int SUPPORTS_KEPT = 32;

  /**
   * One story with one rule: its supports, earliest first, the alert last published (canonical JSON), if any,
   * and where the candidate that last changed it was read ({@link ReadPosition}; null in values written before).
   */
  public record Story(List<AlertCandidate> supports, String published, String read) {}

  /**
   * What the gate hands the throttle, keyed by throttle key: an alert (possibly {@code withdrawn}), or,
   * with {@code movedAway}, notice that the alert now belongs under another throttle key (its company
   * changed) and should leave this one without being withdrawn; {@code movedIn}: it may have been
   * published under another key before, so holding it back here must withdraw it. {@code seq}: the
   * gate's input offset, which grows with every change of this alert (all of them come from one
   * partition); the last stage keeps an alert's newest ({@link AlertVersions}). Null in records written
   * before it existed: counted as 0.
   */
  public record Gated(String alert, boolean movedAway, boolean movedIn, Long seq) {
    public long sequence() {
      return seq == null ? 0 : seq;
    }

    public Alert value() {
      return CanonicalJson.read(alert, Alert.class);
    }
  }

  private static final JsonSerde<Story> SERDE = JsonSerde.of(Story.class);
  private static final Comparator<AlertCandidate> EARLIEST =
      Comparator.comparingLong(AlertCandidate::eventTime).thenComparing(AlertCandidate::supportId);

  private final Duration retention;
  private ProcessorContext<String, Gated> context;
  private KeyValueStore<String, Story> stories;
  private Sensor repeats;

  public AlertGate(Duration retention) {
    this.retention = retention;
  }

  public static StoreBuilder<KeyValueStore<String, Story>> storeBuilder(StateStores stores) {
    return stores.keyValue(STORE, Serdes.String(), SERDE);
  }

  @Override
  public void init(ProcessorContext<String, Gated> context) {
    this.context = context;
    this.stories = context.getStateStore(STORE);
    this.repeats = context.metrics().addRateTotalSensor("newsflow", context.taskId().toString(), "alert-repeats",
        Sensor.RecordingLevel.INFO);
    context.schedule(Duration.ofHours(1), PunctuationType.STREAM_TIME, this::forgetOld);
  }

  @Override
  public void process(Record<String, AlertCandidate> record) {
    AlertCandidate c = record.value();
    if (c == null) {
      return;
    }
    Story story = stories.get(record.key());
    String read = ReadPosition.of(context);
    long seq = context.recordMetadata().map(m -> m.offset()).orElse(0L);
    if (story != null && ReadPosition.readAgain(story.read(), read)) {
      // This very candidate made the stored story, and what it forwarded may be lost: say its alert again.
      if (story.published() != null) {
        Alert alert = CanonicalJson.read(story.published(), Alert.class);
        forward(alert, new Gated(story.published(), false, true, seq), record.timestamp());
      }
      return;
    }
    if (story == null) {
      if (c.retracted()) {
        return;
      }
      if (c.repeat() && c.eventTime() < context.currentStreamTimeMs() - retention.toMillis()) {
        repeats.record(); // a retelling of a story decided (and forgotten) long ago
        return;
      }
    }
    List<AlertCandidate> supports = new ArrayList<>(story == null ? List.of() : story.supports());
    supports.removeIf(s -> s.supportId().equals(c.supportId()));
    if (!c.retracted()) {
      supports.add(c);
      supports.sort(EARLIEST);
      if (supports.size() > SUPPORTS_KEPT) {
        supports = new ArrayList<>(supports.subList(0, SUPPORTS_KEPT));
      }
    }
    String before = story == null ? null : story.published();
    Alert alert = alert(supports);
    String after = alert == null ? null : CanonicalJson.write(alert);
    if (supports.isEmpty()) {
      stories.delete(record.key());
    } else {
      stories.put(record.key(), new Story(List.copyOf(supports), after, read));
    }
    if (Objects.equals(before, after)) {
      repeats.record();
      return;
    }
    Alert previous = before == null ? null : CanonicalJson.read(before, Alert.class);
    if (alert == null) {
      previous.setWithdrawn(true);
      forward(previous, new Gated(CanonicalJson.write(previous), false, false, seq), record.timestamp());
      return;
    }
    boolean moved = previous != null && !throttleKey(previous).equals(throttleKey(alert));
    if (moved) {
      forward(previous, new Gated(before, true, false, seq), record.timestamp());
    }
    forward(alert, new Gated(after, false, moved, seq), record.timestamp());
  }

  private void forward(Alert alert, Gated gated, long timestamp) {
    context.forward(new Record<>(throttleKey(alert), gated, timestamp));
  }

  /**
   * What a rule's throttle applies to: the rule and company, or, for an alert about no company, the rule
   * and story (unrelated stories must not throttle each other).
   */
  public static String throttleKey(Alert alert) {
    return alert.getRuleId() + "|" + (alert.getCompanyId() != null ? "company:" + alert.getCompanyId()
        : "story:" + (alert.getStoryId() == null ? alert.getId() : alert.getStoryId()));
  }

  /** The alert the supports (earliest first) make, or null while they do not confirm it. */
  static Alert alert(List<AlertCandidate> supports) {
    if (supports.isEmpty()) {
      return null;
    }
    AlertCandidate first = supports.get(0);
    Map<String, String> sources = new LinkedHashMap<>();
    Set<String> evidence = new LinkedHashSet<>();
    boolean allRumour = true;
    String rumour = null;
    for (AlertCandidate s : supports) {
      if (s.sourceKey() != null) {
        sources.putIfAbsent(s.sourceKey(), s.supportId());
      }
      evidence.addAll(s.evidence());
      allRumour &= s.rumour() != null;
      rumour = rumour != null ? rumour : s.rumour();
      if (first.requiredSources() <= 1 || sources.size() >= first.requiredSources()) {
        return alert(first, s.eventTime(), sources, List.copyOf(evidence), allRumour ? rumour : null);
      }
    }
    return null;
  }

  static Alert alert(AlertCandidate c, long firedAt, Map<String, String> sources, List<String> evidence,
      String rumour) {
    Map<String, Double> metrics = new LinkedHashMap<>(c.metrics());
    StringBuilder message = new StringBuilder(c.message());
    if (c.requiredSources() > 1) {
      metrics.put("sources", (double) sources.size());
      metrics.put("requiredSources", (double) c.requiredSources());
      message.append(" Confirmed by ").append(sources.size()).append(" independent sources: ")
          .append(String.join(", ", new ArrayList<>(sources.keySet()))).append('.');
    }
    if (rumour != null) {
      message.append(" Unconfirmed: the report uses rumour wording (\"").append(rumour).append("\").");
    }
    return Alert.newBuilder()
        .setId(AlertIds.of(c.ruleId(), c.storyKey()))
        .setRuleId(c.ruleId())
        .setRuleType(c.ruleType())
        .setCompanyId(c.companyId())
        .setStoryId(c.storyId())
        .setTitle(c.title())
        .setMessage(message.toString())
        .setFiredAt(Instant.ofEpochMilli(firedAt))
        .setEvidence(evidence)
        .setMetrics(metrics)
        .setRumour(rumour != null)
        .setSeverity(c.severity())
        .setTopics(c.topics() == null ? List.of() : c.topics())
        .build();
  }

  private void forgetOld(long streamTime) {
    long cutoff = streamTime - retention.toMillis();
    StoreSweep.deleteWhere(stories, s -> s.supports().stream().mapToLong(AlertCandidate::eventTime).max().orElse(0) < cutoff);
  }
}
