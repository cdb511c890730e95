package dev.newsflow.producer;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.metrics.MetricNames;
import dev.newsflow.topic.AccessDenied;
import dev.newsflow.topic.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes newsflow records to their topics: idempotent, {@code acks=all}, compressed, keyed by the
 * record's id. Every send is checked; {@link #flush()} fails with the first error. When the cluster
 * cannot be reached, sending fails within {@code publish.timeout} (default 30 s) with a message that
 * says so, instead of hanging.
 */
public final class RecordPublisher implements AutoCloseable {
  public static final String PUBLISH_TIMEOUT = "publish.timeout";

  private final KafkaProducer<byte[], byte[]> producer;
  private final String bootstrapServers;
  private final NewsflowConfig config;
  private final Duration timeout;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicReference<Exception> firstError = new AtomicReference<>();
  private final MeterRegistry registry;
  private final String stage;
  private final KafkaClientMetrics clientMetrics;

  /** A publisher whose meters go nowhere (one-off commands that expose no metrics). */
  public RecordPublisher(NewsflowConfig config) {
    this(config, new CompositeMeterRegistry(), "publish");
  }

  /**
   * A publisher that counts acknowledged records ({@code newsflow.records.out}, by topic) and exposes its
   * Kafka producer's own metrics in {@code registry}, tagged with {@code stage}.
   */
  public RecordPublisher(NewsflowConfig config, MeterRegistry registry, String stage) {
    this.registry = registry;
    this.stage = stage;
    this.bootstrapServers = config.bootstrapServers();
    this.config = config;
    this.timeout = config.getDuration(PUBLISH_TIMEOUT, Duration.ofSeconds(30));
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 15_000));
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 15_000));
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "newsflow-publisher");
    props.putAll(config.kafkaProperties());
    this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    this.clientMetrics = new KafkaClientMetrics(producer, Tags.of(MetricNames.STAGE, stage));
    clientMetrics.bindTo(registry);
  }

  /**
   * Sends one record (a null value is a tombstone). The record's Kafka timestamp is the time it is sent:
   * retention then counts from arrival, so archives of old news are kept like fresh news. The story's own
   * time travels inside the record ({@code publishedAt}, {@code releasedAt}) and is what the streams
   * application windows by.
   */
  public <V> Future<RecordMetadata> publish(Topic<String, V> topic, String key, V value) {
    byte[] k = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
    try {
      Future<RecordMetadata> future = producer.send(new ProducerRecord<>(topic.name(), k, v),
          (metadata, error) -> {
            if (error != null) {
              firstError.compareAndSet(null, error);
            } else {
              registry.counter(MetricNames.RECORDS_OUT, MetricNames.STAGE, stage, MetricNames.TOPIC, topic.name())
                  .increment();
            }
          });
      sent.incrementAndGet();
      return future;
    } catch (KafkaException e) {
      throw unreachable(e);
    }
  }

  /** Waits until every record sent so far is acknowledged; throws if any failed. */
  public void flush() {
    Future<Void> flushing = java.util.concurrent.CompletableFuture.runAsync(producer::flush);
    try {
      flushing.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw unreachable(e);
    } catch (ExecutionException e) {
      throw unreachable(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing", e);
    }
    Exception error = firstError.get();
    if (error != null) {
      throw unreachable(error);
    }
  }

  public long sentCount() {
    return sent.get();
  }

  /** How long publishing may wait for the cluster ({@code publish.timeout}). */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Why a send failed, in words for the person who sent the record: when the cluster did not answer in
   * time (no metadata, no acknowledgement), says so with its address rather than Kafka's "Topic ... not
   * present in metadata".
   */
  public String failure(Throwable cause) {
    Optional<String> denied = AccessDenied.explain(cause, config, "WRITE");
    if (denied.isPresent()) {
      return denied.get();
    }
    if (cause instanceof org.apache.kafka.common.errors.TimeoutException
        || cause instanceof java.util.concurrent.TimeoutException) {
      return "the Kafka cluster at " + bootstrapServers + " did not answer within " + timeout.toSeconds() + " s";
    }
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return "cannot publish to the Kafka cluster at " + bootstrapServers + ": " + detail;
  }

  private IllegalStateException unreachable(Throwable cause) {
    Optional<String> denied = AccessDenied.explain(cause, config, "WRITE");
    if (denied.isPresent()) {
      return new IllegalStateException(denied.get(), cause); // a refusal, not a cluster out of reach
    }
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new IllegalStateException("cannot publish to Kafka at " + bootstrapServers + " within "
        + timeout.toSeconds() + " s: " + detail, cause);
  }

  @Override
  public void close() {
    clientMetrics.close();
    producer.close(Duration.ofSeconds(5));
  }
}
