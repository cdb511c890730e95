package dev.newsflow.bench.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads some of the pipeline's output topics in the background as a downstream reader would: committed
 * transactions only, from where the topics end when it is created (resolved at once, before the measured
 * articles are sent). A subclass sets its own fields, then calls {@link #start()}.
 */
abstract class TailReader implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private final String what;
  private volatile RuntimeException failure;

  TailReader(Map<String, Object> kafkaProperties, String clientId, List<String> topics, String what) {
    Map<String, Object> props = new HashMap<>(kafkaProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
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
    this.thread = new Thread(this::readUntilClosed, clientId);
    thread.setDaemon(true);
  }

  /** Starts reading; a subclass calls it once its own fields are set. */
  final void start() {
    thread.start();
  }

  /** One poll's records, read at {@code nanos} ({@link System#nanoTime()}). */
  abstract void read(ConsumerRecords<String, byte[]> records, long nanos);

  /** Fails with the reason the reader stopped, if it did. */
  final void requireRunning() {
    if (failure != null) {
      throw failure;
    }
  }

  private void readUntilClosed() {
    try {
      while (true) {
        var polled = consumer.poll(Duration.ofMillis(200));
        read(polled, System.nanoTime());
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      failure = new IllegalStateException("reading " + what + " failed: " + e.getMessage(), e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
