package dev.newsflow.streams;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.streams.errors.DeadLetterHandler;
import dev.newsflow.topic.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the newsflow topology: configuration, start, wait until running, clean close. */
public final class NewsflowStreams implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NewsflowStreams.class);

  private final KafkaStreams streams;
  private final Topology topology;
  private final CountDownLatch running = new CountDownLatch(1);

  public NewsflowStreams(NewsflowConfig config) {
    Properties props = streamsConfig(config);
    this.topology = NewsflowTopology.build(config.topics(), props);
    this.streams = new KafkaStreams(topology, props);
    streams.setStateListener((now, before) -> {
      log.info("streams application {}: {} -> {}", config.applicationId(), before, now);
      if (now == KafkaStreams.State.RUNNING) {
        running.countDown();
      }
    });
    streams.setUncaughtExceptionHandler(e -> {
      log.error("a stream thread failed; replacing it", e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
  }

  /** Kafka Streams settings from newsflow's configuration; {@code kafka.*} keys override the defaults here. */
  public static Properties streamsConfig(NewsflowConfig config) {
    Topics topics = config.topics();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    props.put("processing.exception.handler.global.enabled", true);
    props.put(DeadLetterHandler.TOPIC_CONFIG, topics.deadLetters().name());
    props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
    config.replicationFactor().ifPresent(rf -> props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) rf));
    props.putAll(config.kafkaProperties());
    return props;
  }

  public NewsflowStreams start() {
    streams.start();
    return this;
  }

  /** Waits until every task is assigned and running; false on timeout. */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public Topology topology() {
    return topology;
  }

  public KafkaStreams kafkaStreams() {
    return streams;
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(8));
  }

  /**
   * Closes and leaves the consumer group, so that the next start (or another instance) gets the tasks
   * at once instead of waiting for this member's session to time out.
   */
  public void close(Duration timeout) {
    boolean closed = streams.close(CloseOptions.timeout(timeout)
        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    if (!closed) {
      log.warn("streams did not close within {} s", timeout.toSeconds());
    }
  }
}
