package dev.newsflow.streams.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.CompanyActivity;
import dev.newsflow.streams.state.QueryableStores;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactive queries over HTTP, answered from the streams application's state stores:
 * <ul>
 *   <li>{@code GET /v1/companies/{id}}: the company's summary;</li>
 *   <li>{@code GET /v1/companies/{id}/activity?window=1h|24h[&limit=N]}: its newest activity windows;</li>
 *   <li>{@code GET /v1/trending[?limit=N]}: the companies with the highest trend scores;</li>
 *   <li>{@code GET /v1/health}: the application's state.</li>
 * </ul>
 * Stores are partitioned across the application's instances. Any instance answers any request: a
 * company query is forwarded to the instance that holds the company's partition
 * ({@code KafkaStreams.queryMetadataForKey}, instances advertising themselves through
 * {@code application.server}); the trending list gathers each instance's own top list and merges them.
 * While partitions move between instances the answer is 503 with {@code Retry-After}.
 */
public final class QueryServer implements AutoCloseable {
  /** Set on a request one instance forwards to another: the receiver answers from its own stores. */
  public static final String FORWARDED = "X-Newsflow-Forwarded";
  public static final int MAX_LIMIT = 500;

  private static final Logger log = LoggerFactory.getLogger(QueryServer.class);
  private static final ObjectMapper JSON = CanonicalJson.mapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient client;
  private volatile KafkaStreams streams;
  private volatile HostInfo self;
  private volatile LocalQueries local;

