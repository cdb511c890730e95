package dev.newsflow.consumer.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.TestRecords;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.CompanyActivity;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.PrometheusText;
import dev.newsflow.testkit.TestTopics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway against a real broker, through real HTTP connections. */
class FeedGatewayIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  /** The topics the test's articles carry, as the taxonomy's labels would be given in {@code demo}. */
  static final Set<String> TOPICS = Set.of("ai", "chips");

  @TempDir Path dir;

  @Test
  void aClientReconnectingWithLastEventIdResumesWithoutGapOrRepeat() throws Exception {
    // A buffer of 5 per partition: resuming further back is served straight from Kafka.
    NewsflowConfig config = gatewayConfig(TestTopics.config("feed-resume", dir, 3)).with(FeedGateway.BUFFER, "5");
    try (TestRecords records = new TestRecords(config)) {
      publish(records, config, 0, 30, "acme");
      try (FeedGateway gateway = new FeedGateway(config, TOPICS).start()) {
        Poll.until(TIMEOUT, "the gateway to read the topics", gateway::caughtUp);
        SseClient first = new SseClient(feed(gateway, "lastEventId=0:0,1:0,2:0"), null);
        Poll.until(TIMEOUT, "a dozen articles", () -> first.articles().size() >= 12);
        first.close();
        Poll.until(TIMEOUT, "the first connection to end", first::ended);
        List<SseClient.Event> before = first.articles();
        assertTrue(before.size() < 30, "disconnected mid-way, after " + before.size());

        publish(records, config, 30, 50, "acme");
        try (SseClient second = new SseClient(feed(gateway, ""), before.get(before.size() - 1).id())) {
          Poll.until(TIMEOUT, "the rest of the articles",
              () -> before.size() + second.articles().size() >= 50 && second.comments().size() >= 1);
          List<SseClient.Event> all = new ArrayList<>(before);
          all.addAll(second.articles());
          List<String> ids = all.stream().map(FeedGatewayIT::articleId).toList();
          assertEquals(50, ids.size(), "no repeats: " + ids);
          assertEquals(IntStream.range(0, 50).mapToObj(FeedGatewayIT::id).collect(Collectors.toCollection(TreeSet::new)),
              new TreeSet<>(ids), "no gaps");
          assertPositionsOnlyMoveForward(all);
          assertTrue(second.comments().get(0).startsWith(": heartbeat"), "heartbeats keep the connection alive");
        }
      }
    }
  }

  @Test
  void filtersByCompanyTopicAndSalience() throws Exception {
    NewsflowConfig config = gatewayConfig(TestTopics.config("feed-filter", dir, 1));
    try (TestRecords records = new TestRecords(config); FeedGateway gateway = new FeedGateway(config, TOPICS).start()) {
      send(records, config, TestRecords.article("f1", "acme chips", null, TestRecords.T0, "chips", 0.9, "acme"));
      send(records, config, TestRecords.article("f2", "acme in passing", null, TestRecords.T0, "chips", 0.3, "acme"));
      send(records, config, TestRecords.article("f3", "beta chips", null, TestRecords.T0, "chips", 0.9, "beta"));
      send(records, config, TestRecords.article("f4", "acme ai", null, TestRecords.T0, "ai", 0.9, "acme"));
      records.sendRaw(config.topics().articlesEnriched().name(), "garbage", "not avro".getBytes(StandardCharsets.UTF_8), null);
      send(records, config, TestRecords.article("f5", "both", null, TestRecords.T0, "chips", 0.8, "beta", "acme"));
      Poll.until(TIMEOUT, "the gateway to read the topics", () -> gateway.caughtUp()
          && metric(gateway, "newsflow_records_in_total", "stage", "feed") == 5);
      assertEquals(1, metric(gateway, "newsflow_records_rejected_total", "stage", "feed", "reason", "unreadable"),
          "an unreadable record is skipped and counted");
      try (SseClient client = new SseClient(feed(gateway, "company=acme&topic=chips&minSalience=0.5&backlog=100"), null)) {
        Poll.until(TIMEOUT, "the backlog", () -> client.events().stream().anyMatch(e -> e.type().equals("ready")));
        assertEquals(List.of("f1", "f5"), client.articles().stream().map(FeedGatewayIT::articleId).toList());
        send(records, config, TestRecords.article("f6", "beta again", null, TestRecords.T0, "chips", 0.9, "beta"));
        send(records, config, TestRecords.article("f7", "acme live", null, TestRecords.T0, "chips", 0.7, "acme"));
        Poll.until(TIMEOUT, "the live article", () -> client.articles().size() >= 3);
        assertEquals(List.of("f1", "f5", "f7"), client.articles().stream().map(FeedGatewayIT::articleId).toList());
      }
      HttpResponse<String> bad = get(gateway, "/v1/feed?minSalience=2");
      assertEquals(400, bad.statusCode());
      assertEquals("{\"error\":\"minSalience must be a number between 0 and 1, got 2\",\"status\":400}", bad.body());
      // read as a stream: before, the misspelt filter was ignored and the answer was the endless feed of every article
      HttpResponse<java.io.InputStream> typo = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          feed(gateway, "compny=acme&backlog=100")).build(), HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream body = typo.body()) {
        assertEquals(400, typo.statusCode());
        assertEquals("{\"error\":\"unknown query parameter 'compny'; /v1/feed takes company, topic, minSalience, "
            + "backlog, lastEventId\",\"status\":400}", new String(body.readAllBytes(), StandardCharsets.UTF_8));
      }
      // read as a stream too: before, an unknown topic was taken, and the answer was an endless feed of nothing
      HttpResponse<java.io.InputStream> unknownTopic = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          feed(gateway, "topic=chips,robots&backlog=100")).build(), HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream body = unknownTopic.body()) {
        assertEquals(400, unknownTopic.statusCode());
        assertEquals("{\"error\":\"unknown topic 'robots'; articles carry the topics ai, chips\",\"status\":400}",
            new String(body.readAllBytes(), StandardCharsets.UTF_8));
      }
      // so is a company id no article can carry (ids are lowercase): the answer names the form that would do
      HttpResponse<java.io.InputStream> upperCase = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          feed(gateway, "company=acme,Beta&backlog=100")).build(), HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream body = upperCase.body()) {
        assertEquals(400, upperCase.statusCode());
        String error = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(error.startsWith("{\"error\":\"company id 'Beta' must be a lowercase slug"), error);
        assertTrue(error.endsWith(": beta, not Beta\",\"status\":400}"), error);
      }
      HttpResponse<String> badId = HttpClient.newHttpClient().send(HttpRequest.newBuilder(feed(gateway, ""))
          .header("Last-Event-ID", "0:1,0:2").build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(400, badId.statusCode());
    }
  }

  @Test
  void aSlowClientIsCutOffWithAReasonAndNeverHoldsUpTheOthers() throws Exception {
    NewsflowConfig config = gatewayConfig(TestTopics.config("feed-slow", dir, 1)).with(FeedGateway.CLIENT_BUFFER, "20");
    try (TestRecords records = new TestRecords(config); FeedGateway gateway = new FeedGateway(config, TOPICS).start();
        Socket slow = new Socket()) {
      Poll.until(TIMEOUT, "the gateway to read the topics", gateway::caughtUp);
      // The slow client asks for the feed, then reads nothing; its small receive window fills at once.
      slow.setReceiveBufferSize(4096);
      slow.connect(new InetSocketAddress("127.0.0.1", gateway.port()));
      OutputStream request = slow.getOutputStream();
      request.write("GET /v1/feed HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      request.flush();
      try (SseClient fast = new SseClient(feed(gateway, ""), null)) {
        Poll.until(TIMEOUT, "both clients connected", () -> metric(gateway, "newsflow_feed_clients") == 2);
        // In rounds smaller than the client buffer, so that a client that keeps up is never cut off.
        String body = "x".repeat(20_000);
        for (int round = 0; round < 30; round++) {
          for (int i = round * 10; i < round * 10 + 10; i++) {
            EnrichedArticle a = TestRecords.article(id(i), "Big " + i, null, TestRecords.T0, "chips", 0.9, "acme");
            a.setBody(body);
            send(records, config, a);
          }
          int expected = round * 10 + 10;
          Poll.until(TIMEOUT, "round " + round + " at the fast client", () -> fast.articles().size() == expected);
        }
        Poll.until(TIMEOUT, "the slow client to be cut off",
            () -> metric(gateway, "newsflow_feed_slow_client_disconnects_total") == 1);
      }

      // Now the slow client reads: what it got, then the reason, then the end of the stream.
      slow.setSoTimeout(30_000);
      List<SseClient.Event> events = parse(body(slow.getInputStream()));
      SseClient.Event last = events.get(events.size() - 1);
      assertEquals("disconnect", last.type());
      assertEquals("{\"reason\":\"slow client: more than 20 articles waiting to be sent; reconnect with Last-Event-ID to resume\"}",
          last.data());
      List<SseClient.Event> got = events.stream().filter(e -> e.type().equals("article")).toList();
      assertEquals(IntStream.range(0, got.size()).mapToObj(FeedGatewayIT::id).toList(),
          got.stream().map(FeedGatewayIT::articleId).toList(), "a gapless prefix");
      try (SseClient resumed = new SseClient(feed(gateway, ""), got.get(got.size() - 1).id())) {
        Poll.until(TIMEOUT, "the rest after resuming", () -> got.size() + resumed.articles().size() >= 300);
        assertEquals(IntStream.range(got.size(), 300).mapToObj(FeedGatewayIT::id).toList(),
            resumed.articles().stream().map(FeedGatewayIT::articleId).toList());
      }
    }
  }

  @Test
  void servesCompaniesHealthAndMetrics() throws Exception {
    NewsflowConfig config = gatewayConfig(TestTopics.config("feed-rest", dir, 2));
    try (TestRecords records = new TestRecords(config)) {
      // The hourly activity as the streams application published it, before the gateway starts: it is read
      // from the beginning, and the chart is drawn from it. The 09:00 hour's articles are not on the feed
      // here: the chart shows what the streams application counted, not what the gateway holds.
      Instant t0 = TestRecords.T0;
      sendActivity(records, config, TestRecords.activity("acme", "1h", t0, 1));
      sendActivity(records, config, TestRecords.activity("acme", "1h", t0, 2)); // the window's later value
      sendActivity(records, config, TestRecords.activity("acme", "1h", t0.plus(Duration.ofHours(1)), 3));
      sendActivity(records, config, TestRecords.activity("acme", "1h", t0.plus(Duration.ofHours(2)), 1));
      sendActivity(records, config, TestRecords.activity("beta", "1h", t0.plus(Duration.ofHours(2)), 1));
      sendActivity(records, config, TestRecords.activity("acme", "24h", t0.minus(Duration.ofHours(21)), 6)); // not charted
      try (FeedGateway gateway = new FeedGateway(config, TOPICS).start()) {
        records.send(config.topics().companySummary(), "acme", TestRecords.summary("acme", 2));
        records.send(config.topics().companySummary(), "beta", TestRecords.summary("beta", 4));
        records.send(config.topics().companySummary(), "gone", TestRecords.summary("gone", 1));
        records.send(config.topics().companySummary(), "gone", null);
        send(records, config, TestRecords.article("r1", "one", null, TestRecords.T0.plusSeconds(60), null, 0.9, "acme"));
        send(records, config, TestRecords.article("r2", "two", null, TestRecords.T0.plusSeconds(120), null, 0.9, "acme"));
        send(records, config, TestRecords.article("r3", "three", null, TestRecords.T0.plusSeconds(7200), null, 0.9, "acme", "beta"));
        Poll.until(TIMEOUT, "the gateway to read the topics", () -> gateway.caughtUp()
            && get(gateway, "/v1/companies").body().contains("beta")
            && metric(gateway, "newsflow_records_in_total", "stage", "feed") == 3);

        JsonNode list = CanonicalJson.mapper().readTree(get(gateway, "/v1/companies").body());
        assertEquals(List.of("beta", "acme"), ids(list.get("companies")), "trending first");
        assertEquals(TestRecords.T0.plusSeconds(7200).toString(), list.get("newsClock").asText(),
            "the news clock: the newest article time seen");
        assertEquals("{\"companyId\":\"beta\",\"name\":\"Company BETA\",\"articleCount\":12,\"mentionCount\":28,"
            + "\"last24hArticles\":4,\"trendScore\":1.0,\"sentiment\":0.25,\"latestRelease\":\"Model 4.0\","
            + "\"updatedAt\":\"2026-03-01T08:00:04Z\"}", list.get("companies").get(0).toString());

        JsonNode acme = CanonicalJson.mapper().readTree(get(gateway, "/v1/companies/acme").body());
        assertEquals(CanonicalJson.write(TestRecords.summary("acme", 2)), acme.get("summary").toString());
        assertEquals(list.get("newsClock"), acme.get("newsClock"));
        assertEquals("2026-03-01T11:00:00Z", acme.at("/activity/end").asText(), "24 h up to the newest hour seen");
        assertFalse(acme.at("/activity/latestCoverage").asBoolean());
        assertEquals(chart(21, 2, 22, 3, 23, 1), hours(acme));
        assertEquals(List.of("r3", "r2", "r1"), ids(acme.get("recent")));

        assertEquals(404, get(gateway, "/v1/companies/gone").statusCode(), "a tombstone removes the company");
        assertEquals(400, get(gateway, "/v1/companies/%3Cscript%3E").statusCode());
        assertEquals("{\"error\":\"company id 'ByteDance' must be a lowercase slug (a-z, 0-9, '.', '_', '-', starting "
            + "with a letter or digit, at most 128 characters), such as bytedance: bytedance, not ByteDance\",\"status\":400}",
            get(gateway, "/v1/companies/ByteDance").body(), "the lowercase form, where it would do");
        assertEquals(404, get(gateway, "/nothing-here").statusCode());
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + gateway.port() + "/v1/companies")).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());

        JsonNode health = CanonicalJson.mapper().readTree(get(gateway, "/health").body());
        assertEquals("UP", health.get("status").asText());
        assertEquals(2, health.get("companies").asInt());
        assertEquals(200, get(gateway, "/health/ready").statusCode());
        HttpResponse<String> metrics = get(gateway, "/metrics");
        assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(metrics.body().contains("# HELP newsflow_feed_companies Companies with a summary.\n"), metrics.body());
        assertEquals(2, PrometheusText.sum(metrics.body(), "newsflow_feed_companies"));
        assertEquals(1, PrometheusText.sum(metrics.body(), "newsflow_http_requests_seconds_count", "server", "gateway",
            "route", "/v1/companies/{id}", "status", "404"), metrics.body());
        assertTrue(PrometheusText.sum(metrics.body(), "kafka_consumer_fetch_manager_records_consumed_total", "stage", "feed")
            >= 3, "the Kafka consumer's own metrics");
        HttpResponse<String> page = get(gateway, "/");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
      }
    }
  }

  @Test
  void anUnreadableActivityRecordIsCountedAndTheChartStillFollows() throws Exception {
    NewsflowConfig config = gatewayConfig(TestTopics.config("feed-activity", dir, 1));
    try (TestRecords records = new TestRecords(config); FeedGateway gateway = new FeedGateway(config, TOPICS).start()) {
      Poll.until(TIMEOUT, "the gateway to read the topics", gateway::caughtUp);
      records.send(config.topics().companySummary(), "acme", TestRecords.summary("acme", 1));
      sendActivity(records, config, TestRecords.activity("acme", "1h", TestRecords.T0, 1));
      records.sendRaw(config.topics().companyActivity().name(), "acme@2026-03-01T09:00:00Z/1h",
          "not avro".getBytes(StandardCharsets.UTF_8), null);
      sendActivity(records, config, TestRecords.activity("acme", "1h", TestRecords.T0.plus(Duration.ofHours(1)), 2));

      Poll.until(TIMEOUT, "the window after the unreadable one on the chart", () -> hours(gateway, "acme"),
          chart(22, 1, 23, 2)::equals);
      assertEquals(1, metric(gateway, "newsflow_records_rejected_total", "stage", "feed", "reason", "unreadable"),
          "an unreadable activity record is skipped and counted");
      JsonNode health = CanonicalJson.mapper().readTree(get(gateway, "/health").body());
      assertEquals("UP", health.get("status").asText(), "the reader goes on: " + health);
    }
  }

  /**
   * {@code company.activity} keeps every live update for the broker's retention: the gateway reads it from
   * {@code gateway.activity.lookback} ago on, by when the broker stored each record, not from the beginning.
   */
  @Test
  void activityStoredBeforeTheLookbackIsNotRead() throws Exception {
    NewsflowConfig config = gatewayConfig(TestTopics.config("feed-lookback", dir, 1))
        .with(FeedGateway.ACTIVITY_LOOKBACK, "1ms");
    try (TestRecords records = new TestRecords(config)) {
      records.send(config.topics().companySummary(), "acme", TestRecords.summary("acme", 1));
      sendActivity(records, config, TestRecords.activity("acme", "1h", TestRecords.T0, 5)); // stored, acknowledged
      long storedBy = System.currentTimeMillis();
      Poll.until(TIMEOUT, "the clock to pass the stored window's time", () -> System.currentTimeMillis() > storedBy + 5);
      try (FeedGateway gateway = new FeedGateway(config, TOPICS).start()) {
        Poll.until(TIMEOUT, "the gateway to read the topics", gateway::caughtUp);
        sendActivity(records, config, TestRecords.activity("acme", "1h", TestRecords.T0.plus(Duration.ofHours(1)), 2));
        // Read from the beginning, the earlier window (08:00, 5) would sit next to this one (09:00, 2).
        Poll.until(TIMEOUT, "only the window stored since the gateway started on the chart", () -> hours(gateway, "acme"),
            chart(23, 2)::equals);
      }
    }
  }

  @Test
  void theClientsGaugeCountsOnlyConnectionsStillOpen() throws Exception {
    // Heartbeats an hour apart: only the gateway noticing closed connections can bring the gauge down.
    NewsflowConfig config = gatewayConfig(TestTopics.config("feed-clients", dir, 1)).with(FeedGateway.HEARTBEAT, "1h");
    try (FeedGateway gateway = new FeedGateway(config, TOPICS).start()) {
      Poll.until(TIMEOUT, "the gateway to read the topics", gateway::caughtUp);
      List<SseClient> clients = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        clients.add(new SseClient(feed(gateway, ""), null));
      }
      Poll.until(TIMEOUT, "three clients counted", () -> metric(gateway, "newsflow_feed_clients") == 3);
      assertEquals(3, CanonicalJson.mapper().readTree(get(gateway, "/health").body()).get("clients").asInt());
      for (SseClient client : clients) {
        client.close();
      }
      Poll.until(TIMEOUT, "the gauge back to 0 once the clients have gone", () -> metric(gateway, "newsflow_feed_clients") == 0);
    }
  }

  /** A metric's value as {@code /metrics} shows it (summed over the series with these labels). */
  private static double metric(FeedGateway gateway, String name, String... labels) {
    return PrometheusText.sum(get(gateway, "/metrics").body(), name, labels);
  }

  static NewsflowConfig gatewayConfig(NewsflowConfig config) {
    return config.with(Map.of(FeedGateway.PORT, "0", FeedGateway.HEARTBEAT, "300ms"));
  }

  private static void publish(TestRecords records, NewsflowConfig config, int from, int to, String company) {
    for (int i = from; i < to; i++) {
      send(records, config, TestRecords.article(id(i), "Article " + i, "https://news.example.com/" + i,
          TestRecords.T0.plusSeconds(i), "chips", 0.9, company));
    }
  }

  /** Publishes an activity window to {@code company.activity} under the key the streams application gives it. */
  static void sendActivity(TestRecords records, NewsflowConfig config, CompanyActivity window) {
    records.send(config.topics().companyActivity(), TestRecords.activityKey(window), window);
  }

  private static List<Long> hours(FeedGateway gateway, String companyId) {
    try {
      return hours(CanonicalJson.mapper().readTree(get(gateway, "/v1/companies/" + companyId).body()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The chart's 24 hourly counts, as {@code /v1/companies/{id}} gives them. */
  private static List<Long> hours(JsonNode company) {
    List<Long> hours = new ArrayList<>();
    company.at("/activity/hours").forEach(h -> hours.add(h.asLong()));
    return hours;
  }

  /** 24 hourly counts, zero but for the given (hour index, count) pairs. */
  private static List<Long> chart(long... indexAndCount) {
    List<Long> hours = new ArrayList<>(java.util.Collections.nCopies(24, 0L));
    for (int i = 0; i < indexAndCount.length; i += 2) {
      hours.set((int) indexAndCount[i], indexAndCount[i + 1]);
    }
    return hours;
  }

  static void send(TestRecords records, NewsflowConfig config, EnrichedArticle article) {
    records.send(config.topics().articlesEnriched(), article.getId(), article);
  }

  private static String id(int i) {
    return String.format("art-%03d", i);
  }

  static URI feed(FeedGateway gateway, String query) {
    return URI.create("http://127.0.0.1:" + gateway.port() + "/v1/feed" + (query.isEmpty() ? "" : "?" + query));
  }

  static HttpResponse<String> get(FeedGateway gateway, String path) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
          .build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String articleId(SseClient.Event e) {
    try {
      return CanonicalJson.mapper().readTree(e.data()).get("id").asText();
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(n -> ids.add(n.has("companyId") ? n.get("companyId").asText() : n.get("id").asText()));
    return ids;
  }

  /** Each event's id is a position that only moves forward, and never repeats. */
  private static void assertPositionsOnlyMoveForward(List<SseClient.Event> events) {
    Set<String> seen = new HashSet<>();
    Map<Integer, Long> last = new HashMap<>();
    for (SseClient.Event e : events) {
      assertTrue(seen.add(e.id()), "repeated position " + e.id());
      FeedPosition p = FeedPosition.parse(e.id(), 3);
      for (int i = 0; i < 3; i++) {
        assertTrue(p.next(i) >= last.getOrDefault(i, 0L), "position went back: " + e.id());
        last.put(i, p.next(i));
      }
    }
  }

  /**
   * The body of a raw HTTP/1.1 response, headers skipped: read up to its last chunk when chunked, else up
   * to the end of the connection (an event stream that ends closes its connection).
   */
  private static String body(InputStream in) throws IOException {
    boolean chunked = false;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      chunked |= header.equalsIgnoreCase("Transfer-Encoding: chunked");
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (!chunked) {
      in.transferTo(body);
      return body.toString(StandardCharsets.UTF_8);
    }
    while (true) {
      int size = Integer.parseInt(line(in).trim(), 16);
      if (size == 0) {
        return body.toString(StandardCharsets.UTF_8);
      }
      body.write(in.readNBytes(size));
      line(in);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  private static List<SseClient.Event> parse(String stream) {
    List<SseClient.Event> events = new ArrayList<>();
    for (String block : stream.split("\n\n")) {
      String id = null;
      String type = "message";
      String data = null;
      for (String line : block.split("\n")) {
        if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          type = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = line.substring(6);
        }
      }
      if (data != null) {
        events.add(new SseClient.Event(id, type, data));
      }
    }
    return events;
  }
}
