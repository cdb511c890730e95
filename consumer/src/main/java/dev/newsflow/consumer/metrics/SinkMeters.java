package dev.newsflow.consumer.metrics;

import dev.newsflow.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The meters every sink has: records read and written, its lag behind its input topic, and its Kafka
 * consumer's own metrics, all tagged with the sink's stage. The lag is sampled on the sink's own thread
 * after each poll (a Kafka consumer must not be touched from the scrape's thread).
 */
public final class SinkMeters implements AutoCloseable {
  private final Counter in;
  private final Counter out;
  private final AtomicLong lag = new AtomicLong();
  private final KafkaClientMetrics clientMetrics;

  public SinkMeters(MeterRegistry registry, String stage, String topic, Consumer<?, ?> consumer) {
    this.in = registry.counter(MetricNames.RECORDS_IN, MetricNames.STAGE, stage, MetricNames.TOPIC, topic);
    this.out = registry.counter(MetricNames.RECORDS_OUT, MetricNames.STAGE, stage, MetricNames.TOPIC, topic);
    Gauge.builder(MetricNames.SINK_LAG, lag, AtomicLong::get).tag(MetricNames.STAGE, stage)
        .description("Records in the input topic not processed yet").register(registry);
    this.clientMetrics = new KafkaClientMetrics(consumer, Tags.of(MetricNames.STAGE, stage));
    clientMetrics.bindTo(registry);
  }

  public void read(int records) {
    in.increment(records);
  }

  public void wrote(int records) {
    out.increment(records);
  }

  /** Samples the lag: what the consumer's assigned partitions hold beyond its position, as far as it knows. */
  public void sampleLag(Consumer<?, ?> consumer) {
    long total = 0;
    for (TopicPartition tp : consumer.assignment()) {
      total += consumer.currentLag(tp).orElse(0);
    }
    lag.set(total);
  }

  @Override
  public void close() {
    clientMetrics.close();
  }
}
