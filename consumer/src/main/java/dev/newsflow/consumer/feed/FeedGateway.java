package dev.newsflow.consumer.feed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.contract.CompanyIds;
import dev.newsflow.http.EventStream;
import dev.newsflow.http.Health;
import dev.newsflow.http.HttpError;
import dev.newsflow.http.HttpServerSettings;
import dev.newsflow.http.JsonErrors;
import dev.newsflow.http.NewsflowHttpServer;
import dev.newsflow.http.QueryParams;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.metrics.StageMetrics;
import dev.newsflow.schema.Alert;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.Mention;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of newsflow, on the shared HTTP layer: {@code GET /v1/feed} (Server-Sent Events of
 * enriched articles, filtered by {@code company}, {@code topic}, {@code minSalience}), {@code GET
 * /v1/companies} and {@code GET /v1/companies/{id}} (the summaries, with a 24-hour activity chart drawn
 * from the streams application's hourly windows), {@code GET /health} (and {@code /health/live},
 * {@code /health/ready}), {@code GET /metrics} (Prometheus text: every meter of the process) and the
 * dashboard pages. With {@code gateway.token} set, the feed,
 * the REST routes and the metrics require it; the pages and health checks do not.
 */
public final class FeedGateway implements AutoCloseable {
  public static final String PORT = "gateway.port";
  public static final String BIND = "gateway.bind";
  public static final String TOKEN = "gateway.token";
  public static final String IDLE_TIMEOUT = "gateway.idle.timeout";
  public static final String BUFFER = "gateway.buffer.per.partition";
  public static final String CLIENT_BUFFER = "gateway.client.buffer";
  public static final String HEARTBEAT = "gateway.heartbeat";
  public static final String MAX_CLIENTS = "gateway.max.clients";
  public static final String ACTIVITY_LOOKBACK = "gateway.activity.lookback";
  private static final Logger log = LoggerFactory.getLogger(FeedGateway.class);
  /** Alerts the gateway keeps in memory for the panel and {@code /v1/alerts}. */
  private static final int ALERTS_KEPT = 500;
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
  private final PrometheusMeterRegistry registry;
  private final Set<String> topics;
  private final FeedLog reader;
  private final AlertBook alerts;
  private final HttpServerSettings settings;
  private final int clientBuffer;
  private final int maxClients;
  private final Duration heartbeat;
  private final Set<FeedStream> streams = ConcurrentHashMap.newKeySet();
  private final AtomicInteger clients = new AtomicInteger();
  private final Counter eventsSent;
  private final Counter slowDisconnects;
  private NewsflowHttpServer server;

  /** A gateway with a registry of its own; {@code topics} as below. */
  public FeedGateway(NewsflowConfig config, Set<String> topics) {
    this(config, StageMetrics.newRegistry(), topics);
  }

  /**
   * A gateway whose {@code /metrics} shows {@code registry}: in {@code demo}, every stage of the process.
   * {@code topics} are those articles can carry (the labels of the streams application's taxonomy): a feed
   * filtered by any other would stay empty for ever, so it is refused.
   */
  public FeedGateway(NewsflowConfig config, PrometheusMeterRegistry registry, Set<String> topics) {
    this.config = config;
    this.registry = registry;
    this.topics = Set.copyOf(topics);
    this.clientBuffer = config.getInt(CLIENT_BUFFER, 1000);
    this.maxClients = config.getInt(MAX_CLIENTS, 500);
    this.heartbeat = config.getDuration(HEARTBEAT, Duration.ofSeconds(15));
    // A thread per feed client (each writes its own stream) plus room for the short requests. A client
    // that stops reading is cut off by its full queue; the idle timeout only ends writes stuck for long.
    this.settings = new HttpServerSettings("gateway", config.get(BIND, "127.0.0.1"), config.getPort(PORT, 8080),
        config.get(TOKEN).orElse(null), maxClients + 32, HttpServerSettings.DEFAULT_HEADER_TIMEOUT,
        config.getDuration(IDLE_TIMEOUT, Duration.ofMinutes(5)));
    this.eventsSent = registry.counter("newsflow.feed.events.sent");
    this.slowDisconnects = registry.counter("newsflow.feed.slow.client.disconnects");
    this.reader = new FeedLog(config, config.getInt(BUFFER, 10_000),
        config.getDuration(ACTIVITY_LOOKBACK, FeedLog.DEFAULT_ACTIVITY_LOOKBACK), registry);
    this.alerts = new AlertBook(config, ALERTS_KEPT);
    Gauge.builder("newsflow.feed.clients", clients, AtomicInteger::get).description("Feed clients connected now.")
        .register(registry);
    Gauge.builder("newsflow.feed.buffered.articles", reader, FeedLog::buffered)
        .description("Articles held in memory for replay.").register(registry);
    Gauge.builder("newsflow.feed.companies", reader, r -> r.companies().size()).description("Companies with a summary.")
        .register(registry);
    Gauge.builder("newsflow.feed.up", reader, r -> r.failure() == null ? 1 : 0)
        .description("1 while the gateway reads Kafka.").register(registry);
  }

