package dev.newsflow.streams;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.topic.Topic;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * What every topology test gives {@link TopologyTestDriver}: the application's own streams configuration
 * with its state under a test's folder (no broker is reached), and the driver's topics for registry topics.
 */
public final class DriverSetup {
  private DriverSetup() {}

  /** {@link NewsflowStreams#streamsConfig} of the defaults, with state under {@code stateDir}. */
  public static Properties props(Path stateDir) {
    // The bootstrap address is never dialled: the driver runs the topology in this thread.
    return NewsflowStreams.streamsConfig(NewsflowConfig.builder()
        .set(NewsflowConfig.STATE_DIR, stateDir.toString())
        .set(NewsflowConfig.BOOTSTRAP_SERVERS, "unused:9092")
        .build());
  }

  /** The driver's input topic for a registry topic, with its serdes. */
  public static <K, V> TestInputTopic<K, V> input(TopologyTestDriver driver, Topic<K, V> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  /** The driver's output topic for a registry topic, with its serdes. */
  public static <K, V> TestOutputTopic<K, V> output(TopologyTestDriver driver, Topic<K, V> topic) {
    return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }
}
