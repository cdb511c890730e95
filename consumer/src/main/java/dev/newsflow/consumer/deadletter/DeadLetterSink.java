package dev.newsflow.consumer.deadletter;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.metrics.MetricNames;
import dev.newsflow.schema.DeadLetter;
import dev.newsflow.topic.DeadLetters;
import dev.newsflow.topic.Topic;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes the records a sink cannot use to a dead-letter topic, with the reason and the source position,
 * and waits for the broker's acknowledgement: a sink commits its offset past a record only after this
 * returns, so a rejected record is never lost.
 */
public final class DeadLetterSink implements AutoCloseable {
  private final KafkaProducer<String, DeadLetter> producer;
  private final Topic<String, DeadLetter> topic;
  private final String stage;
  private final MeterRegistry registry;

  public DeadLetterSink(NewsflowConfig config, Topic<String, DeadLetter> topic, String stage) {
    this(config, topic, stage, new CompositeMeterRegistry());
  }

  /** Also counts the letters it writes in {@code registry} ({@code newsflow.dlq.letters}, by stage and reason). */
  public DeadLetterSink(NewsflowConfig config, Topic<String, DeadLetter> topic, String stage, MeterRegistry registry) {
    this.topic = topic;
    this.stage = stage;
    this.registry = registry;
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "newsflow-" + stage + "-dlq");
    props.putAll(config.kafkaProperties());
    this.producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  public Topic<String, DeadLetter> topic() {
    return topic;
  }

  /** Sends one dead letter keyed by {@code key} and returns once the broker has it. */
  public void send(String key, String errorType, String reason, String sourceTopic, int partition, long offset,
      byte[] rawKey, byte[] rawValue) {
    DeadLetter letter = DeadLetters.of(stage, errorType, reason, sourceTopic, partition, offset, rawKey, rawValue,
        Instant.now());
    try {
      producer.send(new ProducerRecord<>(topic.name(), key, letter)).get(45, TimeUnit.SECONDS);
      registry.counter(MetricNames.DLQ_LETTERS, MetricNames.STAGE, stage, MetricNames.REASON, errorType).increment();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write to " + topic.name() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot write to " + topic.name() + ": no acknowledgement within 45 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to " + topic.name(), e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
