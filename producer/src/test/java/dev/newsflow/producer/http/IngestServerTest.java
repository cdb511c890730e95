package dev.newsflow.producer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.producer.RecordPublisherTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the ingest server refuses, over real HTTP. Nothing here reaches the broker (which is absent):
 * accepted records are the business of {@code IngestServerIT}.
 */
class IngestServerTest {
  private static final String TOKEN = "s3cret-token";
  private final HttpClient client = HttpClient.newHttpClient();
  private RecordPublisher publisher;
  private IngestServer server;

  @BeforeEach
  void start() throws Exception {
    NewsflowConfig config = NewsflowConfig.builder()
        .set(NewsflowConfig.BOOTSTRAP_SERVERS, "127.0.0.1:" + RecordPublisherTest.closedPort())
        .set(RecordPublisher.PUBLISH_TIMEOUT, "2s").build();
    publisher = new RecordPublisher(config);
    server = new IngestServer(new IngestSettings("127.0.0.1", 0, TOKEN, 2048, 2), publisher, config.topics(),
        Duration.ofSeconds(2)).start();
  }

  @AfterEach
  void stop() {
    server.close();
    publisher.close();
  }

  private HttpResponse<String> post(String path, String body, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/x-ndjson");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withoutTheTokenIs401() throws Exception {
    assertEquals(401, post(IngestServer.ARTICLES, "{}", null).statusCode());
    HttpResponse<String> wrong = post(IngestServer.ARTICLES, "{}", "guess");
    assertEquals(401, wrong.statusCode());
    assertEquals("Bearer", wrong.headers().firstValue("WWW-Authenticate").orElse(""));
  }

  @Test
  void overTheSizeCapIs413() throws Exception {
    HttpResponse<String> response = post(IngestServer.ARTICLES, "x".repeat(5000), TOKEN);
    assertEquals(413, response.statusCode());
    assertEquals("{\"message\":\"the body is 5000 bytes; the limit is 2048\"}", response.body());
  }

  @Test
  void invalidRecordsAre400WithFieldLevelMessages() throws Exception {
    HttpResponse<String> response = post(IngestServer.ARTICLES, """
        {"id": "a1", "body": "no title", "url": "javascript:alert(1)"}
        {"id": "a2", "title": "t", "body": "b", "publishedAt": "soon"}
        not json
        """, TOKEN);
    assertEquals(400, response.statusCode());
    JsonNode body = CanonicalJson.mapper().readTree(response.body());
    assertEquals(0, body.get("accepted").asInt());
    assertEquals(3, body.get("rejected").asInt());
    assertEquals(CanonicalJson.mapper().readTree("""
        [{"index": 1, "id": "a1", "status": "rejected", "errors": [{"field": "title", "message": "is required"}]},
         {"index": 2, "id": "a2", "status": "rejected", "errors": [{"field": "publishedAt",
           "message": "expected an ISO-8601 timestamp such as 2026-02-10T08:30:00Z, got \\"soon\\""}]},
         {"index": 3, "status": "rejected", "errors": [{"field": "", "message": "not valid JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"}]}]
        """), body.get("results"));
    HttpResponse<String> javascript = post(IngestServer.RELEASES,
        "{\"id\":\"r\",\"company\":\"c\",\"product\":\"p\",\"url\":\"javascript:alert(1)\"}", TOKEN);
    assertEquals(400, javascript.statusCode());
    assertEquals("url", CanonicalJson.mapper().readTree(javascript.body()).at("/results/0/errors/0/field").asText());
  }

  @Test
  void invalidUtf8WrongMethodAndUnknownPaths() throws Exception {
    HttpRequest bad = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + IngestServer.ARTICLES))
        .header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', (byte) 0xC3, '}'})).build();
    HttpResponse<String> response = client.send(bad, HttpResponse.BodyHandlers.ofString());
    assertEquals(400, response.statusCode());
    assertEquals("{\"message\":\"the body is not valid UTF-8\"}", response.body());
    assertEquals(404, post("/v1/other", "{}", TOKEN).statusCode());
    HttpResponse<String> get = client.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + IngestServer.ARTICLES)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(405, get.statusCode());
  }
}
