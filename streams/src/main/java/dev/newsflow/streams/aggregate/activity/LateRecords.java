package dev.newsflow.streams.aggregate.activity;

import dev.newsflow.schema.DeadLetter;
import dev.newsflow.streams.state.JsonSerde;
import dev.newsflow.topic.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * A window change that came after its window closed, as a dead letter that says which window, by how
 * much, and what still counts it. Also where the {@code late-records} metric is defined: Kafka Streams
 * reports it as {@code late-records-total} and {@code late-records-rate} in the
 * {@code stream-newsflow-metrics} group, per task.
 */
public final class LateRecords implements FixedKeyProcessor<String, WindowDelta, DeadLetter> {
  public static final String ERROR_TYPE = "LATE_RECORD";
  public static final String STAGE = "streams:activity-windows";

  private static final JsonSerde<WindowDelta> SERDE = JsonSerde.of(WindowDelta.class);

  private final Duration grace;
  private FixedKeyProcessorContext<String, DeadLetter> context;

  public LateRecords(Duration grace) {
    this.grace = grace;
  }

  static Sensor sensor(org.apache.kafka.streams.processor.api.ProcessingContext context) {
    return context.metrics().addRateTotalSensor("newsflow", context.taskId().toString(), "late-records",
        Sensor.RecordingLevel.INFO);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, DeadLetter> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, WindowDelta> record) {
    WindowDelta d = record.value();
    long hour = ActivityLateness.hourOf(d.eventTime());
    String what = d.article() == null ? "the withdrawal of article " + d.articleId() : "article " + d.articleId();
    String reason = what + " for company " + record.key() + " has event time " + Instant.ofEpochMilli(d.eventTime())
        + ", but stream time is already " + Instant.ofEpochMilli(d.streamTime()) + ": its 1h window ["
        + Instant.ofEpochMilli(hour) + ", " + Instant.ofEpochMilli(hour + ActivityLateness.HOUR)
        + ") closed at " + Instant.ofEpochMilli(hour + ActivityLateness.HOUR + grace.toMillis()) + " (grace "
        + grace + ")" + (d.missesDay() ? " and so did every 24h window holding it"
            : "; only the 24h windows still open count it") + ". The company's totals count it.";
    DeadLetter letter = DeadLetters.of(STAGE, ERROR_TYPE, reason, d.position().topic(), d.position().partition(),
        d.position().offset(), d.articleId().getBytes(StandardCharsets.UTF_8),
        SERDE.serializer().serialize(null, d), Instant.ofEpochMilli(context.currentSystemTimeMs()));
    // Stamped with the time it was found late, so that retention keeps it as long as any dead letter.
    context.forward(record.withValue(letter).withTimestamp(context.currentSystemTimeMs()));
  }
}
