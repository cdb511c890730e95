package dev.newsflow.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.metrics.StageMetrics;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.PrometheusText;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared HTTP layer over real connections: error shape, token, timeouts, limits, metrics, health, events. */
class NewsflowHttpServerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String TOKEN = "t0ken";
  private static final int LIMIT = 1024;

  private final HttpClient client = HttpClient.newHttpClient();
  private final PrometheusMeterRegistry registry = StageMetrics.newRegistry();
  private final AtomicInteger openStreams = new AtomicInteger();
  private final AtomicReference<Health> health = new AtomicReference<>(Health.up());
  private NewsflowHttpServer server;

  @BeforeEach
  void start() {
    HttpServerSettings settings = HttpServerSettings.of("test", "127.0.0.1", 0).withToken(TOKEN)
        .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
    server = NewsflowHttpServer.builder(settings).metrics(registry).health(health::get).openPaths("/open/*")
        .routes(routes -> {
          routes.get("/v1/items", ctx -> ctx.result("limit " + QueryParams.integer(ctx, "limit", 10, 1, 500)));
          routes.get("/v1/filtered", ctx -> {
            QueryParams.requireOnly(ctx, "company", "limit");
            ctx.result("company " + QueryParams.string(ctx, "company"));
          });
          routes.get("/v1/boom", ctx -> {
            throw new IllegalStateException("a bug");
          });
          routes.post("/v1/upload", ctx -> ctx.result("read " + RequestBody.read(ctx, LIMIT, Duration.ofSeconds(1)).length));
          routes.get("/open/stream", ctx -> {
            EventStream stream = EventStream.open(ctx);
            openStreams.incrementAndGet();
            try {
              stream.event("1", "hello", "{}");
              while (!stream.clientGone()) {
                Thread.sleep(20); // the probe interval of this test stream
              }
            } finally {
              openStreams.decrementAndGet();
            }
          });
        }).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    assertEquals(JsonErrors.CONTENT_TYPE, response.headers().firstValue("Content-Type").orElse(""), response.body());
    return CanonicalJson.mapper().readTree(response.body());
  }

  @Test
  void aMisspeltQueryParameterIs400NotIgnored() throws Exception {
    assertEquals("company acme", get("/v1/filtered?company=acme&limit=3", TOKEN).body());
    assertEquals("company null", get("/v1/filtered", TOKEN).body());
    assertEquals("{\"error\":\"unknown query parameter 'compny'; /v1/filtered takes company, limit\",\"status\":400}",
        json(get("/v1/filtered?compny=acme", TOKEN)).toString());
  }

  @Test
  void everyErrorHasTheOneJsonShape() throws Exception {
    assertEquals("{\"error\":\"limit must be a whole number from 1 to 500, got 0\",\"status\":400}",
        json(get("/v1/items?limit=0", TOKEN)).toString());
    assertEquals("limit 10", get("/v1/items", TOKEN).body());
    assertEquals("{\"error\":\"no such endpoint: GET /v1/nothing\",\"status\":404}",
        json(get("/v1/nothing", TOKEN)).toString());
    HttpResponse<String> postNowhere = client.send(HttpRequest.newBuilder(uri("/v1/nowhere")).POST(
        HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals("{\"error\":\"no such endpoint: POST /v1/nowhere\",\"status\":404}", json(postNowhere).toString());
    HttpResponse<String> wrongMethod = client.send(HttpRequest.newBuilder(uri("/v1/items"))
        .header("Authorization", "Bearer " + TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, json(wrongMethod).get("status").asInt());
    assertEquals("GET", wrongMethod.headers().firstValue("Allow").orElse(""));
    assertEquals("{\"error\":\"internal error\",\"status\":500}", json(get("/v1/boom", TOKEN)).toString());
    HttpResponse<String> getUpload = get("/v1/upload", null);
    assertEquals("{\"error\":\"/v1/upload takes POST\",\"status\":405}", json(getUpload).toString());
    assertEquals(405, getUpload.statusCode());
  }

  @Test
  void theTokenGuardsEverythingButHealthAndOpenPaths() throws Exception {
    HttpResponse<String> without = get("/v1/items", null);
    assertEquals(401, json(without).get("status").asInt());
    assertEquals("Bearer", without.headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals(401, get("/v1/items", "guess").statusCode());
    assertEquals(401, get("/metrics", null).statusCode());
    assertEquals(200, get("/health", null).statusCode());
    assertEquals(200, get("/health/ready", null).statusCode());
  }

  @Test
  void healthFollowsTheStageState() throws Exception {
    health.set(new Health(Health.Status.STARTING, java.util.Map.of("state", "REBALANCING")));
    assertEquals(200, get("/health/live", null).statusCode());
    HttpResponse<String> ready = get("/health/ready", null);
    assertEquals(503, ready.statusCode());
    assertEquals("{\"status\":\"STARTING\",\"live\":true,\"ready\":false,\"state\":\"REBALANCING\"}", ready.body());
    health.set(new Health(Health.Status.DOWN, java.util.Map.of("state", "ERROR")));
    assertEquals(503, get("/health", null).statusCode());
    assertEquals(503, get("/health/live", null).statusCode());
  }

  @Test
  void metricsCountRequestsByRouteAndStatus() throws Exception {
    get("/v1/items?limit=x", TOKEN);
    get("/v1/items", TOKEN);
    get("/v1/items", TOKEN);
    String scrape = Poll.until(WAIT, "the requests to be timed", () -> get0("/metrics"),
        s -> PrometheusText.sum(s, "newsflow_http_requests_seconds_count", "route", "/v1/items", "status", "200") == 2);
    assertEquals(1, PrometheusText.sum(scrape, "newsflow_http_requests_seconds_count", "server", "test",
        "route", "/v1/items", "status", "400"));
    assertTrue(PrometheusText.has(scrape, "jvm_memory_used_bytes"), "the JVM's own meters");
  }

  private String get0(String path) {
    try {
      HttpResponse<String> response = get(path, TOKEN);
      assertEquals(NewsflowHttpServer.PROMETHEUS_CONTENT_TYPE, response.headers().firstValue("Content-Type").orElse(""));
      return response.body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void errorsJettyRaisesBeforeAnyHandlerHaveTheSameShape() throws Exception {
    HttpResponse<String> huge = client.send(HttpRequest.newBuilder(uri("/v1/items"))
        .header("X-Padding", "x".repeat(20_000)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(431, huge.statusCode());
    assertEquals(431, json(huge).get("status").asInt());
  }

  @Test
  void stalledHeadersAre408WithTheJsonBodyThenClosed() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write("GET /v1/items HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = readAll(socket.getInputStream());
      assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
      assertTrue(answer.endsWith("{\"error\":\"the request headers did not arrive within 1 s\",\"status\":408}"), answer);
    }
  }

  @Test
  void aStalledBodyIs408WithTheJsonBodyThenClosed() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(("POST /v1/upload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
          + "\r\nContent-Length: 100\r\n\r\n{\"half\":").getBytes(StandardCharsets.US_ASCII));
      String answer = readAll(socket.getInputStream());
      assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
      assertTrue(answer.contains("Connection: close"), answer);
      assertTrue(answer.endsWith("{\"error\":\"the request body stopped arriving: nothing for 1 s after 8 bytes\","
          + "\"status\":408}"), answer);
    }
  }

  @Test
  void aChunkedUploadOverTheLimitGets413WithItsBodyNotAReset() throws Exception {
    // 200 chunks of 1 KiB, length unknown in advance: the client sees the whole answer.
    Iterator<byte[]> chunks = IntStream.range(0, 200).mapToObj(i -> new byte[1024]).iterator();
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/v1/upload"))
        .header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(() -> chunks)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals("{\"error\":\"the body is larger than the limit of 1024 bytes\",\"status\":413,\"limitBytes\":1024}",
        json(response).toString());
    HttpResponse<String> declared = client.send(HttpRequest.newBuilder(uri("/v1/upload"))
        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5000]))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals("the body is 5000 bytes; the limit is 1024", json(declared).get("error").asText());
    assertEquals("read 3", client.send(HttpRequest.newBuilder(uri("/v1/upload")).header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString("abc")).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test
  void anEventStreamNoticesAClosedClientWithoutWriting() throws Exception {
    List<Socket> clients = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Socket socket = new Socket("127.0.0.1", server.port());
      socket.getOutputStream().write("GET /open/stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      clients.add(socket);
    }
    Poll.until(WAIT, "three open streams", () -> openStreams.get() == 3);
    for (Socket socket : clients) {
      socket.close();
    }
    Poll.until(WAIT, "every stream to end", () -> openStreams.get() == 0);
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

}
