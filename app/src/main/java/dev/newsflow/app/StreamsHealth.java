package dev.newsflow.app;

import dev.newsflow.http.Health;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * How the streams application shows itself to operators: its health follows the Kafka Streams state
 * (ready only while RUNNING; alive while starting or rebalancing; down once it errs or stops), and
 * Kafka Streams' own metrics (threads, tasks, processor nodes, state stores, dropped records) go to
 * the stage's registry through Micrometer's {@link KafkaStreamsMetrics}.
 */
final class StreamsHealth {
  private StreamsHealth() {}

  static Health of(KafkaStreams.State state) {
    Health.Status status = switch (state) {
      case RUNNING -> Health.Status.UP;
      case CREATED, REBALANCING -> Health.Status.STARTING;
      case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> Health.Status.DOWN;
    };
    return new Health(status, Map.of("streams", state.name()));
  }

  static Health.Check check(KafkaStreams streams) {
    return () -> of(streams.state());
  }

  /** Binds Kafka Streams' metrics to {@code registry}; they are read from the client on each scrape. */
  static KafkaStreamsMetrics bind(KafkaStreams streams, MeterRegistry registry) {
    KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
    metrics.bindTo(registry);
    return metrics;
  }
}
