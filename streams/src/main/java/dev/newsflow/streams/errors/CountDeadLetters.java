package dev.newsflow.streams.errors;

import dev.newsflow.schema.DeadLetter;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Passes dead letters on to their topic and counts them by reason: Kafka Streams reports
 * {@code dlq-letters-total} and {@code dlq-letters-rate} in the {@code stream-newsflow-metrics} group,
 * tagged with the task ({@code newsflow-id}) and the letter's {@code errorType} ({@code reason}); on
 * {@code /metrics} that is {@code kafka_stream_newsflow_dlq_letters_total{reason=...}}.
 */
public final class CountDeadLetters implements FixedKeyProcessor<String, DeadLetter, DeadLetter> {
  private final Map<String, Sensor> byReason = new HashMap<>();
  private FixedKeyProcessorContext<String, DeadLetter> context;

  @Override
  public void init(FixedKeyProcessorContext<String, DeadLetter> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, DeadLetter> record) {
    String reason = record.value() == null ? "unknown" : record.value().getErrorType();
    byReason.computeIfAbsent(reason, r -> context.metrics().addRateTotalSensor("newsflow", context.taskId().toString(),
        "dlq-letters", Sensor.RecordingLevel.INFO, "reason", r)).record();
    context.forward(record);
  }
}
