package dev.newsflow.producer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.producer.KafkaRecordSink;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.producer.TopicContent;
import dev.newsflow.producer.companies.CompaniesLoader;
import dev.newsflow.producer.importer.FileImporter;
import dev.newsflow.producer.importer.ImportProgress;
import dev.newsflow.producer.importer.ImportReport;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.Release;
import dev.newsflow.testkit.TestTopics;
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
  @TempDir Path dir;

  @Test
  void validRecordsOfABatchArePublishedWhileOthersAreRejected() throws Exception {
    NewsflowConfig config = TestTopics.config("IngestIT-http", dir, 3);
    try (RecordPublisher publisher = new RecordPublisher(config);
        IngestServer server = new IngestServer(new IngestSettings("127.0.0.1", 0, "tok", 1 << 20, 2), publisher,
            config.topics(), Duration.ofSeconds(30)).start()) {
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
    }
    Map<String, String> published = new LinkedHashMap<>();
    for (ConsumerRecord<String, Article> r : TopicContent.readAll(config, config.topics().articlesRaw())) {
      published.put(r.key(), r.value().getTitle());
    }
    assertEquals(Map.of("h1", "First", "h3", "Third"), published);
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
      assertEquals("read 4, published 4, rejected 0", new CompaniesLoader(sink).load(companies).summary(false));
    }
    assertEquals(List.of("n1"), TopicContent.readAll(config, config.topics().articlesRaw()).stream()
        .map(ConsumerRecord::key).toList());
    List<ConsumerRecord<String, Release>> releases = TopicContent.readAll(config, config.topics().releasesRaw());
    assertEquals(List.of("r1"), releases.stream().map(ConsumerRecord::key).toList());
    // Event time travels in the record; the Kafka timestamp is the arrival, so retention counts from it.
    assertEquals(java.time.Instant.parse("2026-01-05T00:00:00Z"), releases.get(0).value().getReleasedAt());
    assertTrue(releases.get(0).timestamp() >= started, "record timestamp " + releases.get(0).timestamp() + " is the arrival time");
    // The latest record per company: Acme replaced whole, Globex deleted by a tombstone.
    Map<String, Company> latest = new LinkedHashMap<>();
    for (ConsumerRecord<String, Company> r : TopicContent.readAll(config, config.topics().companies())) {
      latest.put(r.key(), r.value());
    }
    assertEquals("Acme Corporation", latest.get("acme").getName());
    assertEquals("ACME", latest.get("acme").getTicker());
    assertEquals(true, latest.containsKey("globex"));
    assertNull(latest.get("globex"));
  }
}
