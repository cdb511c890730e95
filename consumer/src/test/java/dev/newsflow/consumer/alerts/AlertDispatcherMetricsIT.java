package dev.newsflow.consumer.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.TestRecords;
import dev.newsflow.consumer.metrics.Scrape;
import dev.newsflow.http.AdminServer;
import dev.newsflow.http.Health;
import dev.newsflow.http.NewsflowHttpServer;
import dev.newsflow.metrics.StageMetrics;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.PrometheusText;
import dev.newsflow.testkit.TestTopics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerts stage's admin server, scraped while alerts go to a real webhook receiver. */
class AlertDispatcherMetricsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String SECRET = "metrics-secret";

  @TempDir Path dir;

  @Test
  void deliveriesFailuresAndDeadLettersAreCountedByEndpointAndReason() throws Exception {
    NewsflowConfig config = TestTopics.config("alert-metrics", dir, 1).with(Map.of(AdminServer.PORT, "0",
        RetryPolicy.MAX_ATTEMPTS, "2", RetryPolicy.INITIAL_BACKOFF, "50ms", RetryPolicy.MAX_BACKOFF, "100ms"));
    PrometheusMeterRegistry registry = StageMetrics.newRegistry();
    try (WebhookReceiver good = new WebhookReceiver(SECRET); WebhookReceiver broken = new WebhookReceiver(SECRET);
        TestRecords records = new TestRecords(config)) {
      broken.always(WebhookReceiver.Answer.status(503));
      List<WebhookEndpoint> endpoints = List.of(
          new WebhookEndpoint("good", good.url(), WebhookEndpoint.Format.JSON, SECRET, Set.of(), Set.of("acme"), Set.of()),
          new WebhookEndpoint("broken", broken.url(), WebhookEndpoint.Format.JSON, SECRET, Set.of(), Set.of("beta"), Set.of()));
      try (AlertDispatcher dispatcher = new AlertDispatcher(config, endpoints, registry).start();
          NewsflowHttpServer admin = AdminServer.startIfConfigured(config, registry, Health::up).orElseThrow()) {
        records.send(config.topics().alerts(), "m-acme", TestRecords.alert("m-acme", "r", "acme", "A"));
        records.send(config.topics().alerts(), "m-beta", TestRecords.alert("m-beta", "r", "beta", "B"));
        String scrape = Poll.until(TIMEOUT, "one delivery and one dead letter", () -> Scrape.metrics(admin),
            s -> PrometheusText.sum(s, "newsflow_dlq_letters_total", "reason", "WebhookDeliveryFailed") == 1
                && PrometheusText.sum(s, "newsflow_alert_delivery_seconds_count", "endpoint", "good",
                    "outcome", "delivered") == 1);
        assertEquals(2, PrometheusText.sum(scrape, "newsflow_records_in_total", "stage", "alert-dispatcher"));
        assertEquals(2, PrometheusText.sum(scrape, "newsflow_alert_delivery_seconds_count", "endpoint", "broken",
            "outcome", "retry"));
        assertEquals(2, PrometheusText.sum(scrape, "newsflow_alert_delivery_failures_total", "endpoint", "broken",
            "reason", "retryable"));
        assertTrue(!PrometheusText.has(scrape, "newsflow_alert_delivery_failures_total", "endpoint", "good"),
            "no failures for the endpoint that took its alert");
        assertEquals(1, PrometheusText.sum(scrape, "newsflow_dlq_letters_total", "stage", "alert-dispatcher"));
      }
    }
  }
}
