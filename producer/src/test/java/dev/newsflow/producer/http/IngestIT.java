package dev.newsflow.producer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.producer.KafkaRecordSink;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.producer.companies.CompaniesLoader;
import dev.newsflow.producer.importer.FileImporter;
import dev.newsflow.producer.importer.ImportProgress;
import dev.newsflow.producer.importer.ImportReport;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.Release;
import dev.newsflow.metrics.StageMetrics;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.PrometheusText;
import dev.newsflow.testkit.TestTopics;
import dev.newsflow.topic.TopicSnapshot;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP ingest, file import and company loading into a real broker, read back from the topics. */
class IngestIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static NewsflowConfig serverConfig(NewsflowConfig config) {
    return config.with(Map.of(IngestSettings.PORT, "0", IngestSettings.TOKEN, "tok", IngestSettings.MAX_BYTES, "1048576",
        IngestSettings.BODY_TIMEOUT, "30s"));
  }

  private static HttpResponse<String> post(IngestServer server, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + IngestServer.ARTICLES))
        .header("Authorization", "Bearer tok").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String scrape(IngestServer server) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
          + "/metrics")).header("Authorization", "Bearer tok").build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void validRecordsOfABatchArePublishedWhileOthersAreRejected() throws Exception {
    NewsflowConfig config = serverConfig(TestTopics.config("IngestIT-http", dir, 3));
    PrometheusMeterRegistry registry = StageMetrics.newRegistry();
    try (RecordPublisher publisher = new RecordPublisher(config, registry, "ingest");
        IngestServer server = new IngestServer(IngestSettings.from(config), publisher, config.topics(), registry).start()) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + IngestServer.ARTICLES))
          .header("Authorization", "Bearer tok")
          .POST(HttpRequest.BodyPublishers.ofString("""
              {"id": "h1", "title": "First", "body": "One", "publishedAt": "2026-02-10T08:30:00Z"}
              {"id": "h2", "body": "no title"}
              {"id": "h3", "title": "Third", "body": "Three"}
              """)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(207, response.statusCode(), response.body());
      JsonNode body = CanonicalJson.mapper().readTree(response.body());
      assertEquals(List.of(2, 1), List.of(body.get("accepted").asInt(), body.get("rejected").asInt()));
      assertEquals("accepted", body.at("/results/2/status").asText());

      // The scrape counts what came in, what was refused and what the broker acknowledged.
      String topic = config.topics().articlesRaw().name();
      String scrape = Poll.until(TIMEOUT, "the metrics to count the batch", () -> scrape(server),
          text -> PrometheusText.sum(text, "newsflow_records_out_total", "stage", "ingest", "topic", topic) == 2);
      assertEquals(3, PrometheusText.sum(scrape, "newsflow_records_in_total", "stage", "ingest", "topic", topic));
      assertEquals(1, PrometheusText.sum(scrape, "newsflow_records_rejected_total", "stage", "ingest", "reason", "invalid"));
      assertTrue(PrometheusText.sum(scrape, "kafka_producer_record_send_total", "stage", "ingest") >= 2,
          "the Kafka producer's own metrics");
      assertEquals(1, PrometheusText.sum(scrape, "newsflow_http_requests_seconds_count", "server", "ingest",
          "route", IngestServer.ARTICLES, "status", "207"));
    }
    Map<String, String> published = new LinkedHashMap<>();
    for (ConsumerRecord<String, Article> r : TopicSnapshot.records(config, config.topics().articlesRaw(), Duration.ofSeconds(30))) {
      published.put(r.key(), r.value().getTitle());
    }
    assertEquals(Map.of("h1", "First", "h3", "Third"), published);
  }

  @Test
  void fiftyStalledUploadsDoNotKeepAValidPostWaiting() throws Exception {
    NewsflowConfig config = serverConfig(TestTopics.config("IngestIT-stalled", dir, 1));
    List<Socket> stalled = new ArrayList<>();
    try (RecordPublisher publisher = new RecordPublisher(config);
        IngestServer server = new IngestServer(IngestSettings.from(config), publisher, config.topics(),
            StageMetrics.newRegistry()).start()) {
      // Warm up: the producer has the topic's metadata, as a server that has been running would.
      assertEquals(202, post(server, "{\"id\": \"w1\", \"title\": \"Warm\", \"body\": \"up\"}").statusCode());
      // One misbehaving client (its own address) opens 50 uploads: headers and half a body each, then nothing.
      InetAddress slowClient = InetAddress.getByName("127.0.0.2");
      for (int i = 0; i < 50; i++) {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port(), slowClient, 0);
        socket.getOutputStream().write(IngestServerTest.stalledUpload(400).getBytes(StandardCharsets.US_ASCII));
        stalled.add(socket);
      }
      long started = System.nanoTime();
      HttpResponse<String> valid = post(server, "{\"id\": \"v1\", \"title\": \"Valid\", \"body\": \"post\"}");
      long millis = (System.nanoTime() - started) / 1_000_000;
      System.out.println("valid POST beside 50 stalled uploads answered in " + millis + " ms");
      assertEquals(202, valid.statusCode(), valid.body());
      // A deadline far below the body timeout (30 s here) that the stalled uploads could have held it for.
      assertTrue(millis < 10_000, "the valid POST took " + millis + " ms");
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
  }

  @Test
  void importAndCompanyLoadingReachTheTopics() throws Exception {
    NewsflowConfig config = TestTopics.config("IngestIT-files", dir, 3);
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("news.ndjson"), """
        {"id": "n1", "title": "News", "body": "Body"}
        {"id": "r1", "company": "acme", "product": "Rocket", "releasedAt": "2026-01-05T00:00:00Z"}
        """);
    Path companies = Files.writeString(dir.resolve("companies.ndjson"), """
        {"id": "acme", "name": "Acme"}
        {"id": "globex", "name": "Globex"}
        {"id": "acme", "name": "Acme Corporation", "ticker": "ACME"}
        {"id": "globex", "deleted": true}
        """);
    long started = System.currentTimeMillis();
    try (RecordPublisher publisher = new RecordPublisher(config)) {
      KafkaRecordSink sink = new KafkaRecordSink(publisher, config.topics());
      ImportReport imported = new FileImporter(sink, null, ImportProgress.silent(), Clock.systemUTC()).run(List.of(data));
      assertEquals("read 2, published 2, rejected 0", imported.summary(false));
      assertEquals("read 4, published 4, rejected 0, repeated ids 2 (the later line wins)",
          new CompaniesLoader(sink).load(companies).summary(false));
    }
    assertEquals(List.of("n1"), TopicSnapshot.records(config, config.topics().articlesRaw(), Duration.ofSeconds(30)).stream()
        .map(ConsumerRecord::key).toList());
    List<ConsumerRecord<String, Release>> releases = TopicSnapshot.records(config, config.topics().releasesRaw(), Duration.ofSeconds(30));
    assertEquals(List.of("r1"), releases.stream().map(ConsumerRecord::key).toList());
    // Event time travels in the record; the Kafka timestamp is the arrival, so retention counts from it.
    assertEquals(java.time.Instant.parse("2026-01-05T00:00:00Z"), releases.get(0).value().getReleasedAt());
    assertTrue(releases.get(0).timestamp() >= started, "record timestamp " + releases.get(0).timestamp() + " is the arrival time");
    // The latest record per company: Acme replaced whole, Globex deleted by a tombstone.
    Map<String, Company> latest = new LinkedHashMap<>();
    for (ConsumerRecord<String, Company> r : TopicSnapshot.records(config, config.topics().companies(), Duration.ofSeconds(30))) {
      latest.put(r.key(), r.value());
    }
    assertEquals("Acme Corporation", latest.get("acme").getName());
    assertEquals("ACME", latest.get("acme").getTicker());
    assertEquals(true, latest.containsKey("globex"));
    assertNull(latest.get("globex"));
  }
}
