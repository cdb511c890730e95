package dev.newsflow.consumer.feed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.metrics.Metrics;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.Mention;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of newsflow, on the JDK's own HTTP server: {@code GET /v1/feed} (Server-Sent Events of
 * enriched articles, filtered by {@code company}, {@code topic}, {@code minSalience}), {@code GET
 * /v1/companies} and {@code GET /v1/companies/{id}} (the summaries, with a 24-hour activity chart),
 * {@code GET /health}, {@code GET /metrics} (Prometheus text) and the dashboard pages.
 */
public final class FeedGateway implements AutoCloseable {
  public static final String PORT = "gateway.port";
  public static final String BIND = "gateway.bind";
  public static final String BUFFER = "gateway.buffer.per.partition";
  public static final String CLIENT_BUFFER = "gateway.client.buffer";
  public static final String HEARTBEAT = "gateway.heartbeat";
  public static final String MAX_CLIENTS = "gateway.max.clients";
  private static final Logger log = LoggerFactory.getLogger(FeedGateway.class);
  private static final Pattern COMPANY_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
  private static final String DASHBOARD = "/dev/newsflow/consumer/dashboard/";
  private static final Map<String, String> PAGES = Map.of(
      "index.html", "text/html; charset=utf-8",
      "company.html", "text/html; charset=utf-8",
      "dashboard.js", "text/javascript; charset=utf-8",
      "feed.js", "text/javascript; charset=utf-8",
      "company.js", "text/javascript; charset=utf-8",
      "style.css", "text/css; charset=utf-8");
  // Defence in depth behind the escaping: no inline script, no plug-ins, nothing from elsewhere.
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private final NewsflowConfig config;
  private final Metrics metrics = new Metrics();
  private final FeedLog reader;
  private final HttpServer server;
  private final ExecutorService executor;
  private final int clientBuffer;
  private final int maxClients;
  private final Duration heartbeat;
  private final Set<FeedStream> streams = ConcurrentHashMap.newKeySet();
  private final AtomicInteger clients = new AtomicInteger();
  private final LongAdder eventsSent;
  private final LongAdder slowDisconnects;

