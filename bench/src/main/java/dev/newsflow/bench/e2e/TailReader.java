package dev.newsflow.bench.e2e;

import dev.newsflow.consumer.ConsumerLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads some of the pipeline's output topics in the background as a downstream reader would: committed
 * transactions only, from where the topics end when it is created (resolved at once, before the measured
 * articles are sent). A subclass sets its own fields, then calls {@link #start()}.
 */
abstract class TailReader extends ConsumerLoop<String, byte[]> {
  private final String what;

  TailReader(Map<String, Object> kafkaProperties, String clientId, List<String> topics, String what) {
    super(properties(kafkaProperties, clientId), new StringDeserializer(), new ByteArrayDeserializer(), clientId,
        "reading " + what + " stopped", Duration.ofSeconds(5));
    this.what = what;
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
  }

  private static Map<String, Object> properties(Map<String, Object> kafkaProperties, String clientId) {
    Map<String, Object> props = new HashMap<>(kafkaProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return props;
  }

  /** Starts reading; a subclass calls it once its own fields are set. */
  final void start() {
    startThread(true);
  }

  /** One poll's records, read at {@code nanos} ({@link System#nanoTime()}). */
  abstract void read(ConsumerRecords<String, byte[]> records, long nanos);

  @Override
  protected final void pollOnce() {
    var polled = consumer.poll(Duration.ofMillis(200));
    read(polled, System.nanoTime());
  }

  /** Fails with the reason the reader stopped, if it did. */
  final void requireRunning() {
    Throwable failure = failure();
    if (failure != null) {
      throw new IllegalStateException("reading " + what + " failed: " + failure.getMessage(), failure);
    }
  }
}
