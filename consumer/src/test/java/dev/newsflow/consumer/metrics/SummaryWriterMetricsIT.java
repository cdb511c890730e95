package dev.newsflow.consumer.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.TestRecords;
import dev.newsflow.consumer.jdbc.JdbcSummaryWriter;
import dev.newsflow.consumer.summary.SummaryFileWriter;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summaries stage's admin server, scraped while the writers run against the real broker. */
class SummaryWriterMetricsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void recordsInAndOutMoveAndTheLagReturnsToZero() throws Exception {
    NewsflowConfig config = TestTopics.config("summary-metrics", dir, 2).with(AdminServer.PORT, "0");
    String topic = config.topics().companySummary().name();
    PrometheusMeterRegistry registry = StageMetrics.newRegistry();
    try (TestRecords records = new TestRecords(config);
        SummaryFileWriter files = new SummaryFileWriter(config, dir.resolve("summaries"), registry).start();
        JdbcSummaryWriter database = new JdbcSummaryWriter(config, "jdbc:sqlite:" + dir.resolve("s.db"), registry).start();
        NewsflowHttpServer admin = AdminServer.startIfConfigured(config, registry, Health::up).orElseThrow()) {
      for (int i = 0; i < 3; i++) {
        records.send(config.topics().companySummary(), "c" + i, TestRecords.summary("c" + i, 1));
      }
      // A writer counts a batch in when it reads it and out once written: wait for both counts of both writers.
      String first = Poll.until(TIMEOUT, "both writers to read and write three summaries", () -> Scrape.metrics(admin),
          s -> PrometheusText.sum(s, "newsflow_records_in_total", "stage", "summary-files", "topic", topic) == 3
              && PrometheusText.sum(s, "newsflow_records_out_total", "stage", "summary-files") == 3
              && PrometheusText.sum(s, "newsflow_records_out_total", "stage", "summary-jdbc", "topic", topic) == 3);
      assertTrue(PrometheusText.sum(first, "kafka_consumer_fetch_manager_records_consumed_total", "stage", "summary-jdbc")
          >= 3, "the Kafka consumer's own metrics");

      records.send(config.topics().companySummary(), "c3", TestRecords.summary("c3", 1));
      // The lag is sampled after the batch is written and committed: caught up means back to zero after it.
      String later = Poll.until(TIMEOUT, "records in to move after publishing, and the lag to return to zero",
          () -> Scrape.metrics(admin),
          s -> PrometheusText.sum(s, "newsflow_records_in_total", "stage", "summary-files", "topic", topic) == 4
              && PrometheusText.sum(s, "newsflow_sink_lag", "stage", "summary-files") == 0);
      assertTrue(PrometheusText.has(later, "newsflow_sink_lag", "stage", "summary-jdbc"), later);
    }
  }
}
