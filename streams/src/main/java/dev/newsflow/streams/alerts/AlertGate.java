package dev.newsflow.streams.alerts;

import dev.newsflow.schema.Alert;
import dev.newsflow.streams.state.JsonSerde;
import dev.newsflow.streams.state.StoreSweep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Turns candidates into alerts, once per rule and story (candidates arrive keyed by {@code rule|story}):
 * the first candidate that brings the story's independent outlets up to the rule's {@code minSources}
 * fires the alert; every later one (another outlet retelling the story, a revision, a replay) is counted
 * as a repeat and dropped. An alert is a rumour when every piece of its evidence uses rumour wording.
 * Its id is derived from the rule and story, so reprocessing yields the same id. Entries are forgotten
 * {@code retention} (event time) after their story was last seen.
 */
public final class AlertGate implements Processor<String, AlertCandidate, String, Alert> {
  public static final String STORE = "alert-gate";

  /** Where a story stands with one rule. */
  public record Gate(boolean fired, Map<String, String> sources, List<String> evidence, String rumour,
      boolean allRumour, long lastSeen) {}

  private static final JsonSerde<Gate> SERDE = JsonSerde.of(Gate.class);

  private final Duration retention;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, Gate> gates;
  private Sensor repeats;

  public AlertGate(Duration retention) {
    this.retention = retention;
  }

  public static StoreBuilder<KeyValueStore<String, Gate>> storeBuilder() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), SERDE);
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.gates = context.getStateStore(STORE);
    this.repeats = context.metrics().addRateTotalSensor("newsflow", context.taskId().toString(), "alert-repeats",
        Sensor.RecordingLevel.INFO);
    context.schedule(Duration.ofHours(1), PunctuationType.STREAM_TIME, this::forgetOld);
  }

  @Override
  public void process(Record<String, AlertCandidate> record) {
    AlertCandidate c = record.value();
    Gate gate = gates.get(record.key());
    if (gate != null && gate.fired()) {
      repeats.record();
      gates.put(record.key(), new Gate(true, gate.sources(), gate.evidence(), gate.rumour(), gate.allRumour(),
          Math.max(gate.lastSeen(), c.eventTime())));
      return;
    }
    Map<String, String> sources = gate == null ? new LinkedHashMap<>() : new LinkedHashMap<>(gate.sources());
    if (c.sourceKey() != null) {
      sources.putIfAbsent(c.sourceKey(), c.evidence().isEmpty() ? "" : c.evidence().get(0));
    }
    Set<String> evidence = new LinkedHashSet<>(gate == null ? List.of() : gate.evidence());
    evidence.addAll(c.evidence());
    boolean allRumour = (gate == null || gate.allRumour()) && c.rumour() != null;
    String rumour = gate != null && gate.rumour() != null ? gate.rumour() : c.rumour();
    long lastSeen = gate == null ? c.eventTime() : Math.max(gate.lastSeen(), c.eventTime());
    boolean confirmed = c.requiredSources() <= 1 || sources.size() >= c.requiredSources();
    gates.put(record.key(), new Gate(confirmed, sources, List.copyOf(evidence), rumour, allRumour, lastSeen));
    if (confirmed) {
      Alert alert = alert(c, sources, List.copyOf(evidence), allRumour ? rumour : null);
      context.forward(new Record<>(c.ruleId() + "|" + (c.companyId() == null ? "" : c.companyId()), alert,
          record.timestamp()));
    }
  }

  static Alert alert(AlertCandidate c, Map<String, String> sources, List<String> evidence, String rumour) {
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
        .setFiredAt(Instant.ofEpochMilli(c.eventTime()))
        .setEvidence(evidence)
        .setMetrics(metrics)
        .setRumour(rumour != null)
        .setSeverity(c.severity())
        .setTopics(c.topics() == null ? List.of() : c.topics())
        .build();
  }

  private void forgetOld(long streamTime) {
    long cutoff = streamTime - retention.toMillis();
    StoreSweep.deleteWhere(gates, gate -> gate.lastSeen() < cutoff);
  }
}
