package dev.newsflow.streams.alerts;

import dev.newsflow.schema.Alert;
import dev.newsflow.schema.AlertRule;
import java.time.Duration;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serdes;
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
 * Applies each rule's throttle per company (alerts arrive keyed by {@code rule|company}): an alert whose
 * event time is within the rule's throttle of the last alert the rule fired for that company is held back,
 * counted in the {@code alerts-throttled} metric and logged. Event time, not the wall clock, so that
 * reprocessing throttles the same alerts. Alerts that pass go to the alerts topic keyed by their id,
 * with the wall-clock time as record timestamp.
 */
public final class AlertThrottle implements Processor<String, Alert, String, Alert> {
  public static final String STORE = "alert-throttle";

  private static final Logger log = LoggerFactory.getLogger(AlertThrottle.class);

  private final RuleBook book;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, Long> lastFired;
  private ReadOnlyKeyValueStore<String, AlertRule> rules;
  private Sensor throttled;
  private Sensor fired;

  public AlertThrottle(RuleBook book) {
    this.book = book;
  }

  public static StoreBuilder<KeyValueStore<String, Long>> storeBuilder() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long());
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.lastFired = context.getStateStore(STORE);
    this.rules = context.getStateStore(RuleBook.STORE);
    String task = context.taskId().toString();
    this.throttled = context.metrics().addRateTotalSensor("newsflow", task, "alerts-throttled", Sensor.RecordingLevel.INFO);
    this.fired = context.metrics().addRateTotalSensor("newsflow", task, "alerts-fired", Sensor.RecordingLevel.INFO);
  }

  @Override
  public void process(Record<String, Alert> record) {
    Alert alert = record.value();
    Duration throttle = book.rule(rules, alert.getRuleId()).map(Rule::throttle).orElse(Duration.ZERO);
    long at = alert.getFiredAt().toEpochMilli();
    Long last = lastFired.get(record.key());
    if (last != null && Math.abs(at - last) < throttle.toMillis()) {
      throttled.record();
      log.info("alert {} ({} for {}) held back: rule {} fired {} ms before, within its throttle of {}",
          alert.getId(), alert.getRuleType(), alert.getCompanyId(), alert.getRuleId(), at - last, throttle);
      return;
    }
    lastFired.put(record.key(), last == null ? at : Math.max(last, at));
    fired.record();
    // Stamped with the time it was produced, not the news's event time (firedAt carries that), so that
    // the topic's retention keeps alerts about old news as long as any other.
    context.forward(new Record<>(alert.getId(), alert, context.currentSystemTimeMs()));
  }
}
