package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.http.Health;
import dev.newsflow.http.NewsflowHttpServer;
import dev.newsflow.metrics.StageMetrics;
import dev.newsflow.streams.NewsflowStreams;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.TestTopics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streams stage's admin server on a real broker: readiness follows the Kafka Streams state (503 before
 * RUNNING and after close, 200 while RUNNING) and {@code /metrics} carries Kafka Streams' own metrics.
 */
class StreamsHealthIT {
  @TempDir Path work;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void readinessFollowsTheStreamsStateAndItsMetricsAreScraped(TestInfo test) throws Exception {
    NewsflowConfig config = TestTopics.config(test.getDisplayName(), work, 3).with("metrics.port", "0");
    KafkaCluster.open(config).close(); // creates the topics the topology reads, as the command does
    PrometheusMeterRegistry registry = StageMetrics.newRegistry();
    NewsflowStreams streams = new NewsflowStreams(config);
    StreamsHealth.bind(streams.kafkaStreams(), registry);
    try (NewsflowHttpServer admin = StageAdmin.startWithHealth(config, registry, StreamsHealth.check(streams.kafkaStreams()))) {
      String base = "http://" + admin.host() + ":" + admin.port();
      assertEquals(503, get(base + "/health/ready").statusCode(), "not ready before it starts");
      assertEquals(200, get(base + "/health/live").statusCode(), "alive while CREATED");

      streams.start();
      Poll.until(Duration.ofMinutes(2), "ready once RUNNING", () -> get(base + "/health/ready").statusCode(), s -> s == 200);
      assertTrue(get(base + "/health").body().contains("\"streams\":\"RUNNING\""));
      String metrics = get(base + "/metrics").body();
      assertTrue(metrics.contains("kafka_stream_thread_"), "Kafka Streams thread metrics");
      assertTrue(metrics.contains("kafka_stream_"), metrics.substring(0, Math.min(2000, metrics.length())));
      // The stage's own sensors (here: the time to enrich an article), registered as tasks start, reach
      // /metrics at the binder's next refresh (StreamsHealth.REFRESH, 10 s).
      Poll.until(Duration.ofMinutes(2), "the stage's own metrics on /metrics", () -> get(base + "/metrics").body(),
          body -> body.contains("kafka_stream_newsflow_enrichment_total"));

      streams.close(Duration.ofSeconds(30));
      assertEquals(KafkaStreams.State.NOT_RUNNING, streams.kafkaStreams().state());
      assertEquals(503, get(base + "/health/ready").statusCode(), "not ready once stopped");
      assertEquals(503, get(base + "/health/live").statusCode(), "a stopped application is not alive: restart it");
    } finally {
      streams.close();
    }
  }

  @Test
  void everyStreamsStateMapsToAHealthState() {
    for (KafkaStreams.State state : KafkaStreams.State.values()) {
      Health health = StreamsHealth.of(state);
      assertEquals(state == KafkaStreams.State.RUNNING, health.ready(), state.name());
      assertEquals(state.name(), health.details().get("streams"));
    }
    assertTrue(StreamsHealth.of(KafkaStreams.State.REBALANCING).live());
    assertTrue(!StreamsHealth.of(KafkaStreams.State.ERROR).live());
  }

  private HttpResponse<String> get(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
