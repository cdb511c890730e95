package dev.newsflow.producer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.metrics.StageMetrics;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.producer.RecordPublisherTest;
import dev.newsflow.testkit.Poll;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the ingest server refuses, over real HTTP. The broker is absent (a closed port), as when the
 * cluster is down: accepted records are the business of {@code IngestIT}.
 */
class IngestServerTest {
  private static final String TOKEN = "s3cret-token";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final HttpClient client = HttpClient.newHttpClient();
  private String bootstrap;
  private NewsflowConfig config;
  private RecordPublisher publisher;
  private IngestServer server;

  @BeforeEach
  void start() throws Exception {
    bootstrap = "127.0.0.1:" + RecordPublisherTest.closedPort();
    config = NewsflowConfig.builder()
        .set(NewsflowConfig.BOOTSTRAP_SERVERS, bootstrap)
        .set(RecordPublisher.PUBLISH_TIMEOUT, "2s")
        .set(IngestSettings.PORT, "0").set(IngestSettings.TOKEN, TOKEN).set(IngestSettings.MAX_BYTES, "2048")
        .set(IngestSettings.THREADS, "6").set(IngestSettings.MAX_UPLOADS, "3").set(IngestSettings.MAX_UPLOADS_PER_CLIENT, "2")
        .set(IngestSettings.HEADER_TIMEOUT, "1s").set(IngestSettings.BODY_TIMEOUT, "1s").build();
    publisher = new RecordPublisher(config);
    server = new IngestServer(IngestSettings.from(config), publisher, config.topics(), StageMetrics.newRegistry()).start();
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
    assertEquals("{\"error\":\"the body is 5000 bytes; the limit is 2048\",\"status\":413,\"limitBytes\":2048}",
        response.body());
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
    assertEquals("{\"error\":\"the body is not valid UTF-8: byte 0xC3 at offset 1 (line 1)\",\"status\":400}", response.body());
    HttpResponse<String> nowhere = post("/v1/other", "{}", TOKEN);
    assertEquals("{\"error\":\"no such endpoint: POST /v1/other\",\"status\":404}", nowhere.body());
    HttpResponse<String> get = client.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + IngestServer.ARTICLES)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(405, get.statusCode(), get.body());
  }

  @Test
  void aContentTypeOtherThanJsonOrJsonLinesIs415() throws Exception {
    HttpResponse<String> png = send(IngestServer.ARTICLES, "{}", "image/png");
    assertEquals(415, png.statusCode());
    assertEquals("{\"error\":\"the body must be application/json, application/x-ndjson, application/jsonl; got image/png\","
        + "\"status\":415,\"accepted\":[\"application/json\",\"application/x-ndjson\",\"application/jsonl\"]}", png.body());
    HttpResponse<String> latin1 = send(IngestServer.ARTICLES, "{}", "application/json; charset=ISO-8859-1");
    assertEquals("the body must be UTF-8, not iso-8859-1", json(latin1).get("error").asText());
    // Declared JSON, JSON lines (either name) or nothing at all: read, here refused for its content only.
    for (String type : List.of("application/json", "application/x-ndjson", "application/jsonl; charset=utf-8")) {
      assertEquals(400, send(IngestServer.ARTICLES, "{}", type).statusCode(), type);
    }
  }

  @Test
  void aFieldTheRecordTypeDoesNotHaveIsToldInItsResult() throws Exception {
    HttpResponse<String> article = post(IngestServer.ARTICLES,
        "{\"id\": \"a1\", \"body\": \"b\", \"published_at\": \"2026-03-10T10:00:00Z\"}\n{\"id\": \"a2\", \"body\": \"b\"}\n", TOKEN);
    assertEquals(CanonicalJson.mapper().readTree("""
        [{"index": 1, "id": "a1", "status": "rejected", "errors": [{"field": "title", "message": "is required"}],
          "notes": ["field 'published_at' is not part of Article and is ignored"]},
         {"index": 2, "id": "a2", "status": "rejected", "errors": [{"field": "title", "message": "is required"}]}]
        """), json(article).get("results"));
    // an article sent to the releases endpoint: the notes say why company and product are missing
    HttpResponse<String> release = post(IngestServer.RELEASES, "{\"id\": \"a3\", \"title\": \"t\", \"body\": \"b\"}", TOKEN);
    assertEquals("[\"field 'title' is not part of Release and is ignored\",\"field 'body' is not part of Release and is "
        + "ignored\"]", json(release).at("/results/0/notes").toString());
  }

  @Test
  void anUnclosedArrayIsToldWithWhereItBrokeAndNoParserInternals() throws Exception {
    HttpResponse<String> response = send(IngestServer.ARTICLES, "[{\"id\": \"a\"},\n 5", "application/json");
    assertEquals(400, response.statusCode());
    assertEquals("not valid JSON: Unexpected end-of-input: expected close marker for Array (start marker at line 1, "
        + "column 1) (line 2, column 3)", json(response).at("/results/0/errors/0/message").asText());
  }

  @Test
  void aByteOrderMarkAndTheOtherNamesOfUtf8AreReadAsUtf8() throws Exception {
    String missingFields = "[{\"field\":\"id\",\"message\":\"is required\"},{\"field\":\"title\",\"message\":\"is required\"},"
        + "{\"field\":\"body\",\"message\":\"is required\"}]";
    // As import reads a file saved with one: the record is read, here refused for its content only.
    HttpResponse<String> bom = send(IngestServer.ARTICLES, "\uFEFF{}", "application/json");
    assertEquals(400, bom.statusCode(), bom.body());
    assertEquals(missingFields, json(bom).at("/results/0/errors").toString());
    for (String type : List.of("application/json; charset=utf8", "application/json;charset=\"UTF8\"",
        "application/x-ndjson; charset=unicode-1-1-utf-8")) {
      HttpResponse<String> response = send(IngestServer.ARTICLES, "{}", type);
      assertEquals(400, response.statusCode(), type + ": " + response.body());
      assertEquals(missingFields, json(response).at("/results/0/errors").toString(), type);
    }
  }

  @Test
  void aChunkedUploadOverTheCapIs413AndTheClientReadsTheBody() throws Exception {
    // 20 KiB in chunks of unknown total length, ten times the cap: the answer arrives whole, not a reset.
    Iterator<byte[]> chunks = IntStream.range(0, 20).mapToObj(i -> "{\"x\":1}\n".repeat(128).getBytes(StandardCharsets.UTF_8))
        .iterator();
    HttpResponse<String> response = client.send(request(IngestServer.ARTICLES)
        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(() -> chunks))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(413, response.statusCode());
    assertEquals("{\"error\":\"the body is larger than the limit of 2048 bytes\",\"status\":413,\"limitBytes\":2048}",
        response.body());
  }

  @Test
  void aStalledBodyIs408WithAJsonBodyThenTheConnectionCloses() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(stalledUpload(200).getBytes(StandardCharsets.US_ASCII));
      String answer = readToEnd(socket.getInputStream()); // ends: the server closed the connection
      assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
      assertTrue(answer.endsWith("{\"error\":\"the request body stopped arriving: nothing for 1 s after 100 bytes\","
          + "\"status\":408}"), answer);
    }
  }

  @Test
  void stalledHeadersAre408WithAJsonBody() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write("POST /v1/articles HTTP/1.1\r\nHost: x\r\nContent-".getBytes(StandardCharsets.US_ASCII));
      String answer = readToEnd(socket.getInputStream());
      assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
      assertTrue(answer.endsWith("{\"error\":\"the request headers did not arrive within 1 s\",\"status\":408}"), answer);
    }
  }

  @Test
  void uploadsOverTheCapsAreRefusedAtOnceNotQueued() throws Exception {
    // Caps: 2 per client, 3 in all; stalled bodies are held 20 s here, longer than this test runs.
    server.close();
    server = new IngestServer(IngestSettings.from(config.with(IngestSettings.BODY_TIMEOUT, "20s")), publisher,
        config.topics(), StageMetrics.newRegistry()).start();
    List<Socket> stalled = new ArrayList<>();
    try {
      // Three uploads from one address: one of them is over its share, whichever arrives last.
      for (int i = 0; i < 3; i++) {
        stalled.add(stalledSocket(InetAddress.getByName("127.0.0.2")));
      }
      String refused = Poll.until(WAIT, "one of them refused", () -> answered(stalled), answers -> answers.size() == 1)
          .get(0);
      assertTrue(refused.startsWith("HTTP/1.1 429 "), refused);
      assertTrue(refused.contains("Retry-After: 1"), refused);
      assertTrue(refused.endsWith("{\"error\":\"too many uploads under way from 127.0.0.2 (at most 2 at once); retry when "
          + "one has finished\",\"status\":429}"), refused);
      // One from a second address fills the server; the next client is told at once to come back.
      stalled.add(stalledSocket(InetAddress.getByName("127.0.0.3")));
      stalled.add(stalledSocket(InetAddress.getByName("127.0.0.4")));
      List<String> answers = Poll.until(WAIT, "the fifth upload refused", () -> answered(stalled), a -> a.size() == 2);
      String full = answers.stream().filter(a -> !a.equals(refused)).findFirst().orElseThrow();
      assertTrue(full.startsWith("HTTP/1.1 503 "), full);
      assertTrue(full.endsWith("{\"error\":\"the server is reading 3 uploads already; retry shortly\",\"status\":503}"), full);
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }

  /** The answers that have arrived on {@code sockets} (each read to its end once it has something). */
  private final java.util.Map<Socket, String> answers = new java.util.HashMap<>();

  private List<String> answered(List<Socket> sockets) {
    for (Socket socket : sockets) {
      try {
        if (!answers.containsKey(socket) && socket.getInputStream().available() > 0) {
          answers.put(socket, readToEnd(socket.getInputStream()));
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return sockets.stream().filter(answers::containsKey).map(answers::get).toList();
  }

  @Test
  void withTheBrokerDownTheAnswerIs503NamingTheClusterWithinThePublishTimeout() throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> response = post(IngestServer.ARTICLES, """
        {"id": "d1", "title": "One", "body": "b"}
        {"id": "d2", "title": "Two", "body": "b"}
        {"id": "d3", "body": "no title"}
        """, TOKEN);
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    assertEquals(503, response.statusCode(), response.body());
    JsonNode body = json(response);
    String reason = "the Kafka cluster at " + bootstrap + " did not answer within 2 s";
    assertEquals(reason, body.get("error").asText());
    assertEquals(List.of(0, 1, 2), List.of(body.get("accepted").asInt(), body.get("rejected").asInt(), body.get("failed").asInt()));
    assertEquals("failed", body.at("/results/1/status").asText());
    assertEquals(reason, body.at("/results/1/error").asText());
    assertEquals("rejected", body.at("/results/2/status").asText());
    // One wait for the batch, not one per record (the old server waited 30 s per record).
    assertTrue(seconds < 20, "answered after " + seconds + " s");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Authorization", "Bearer " + TOKEN);
  }

  private HttpResponse<String> send(String path, String body, String contentType) throws Exception {
    return client.send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return CanonicalJson.mapper().readTree(response.body());
  }

  /** Headers and the first half of a body of {@code length} bytes; the rest never comes. */
  static String stalledUpload(int length) {
    return "POST " + IngestServer.ARTICLES + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
        + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + length + "\r\n\r\n" + "x".repeat(length / 2);
  }

  private Socket stalledSocket(InetAddress from) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port(), from, 0);
    socket.setSoTimeout(30_000);
    socket.getOutputStream().write(stalledUpload(200).getBytes(StandardCharsets.US_ASCII));
    return socket;
  }

  static String readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