  public FeedGateway(NewsflowConfig config) {
    this.config = config;
    this.clientBuffer = config.getInt(CLIENT_BUFFER, 1000);
    this.maxClients = config.getInt(MAX_CLIENTS, 500);
    this.heartbeat = config.getDuration(HEARTBEAT, Duration.ofSeconds(15));
    this.eventsSent = metrics.counter("newsflow_feed_events_sent_total", "Article events written to feed clients.");
    this.slowDisconnects = metrics.counter("newsflow_feed_slow_client_disconnects_total",
        "Feed clients disconnected because they read too slowly.");
    this.reader = new FeedLog(config, config.getInt(BUFFER, 10_000),
        metrics.counter("newsflow_feed_articles_read_total", "Enriched articles read from Kafka."),
        metrics.counter("newsflow_feed_unreadable_records_total", "Records skipped because they could not be decoded."));
    metrics.gauge("newsflow_feed_clients", "Connected feed clients.", clients::get);
    metrics.gauge("newsflow_feed_buffered_articles", "Articles held in memory for replay.", () -> reader.buffered());
    metrics.gauge("newsflow_feed_companies", "Companies with a summary.", () -> reader.companies().size());
    metrics.gauge("newsflow_feed_up", "1 while the gateway reads Kafka.", () -> reader.failure() == null ? 1 : 0);
    try {
      this.server = HttpServer.create(new InetSocketAddress(config.get(BIND, "127.0.0.1"), config.getInt(PORT, 8080)), 100);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + config.get(BIND, "127.0.0.1") + ":" + config.getInt(PORT, 8080)
          + ": " + e.getMessage(), e);
    }
    // A thread per feed client (each blocks on its own connection) plus room for the short requests.
    this.executor = new ThreadPoolExecutor(4, maxClients + 32, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
        r -> {
          Thread t = new Thread(r, "feed-http");
          t.setDaemon(true);
          return t;
        });
    server.setExecutor(executor);
    server.createContext("/", this::route);
  }

  /** Reads the topics and starts serving; returns once the port is open. */
  public FeedGateway start() {
    reader.start();
    server.start();
    log.info("feed gateway on http://{}:{}/", server.getAddress().getHostString(), port());
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public Metrics metrics() {
    return metrics;
  }

  /** True once everything in the topics at start has been read. */
  public boolean caughtUp() {
    return reader.caughtUp();
  }

  private void route(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String route = "other";
    int status = 500;
    try {
      if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
        route = "method";
        status = error(ex, 405, "only GET is served here");
      } else if (path.equals("/v1/feed")) {
        route = "/v1/feed";
        status = feed(ex);
      } else if (path.equals("/v1/companies")) {
        route = "/v1/companies";
        status = companies(ex);
      } else if (path.startsWith("/v1/companies/")) {
        route = "/v1/companies/{id}";
        status = company(ex, path.substring("/v1/companies/".length()));
      } else if (path.equals("/health")) {
        route = "/health";
        status = health(ex);
      } else if (path.equals("/metrics")) {
        route = "/metrics";
        status = send(ex, 200, Metrics.CONTENT_TYPE, metrics.render());
      } else {
        route = "page";
        status = page(ex, path.equals("/") ? "index.html" : path.substring(1));
      }
    } catch (IllegalArgumentException e) {
      status = error(ex, 400, e.getMessage());
    } catch (IOException e) {
      status = 499; // the client went away
    } catch (RuntimeException e) {
      log.error("request {} failed", path, e);
      status = error(ex, 500, "internal error");
    } finally {
      metrics.counter("newsflow_http_requests_total", "HTTP requests served.", "route", route, "code",
          Integer.toString(status)).increment();
      ex.close();
    }
  }

  private int feed(HttpExchange ex) throws IOException {
    Map<String, String> query = query(ex);
    FeedFilter filter = FeedFilter.fromQuery(query);
    String lastId = ex.getRequestHeaders().getFirst("Last-Event-ID");
    if (lastId == null) {
      lastId = query.get("lastEventId");
    }
    FeedPosition from = lastId == null || lastId.isBlank() ? null : FeedPosition.parse(lastId, reader.partitions());
    int backlog = from != null ? 0 : intParam(query, "backlog", 0, 0, 1000);
    if (clients.incrementAndGet() > maxClients) {
      clients.decrementAndGet();
      return error(ex, 503, "too many feed clients (" + maxClients + "); try again later");
    }
    FeedStream stream = new FeedStream(filter, clientBuffer, slowDisconnects);
    streams.add(stream);
    try {
      ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      ex.getResponseHeaders().set("Cache-Control", "no-cache");
      ex.getResponseHeaders().set("X-Accel-Buffering", "no");
      ex.getResponseHeaders().set("Connection", "close"); // a stream that ended is not reused
      ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      ex.sendResponseHeaders(200, 0);
      FeedLog.Start start = reader.subscribe(from, backlog, filter, stream);
      try (OutputStream out = ex.getResponseBody()) {
        stream.serve(out, start, heartbeat, config, eventsSent);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        reader.unsubscribe(stream);
      }
      return 200;
    } finally {
      streams.remove(stream);
      clients.decrementAndGet();
    }
  }

  private int companies(HttpExchange ex) throws IOException {
    int limit = intParam(query(ex), "limit", 100, 1, 10_000);
    List<CompanySummary> trending = reader.companies().values().stream()
        .sorted(Comparator.comparing((CompanySummary s) -> s.getTrendScore() == null ? Double.NEGATIVE_INFINITY
                : s.getTrendScore()).reversed()
            .thenComparing(Comparator.comparingLong(CompanySummary::getLast24hArticles).reversed())
            .thenComparing(Comparator.comparingLong(CompanySummary::getArticleCount).reversed())
            .thenComparing(CompanySummary::getCompanyId))
        .limit(limit)
        .toList();
    ObjectNode root = CanonicalJson.mapper().createObjectNode();
    ArrayNode list = root.putArray("companies");
    for (CompanySummary s : trending) {
      ObjectNode row = list.addObject();
      row.put("companyId", s.getCompanyId());
      row.put("name", s.getName());
      row.put("articleCount", s.getArticleCount());
      row.put("mentionCount", s.getMentionCount());
      row.put("last24hArticles", s.getLast24hArticles());
      putNumber(row, "trendScore", s.getTrendScore());
      putNumber(row, "sentiment", s.getSentiment());
      if (!s.getLatestReleases().isEmpty()) {
        var r = s.getLatestReleases().get(0);
        row.put("latestRelease", r.getProduct() + (r.getVersion() == null ? "" : " " + r.getVersion()));
      }
      row.put("updatedAt", s.getUpdatedAt().toString());
    }
    return send(ex, 200, "application/json; charset=utf-8", CanonicalJson.mapper().writeValueAsString(root));
  }

  private int company(HttpExchange ex, String rawId) throws IOException {
    String id = URLDecoder.decode(rawId, StandardCharsets.UTF_8);
    if (!COMPANY_ID.matcher(id).matches()) {
      return error(ex, 400, "a company id is a lowercase slug such as bytedance");
    }
    CompanySummary summary = reader.companies().get(id);
    if (summary == null) {
      return error(ex, 404, "no company " + id);
    }
    ObjectNode root = CanonicalJson.mapper().createObjectNode();
    root.set("summary", CanonicalJson.toTree(summary));
    CompanyActivity.Chart chart = reader.activity(id);
    ObjectNode activity = root.putObject("activity");
    if (chart.start() != null) {
      activity.put("start", chart.start().toString());
      activity.put("end", chart.end().toString());
      activity.put("latestCoverage", chart.latestCoverage());
    }
    ArrayNode hours = activity.putArray("hours");
    for (int n : chart.counts()) {
      hours.add(n);
    }
    ArrayNode recent = root.putArray("recent");
    for (FeedEvent e : reader.recent(id, 20)) {
      ObjectNode a = recent.addObject();
      a.put("id", e.article().getId());
      a.put("title", e.article().getTitle());
      if (e.article().getUrl() != null) {
        a.put("url", e.article().getUrl());
      }
      if (e.article().getSource() != null) {
        a.put("source", e.article().getSource());
      }
      a.put("publishedAt", e.eventTime().toString());
      e.article().getMentions().stream().filter(m -> m.getCompanyId().equals(id)).map(Mention::getSalience)
          .findFirst().ifPresent(v -> a.put("salience", v));
    }
    return send(ex, 200, "application/json; charset=utf-8", CanonicalJson.mapper().writeValueAsString(root));
  }

  private int health(HttpExchange ex) throws IOException {
    boolean up = reader.failure() == null;
    ObjectNode root = CanonicalJson.mapper().createObjectNode();
    root.put("status", up ? "UP" : "DOWN");
    root.put("caughtUp", reader.caughtUp());
    root.put("companies", reader.companies().size());
    root.put("bufferedArticles", reader.buffered());
    root.put("clients", clients.get());
    if (!up) {
      root.put("error", String.valueOf(reader.failure().getMessage()));
    }
    return send(ex, up ? 200 : 503, "application/json; charset=utf-8", CanonicalJson.mapper().writeValueAsString(root));
  }

  private int page(HttpExchange ex, String name) throws IOException {
    String type = PAGES.get(name);
    if (type == null) {
      return error(ex, 404, "not found");
    }
    try (InputStream in = FeedGateway.class.getResourceAsStream(DASHBOARD + name)) {
      if (in == null) {
        return error(ex, 404, "not found");
      }
      byte[] body = in.readAllBytes();
      ex.getResponseHeaders().set("Content-Security-Policy", CSP);
      ex.getResponseHeaders().set("Cache-Control", "no-cache");
      return send(ex, 200, type, body);
    }
  }

  private static int error(HttpExchange ex, int status, String message) throws IOException {
    ObjectNode root = CanonicalJson.mapper().createObjectNode().put("error", message);
    return send(ex, status, "application/json; charset=utf-8", CanonicalJson.mapper().writeValueAsString(root));
  }

  private static int send(HttpExchange ex, int status, String type, String body) throws IOException {
    return send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static int send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    return status;
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> params = new LinkedHashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    if (raw.length() > 4096) {
      throw new IllegalArgumentException("query string too long");
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.putIfAbsent(key, value);
    }
    return params;
  }

  private static int intParam(Map<String, String> query, String name, int fallback, int min, int max) {
    String raw = query.get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v < min || v > max) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", got " + raw);
    }
  }

  private static void putNumber(ObjectNode node, String field, Double value) {
    if (value != null && Double.isFinite(value)) {
      node.put(field, value);
    }
  }

  /** Ends every feed stream (each client is told why), stops the server and the Kafka reader. */
  @Override
  public void close() {
    streams.forEach(s -> s.stop("the gateway is shutting down"));
    server.stop(1);
    executor.shutdownNow();
    reader.close();
  }
}
