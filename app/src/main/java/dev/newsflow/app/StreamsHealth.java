package dev.newsflow.app;

import dev.newsflow.http.Health;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

  /**
   * How often the binder looks for metrics that appeared since (a task's sensors register when the task
   * starts): Micrometer's default is a minute; a Prometheus scrape every 15 to 30 s should find them at
   * its next scrape or the one after.
   */
  static final Duration REFRESH = Duration.ofSeconds(10);

  /** Binds Kafka Streams' metrics to {@code registry}; they are read from the client on each scrape. */
  static KafkaStreamsMetrics bind(KafkaStreams streams, MeterRegistry registry) {
    ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "streams-metrics-refresh");
      t.setDaemon(true);
      return t;
    });
    KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams, Tags.empty(), refresher, REFRESH);
    metrics.bindTo(registry);
    return metrics;
  }
}
