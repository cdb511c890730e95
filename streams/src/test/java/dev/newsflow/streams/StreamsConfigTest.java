package dev.newsflow.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.config.NewsflowConfig;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The Kafka Streams settings newsflow chooses, and the {@code kafka.*} keys that override them. */
class StreamsConfigTest {
  @Test
  void theGlobalConsumerWaitsAtMost100MsForAFetchUnlessTold() {
    Properties defaults = NewsflowStreams.streamsConfig(NewsflowConfig.builder().build());
    assertEquals(100, defaults.get("global.consumer.fetch.max.wait.ms"));

    Properties told = NewsflowStreams.streamsConfig(NewsflowConfig.builder()
        .set("kafka.global.consumer.fetch.max.wait.ms", "500").build());
    assertEquals("500", String.valueOf(told.get("global.consumer.fetch.max.wait.ms")));
  }
}
