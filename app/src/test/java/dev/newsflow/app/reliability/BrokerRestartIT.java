package dev.newsflow.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.broker.LocalKafkaBroker;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.testkit.KafkaFixture;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker stopped (SIGTERM to its JVM) while the streams stage works, and started again: the outputs
 * are what a clean run gives (every article once, the model's counts, unique alert ids), and the stage
 * says in its log that the cluster is away, and when it is back.
 */
@Tag("reliability")
class BrokerRestartIT {
  private static final Logger log = LoggerFactory.getLogger(BrokerRestartIT.class);
  private static final long SEED = 20261132L;

  @TempDir Path work;

  @Test
  void aBrokerStoppedAndRestartedMidRunChangesNothingAndStreamsSaysSo() throws Exception {
    Assumptions.assumeTrue(KafkaFixture.isLocalBroker(), "needs the local broker, to stop and start it");
    LocalKafkaBroker broker = KafkaFixture.localBroker();
    int articles = 2_000;
    NewsflowConfig config = TestTopics.config("broker-restart", work, 3);
    try (StreamsRun run = new StreamsRun(config, new SyntheticNews(SEED, 20, articles), work)) {
      Map<String, Long> model = run.news.articleCounts();
      try (StageJvm streams = run.startStreams(Map.of("processing.guarantee", "exactly_once_v2"))) {
        run.publishNews(0, SEED);
        long total = run.publishedInput();
        Poll.until(Duration.ofMinutes(8), "streams a third through", Every.every(Duration.ofMillis(500), () -> {
          streams.requireAlive();
          return run.enrichedProgress() >= articles / 3;
        }));

        long out = run.enrichedProgress(); // asked before the broker goes: nobody answers while it is away
        broker.stop(); // SIGTERM: the broker's controlled shutdown
        log.info("broker stopped with about {} of {} articles out", out, articles);
        try {
          Poll.until(Duration.ofMinutes(2), "streams to say the cluster is away",
              Every.every(Duration.ofMillis(500), () -> streams.log().contains("the Kafka cluster at " + config.bootstrapServers() + " has not answered for")));
          streams.requireAlive();
        } finally {
          broker.start();
        }
        Poll.until(Duration.ofMinutes(2), "streams to say the cluster is back", Every.every(Duration.ofMillis(500),
            () -> streams.log().contains("the Kafka cluster at " + config.bootstrapServers() + " answers again after")));

        StreamsRun.Outcome outcome = run.awaitComplete(Duration.ofMinutes(10), model, streams);
        log.info("broker restart run: {} records, 1 broker restart\n{}\n{}", total, outcome, run.stallReport());
        assertTrue(outcome.enriched().exact(), outcome.enriched().toString());
        assertEquals(model, outcome.articleCounts(), "every company's article count equals the model");
        assertTrue(outcome.alerts().exact(), outcome.alerts().toString());
        streams.requireAlive();
      }
    }
  }
}