  /** Reads the topics and starts serving; returns once the port is open. */
  public FeedGateway start() {
    reader.start();
    alerts.start();
    List<String> pages = new ArrayList<>(List.of("/"));
    PAGES.keySet().forEach(name -> pages.add("/" + name));
    server = NewsflowHttpServer.builder(settings).metrics(registry).health(this::health)
        .openPaths(pages.toArray(String[]::new))
        .routes(routes -> {
          routes.get("/v1/feed", this::feed);
          routes.get("/v1/companies", this::companies);
          routes.get("/v1/companies/{id}", this::company);
          routes.get("/v1/alerts", this::alerts);
          routes.get("/", ctx -> page(ctx, "index.html"));
          PAGES.keySet().forEach(name -> routes.get("/" + name, ctx -> page(ctx, name)));
        }).start();
    log.info("feed gateway on http://{}:{}/", settings.host(), port());
    return this;
  }

  public int port() {
    return server.port();
  }

  /** Every meter the gateway's {@code /metrics} shows. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** True once everything in the topics at start has been read. */
  public boolean caughtUp() {
    return reader.caughtUp() && alerts.caughtUp();
  }

  private void feed(Context ctx) throws IOException {
    QueryParams.requireOnly(ctx, "company", "topic", "minSalience", "backlog", "lastEventId");
    Map<String, String> query = QueryParams.firstValues(ctx);
    FeedFilter filter;
    FeedPosition from;
    try {
      filter = FeedFilter.fromQuery(query, topics);
      String lastId = ctx.header("Last-Event-ID");
      if (lastId == null) {
        lastId = query.get("lastEventId");
      }
      from = lastId == null || lastId.isBlank() ? null : FeedPosition.parse(lastId, reader.partitions());
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(e.getMessage());
    }
    int backlog = from != null ? 0 : QueryParams.integer(ctx, "backlog", 0, 0, 1000);
    if (clients.incrementAndGet() > maxClients) {
      clients.decrementAndGet();
      throw HttpError.unavailable("too many feed clients (" + maxClients + "); try again later", Duration.ofSeconds(5));
    }
    FeedStream stream = new FeedStream(filter, clientBuffer, slowDisconnects);
    streams.add(stream);
    try {
      EventStream out = EventStream.open(ctx);
      FeedLog.Start start = reader.subscribe(from, backlog, filter, stream);
      try {
        stream.serve(out, start, heartbeat, config, eventsSent);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        log.debug("feed client went away: {}", e.getMessage());
      } finally {
        reader.unsubscribe(stream);
      }
    } finally {
      streams.remove(stream);
      clients.decrementAndGet();
    }
  }