  private QueryServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /** Binds the port now (0 picks a free one), so its number can be advertised before Kafka Streams starts. */
  public static QueryServer bind(String host, int port) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
      ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "newsflow-query-http");
        t.setDaemon(true);
        return t;
      });
      server.setExecutor(executor);
      return new QueryServer(server, executor);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port + " for interactive queries: " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Starts answering, for {@code streams} advertised as {@code self}. */
  public QueryServer start(KafkaStreams streams, HostInfo self, int top) {
    this.streams = streams;
    this.self = self;
    this.local = new LocalQueries(streams, top);
    server.createContext("/v1/", this::handle);
    server.start();
    log.info("interactive queries at http://{}:{}/v1/", self.host(), self.port());
    return this;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Reply reply;
    try {
      reply = route(exchange);
    } catch (InvalidStateStoreException e) { // includes not started yet
      reply = Reply.error(503, "the state stores are not queryable right now (" + e.getMessage() + "); retry shortly");
    } catch (BadRequest e) {
      reply = Reply.error(400, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("query {} failed", exchange.getRequestURI(), e);
      reply = Reply.error(500, "the query failed: " + e.getMessage());
    }
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    if (reply.status() == 503) {
      exchange.getResponseHeaders().set("Retry-After", "1");
    }
    exchange.sendResponseHeaders(reply.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private Reply route(HttpExchange exchange) {
    if (!"GET".equals(exchange.getRequestMethod())) {
      return Reply.error(405, "only GET is supported");
    }
    URI uri = exchange.getRequestURI();
    Map<String, String> query = queryParameters(uri.getRawQuery());
    boolean forwarded = exchange.getRequestHeaders().containsKey(FORWARDED);
    String[] parts = uri.getRawPath().split("/");
    // "", "v1", ...
    if (parts.length == 3 && parts[2].equals("health")) {
      return Reply.ok(JSON.createObjectNode().put("state", streams.state().name()));
    }
    if (parts.length == 3 && parts[2].equals("trending")) {
      int limit = limit(query, 10);
      return "local".equals(query.get("scope")) ? Reply.ok(trendingJson(local.trending(limit))) : trending(limit);
    }
    if (parts.length >= 4 && parts.length <= 5 && parts[2].equals("companies")) {
      String id = URLDecoder.decode(parts[3], StandardCharsets.UTF_8);
      if (id.isBlank() || id.length() > 200) {
        throw new BadRequest("a company id is 1 to 200 characters");
      }
      if (parts.length == 4) {
        return byKey(QueryableStores.SUMMARIES, id, uri, forwarded, partition -> local.summary(id, partition)
            .map(s -> Reply.ok(CanonicalJson.toTree(s)))
            .orElse(Reply.error(404, "no summary for company " + id + " (unknown, or not mentioned yet)")));
      }
      if (parts[4].equals("activity")) {
        String window = query.getOrDefault("window", "1h");
        if (!window.equals("1h") && !window.equals("24h")) {
          throw new BadRequest("window must be 1h or 24h, got '" + window + "'");
        }
        int limit = limit(query, 24);
        String store = QueryableStores.activity(window);
        return byKey(store, id, uri, forwarded, partition -> {
          List<CompanyActivity> windows = local.activity(id, window, limit, partition);
          ObjectNode body = JSON.createObjectNode().put("companyId", id).put("window", window);
          ArrayNode list = body.putArray("windows");
          windows.forEach(w -> list.add(CanonicalJson.toTree(w)));
          return Reply.ok(body);
        });
      }
    }
    return Reply.error(404, "no such resource: " + uri.getPath()
        + " (try /v1/companies/{id}, /v1/companies/{id}/activity?window=1h|24h, /v1/trending)");
  }

  /** Answers from this instance if it holds the key's partition (or the request was forwarded here), else forwards. */
  private Reply byKey(String store, String key, URI uri, boolean forwarded,
      java.util.function.Function<Integer, Reply> answer) {
    KeyQueryMetadata where = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
    if (where == null || KeyQueryMetadata.NOT_AVAILABLE.equals(where) || where.activeHost() == null) {
      return Reply.error(503, "the partition of " + key + " has no active instance right now; retry shortly");
    }
    if (forwarded || where.activeHost().equals(self)) {
      return answer.apply(where.partition());
    }
    return forward(where.activeHost(), uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
  }

  private Reply trending(int limit) {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      // While partitions move, some instances' lists would be missing: no answer beats a partial one.
      return Reply.error(503, "the application is " + streams.state() + "; retry shortly");
    }
    List<LocalQueries.Trending> all = new ArrayList<>();
    for (StreamsMetadata instance : streams.streamsMetadataForStore(QueryableStores.SUMMARIES)) {
      if (instance.hostInfo().equals(self)) {
        all.addAll(local.trending(limit));
        continue;
      }
      Reply remote = forward(instance.hostInfo(), "/v1/trending?scope=local&limit=" + limit);
      if (remote.status() != 200) {
        return Reply.error(remote.status() == 503 ? 503 : 502, "instance " + instance.hostInfo().host() + ":"
            + instance.hostInfo().port() + " answered " + remote.status() + " for its trending companies");
      }
      try {
        for (JsonNode n : JSON.readTree(remote.body()).get("trending")) {
          all.add(new LocalQueries.Trending(n.get("companyId").asText(), n.get("name").asText(),
              n.get("trendScore").asDouble(), n.get("last24hArticles").asLong(),
              CanonicalJson.parseInstant(n.get("updatedAt").asText())));
        }
      } catch (JsonProcessingException | RuntimeException e) {
        return Reply.error(502, "instance " + instance.hostInfo() + " sent an unreadable trending list: " + e.getMessage());
      }
    }
    all.sort(LocalQueries.BY_SCORE);
    return Reply.ok(trendingJson(all.size() <= limit ? all : all.subList(0, limit)));
  }

  private static JsonNode trendingJson(List<LocalQueries.Trending> list) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode items = body.putArray("trending");
    for (LocalQueries.Trending t : list) {
      items.addObject().put("companyId", t.companyId()).put("name", t.name()).put("trendScore", t.trendScore())
          .put("last24hArticles", t.last24hArticles()).put("updatedAt", t.updatedAt().toString());
    }
    return body;
  }

  private Reply forward(HostInfo host, String pathAndQuery) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
        .timeout(Duration.ofSeconds(5)).header(FORWARDED, self.host() + ":" + self.port()).GET().build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      return Reply.error(503, "instance " + host.host() + ":" + host.port() + " holds the data but did not answer: "
          + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Reply.error(503, "interrupted while asking instance " + host.host() + ":" + host.port());
    }
  }

  private static int limit(Map<String, String> query, int fallback) {
    String raw = query.get("limit");
    if (raw == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n < 1 || n > MAX_LIMIT) {
        throw new BadRequest("limit must be 1.." + MAX_LIMIT + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadRequest("limit must be a whole number, got '" + raw + "'");
    }
  }

  private static Map<String, String> queryParameters(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.putIfAbsent(k, v);
    }
    return params;
  }

  private static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }

  private record Reply(int status, String body) {
    static Reply ok(JsonNode body) {
      try {
        return new Reply(200, JSON.writeValueAsString(body));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    static Reply error(int status, String message) {
      return new Reply(status, JSON.createObjectNode().put("error", message).toString());
    }
  }
}