  private void companies(Context ctx) {
    int limit = QueryParams.integer(ctx, "limit", 100, 1, 10_000);
    List<CompanySummary> trending = reader.companies().values().stream()
        .sorted(Comparator.comparing((CompanySummary s) -> s.getTrendScore() == null ? Double.NEGATIVE_INFINITY
                : s.getTrendScore()).reversed()
            .thenComparing(Comparator.comparingLong(CompanySummary::getLast24hArticles).reversed())
            .thenComparing(Comparator.comparingLong(CompanySummary::getArticleCount).reversed())
            .thenComparing(CompanySummary::getCompanyId))
        .limit(limit)
        .toList();
    ObjectNode root = CanonicalJson.mapper().createObjectNode();
    putNewsClock(root);
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
    json(ctx, root);
  }

  private void company(Context ctx) {
    String id = ctx.pathParam("id");
    CompanyIds.refusal(id).ifPresent(problem -> {
      throw HttpError.badRequest(problem);
    });
    CompanySummary summary = reader.companies().get(id);
    if (summary == null) {
      throw HttpError.notFound("no company " + id);
    }
    ObjectNode root = CanonicalJson.mapper().createObjectNode();
    putNewsClock(root);
    root.set("summary", CanonicalJson.toTree(summary));
    HourlyChart.Chart chart = reader.activity(id);
    ObjectNode activity = root.putObject("activity");
    if (chart.start() != null) {
      activity.put("start", chart.start().toString());
      activity.put("end", chart.end().toString());
      activity.put("latestCoverage", chart.latestCoverage());
    }
    ArrayNode hours = activity.putArray("hours");
    for (long n : chart.counts()) {
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
    json(ctx, root);
  }

  /** {@code newsClock}: the newest article time seen, which "last 24 h" and trends are counted up to. */
  private void putNewsClock(ObjectNode root) {
    Instant clock = reader.newsClock();
    if (clock != null) {
      root.put("newsClock", clock.toString());
    }
  }

  /** The newest alerts, newest first: {@code ?company=ID} only that company's, {@code &limit=N} (default 50). */
  private void alerts(Context ctx) {
    QueryParams.requireOnly(ctx, "company", "limit");
    String company = ctx.queryParam("company");
    if (company != null && company.isBlank()) {
      company = null;
    }
    if (company != null) {
      CompanyIds.refusal(company).ifPresent(problem -> {
        throw HttpError.badRequest(problem);
      });
    }
    int limit = QueryParams.integer(ctx, "limit", 50, 1, ALERTS_KEPT);
    ObjectNode root = CanonicalJson.mapper().createObjectNode();
    ArrayNode list = root.putArray("alerts");
    for (Alert a : alerts.newest(company, limit)) {
      list.add(CanonicalJson.toTree(a));
    }
    json(ctx, root);
  }

  /** Down when reading Kafka failed; starting until the topics have been read up to where they stood. */
  private Health health() {
    Throwable failure = reader.failure() != null ? reader.failure() : alerts.failure();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("caughtUp", reader.caughtUp());
    details.put("companies", reader.companies().size());
    details.put("bufferedArticles", reader.buffered());
    details.put("clients", clients.get());
    if (failure != null) {
      details.put("error", String.valueOf(failure.getMessage()));
    }
    Health.Status status = failure != null ? Health.Status.DOWN : reader.caughtUp() && alerts.caughtUp() ? Health.Status.UP
        : Health.Status.STARTING;
    return new Health(status, details);
  }

  private void page(Context ctx, String name) throws IOException {
    try (InputStream in = FeedGateway.class.getResourceAsStream(DASHBOARD + name)) {
      if (in == null) {
        throw HttpError.notFound("not found");
      }
      ctx.header("Content-Security-Policy", CSP);
      ctx.header("Cache-Control", "no-cache");
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.contentType(PAGES.get(name)).result(in.readAllBytes());
    }
  }

  private static void json(Context ctx, ObjectNode body) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType(JsonErrors.CONTENT_TYPE).result(body.toString());
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
    if (server != null) {
      server.close();
    }
    reader.close();
    alerts.close();
  }
}
