package dev.newsflow.streams.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.http.Health;
import dev.newsflow.http.HttpError;
import dev.newsflow.http.HttpServerSettings;
import dev.newsflow.http.JsonErrors;
import dev.newsflow.http.NewsflowHttpServer;
import dev.newsflow.http.QueryParams;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.CompanyActivity;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.streams.aggregate.activity.ActivityQuery;
import dev.newsflow.streams.state.QueryableStores;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactive queries over HTTP, answered from the streams application's state stores, on newsflow's one
 * HTTP layer ({@link NewsflowHttpServer}: JSON errors, bearer token {@code query.token}, access log,
 * health):
 * <ul>
 *   <li>{@code GET /v1/companies/{id}}: the company's summary (its digest included);</li>
 *   <li>{@code GET /v1/companies/{id}/digest}: the company's digest of the last 24 hours and 7 days (404 when it
 *       has none: unknown, or no article in the last 7 days);</li>
 *   <li>{@code GET /v1/companies/{id}/activity?window=1h|24h[&limit=N]}: its newest activity windows;</li>
 *   <li>{@code GET /v1/trending[?limit=N]}: the companies with the highest trend scores;</li>
 *   <li>{@code GET /v1/health}: the application's state ({@code /health/ready} is 200 only while RUNNING).</li>
 * </ul>
 * Stores are partitioned across the application's instances. Any instance answers any request: a
 * company query goes to the instance that holds the company's partition ({@code KafkaStreams.queryMetadataForKey},
 * instances advertising themselves through {@code application.server}), which this one forwards it to; the
 * answer says which instance's stores it came from ({@value #SERVED_BY}). The trending list gathers each
 * instance's own top list and merges them. While partitions move between instances (a rebalance, an
 * instance gone), the answer is 503 with {@code Retry-After}: a client retries and reaches the new owner.
 */
public final class QueryServer implements AutoCloseable {
  /** Set on a request one instance forwards to another: the receiver answers from its own stores. */
  public static final String FORWARDED = "X-Newsflow-Forwarded";
  /** The {@code host:port} of the instance whose stores answered. */
  public static final String SERVED_BY = "X-Newsflow-Served-By";
  public static final int MAX_LIMIT = 500;

  private static final Logger log = LoggerFactory.getLogger(QueryServer.class);
  private static final ObjectMapper JSON = CanonicalJson.mapper();
  /** How soon a client should ask again while partitions move: a rebalance of a few instances takes seconds. */
  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final NewsflowHttpServer server;
  private final HttpClient client;
  private final String token;
  private volatile KafkaStreams streams;
  private volatile HostInfo self;
  private volatile LocalQueries local;

  private QueryServer(HttpServerSettings settings) {
    this.token = settings.token();
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    this.server = NewsflowHttpServer.builder(settings)
        .health(this::health)
        .openPaths("/v1/health")
        .routes(routes -> {
          routes.get("/v1/health", ctx -> json(ctx, JSON.createObjectNode().put("state", state())));
          routes.get("/v1/trending", this::trending);
          routes.get("/v1/companies/{id}", this::summary);
          routes.get("/v1/companies/{id}/activity", this::activity);
          routes.get("/v1/companies/{id}/digest", this::digest);
        })
        .start();
  }

  /**
   * Listens now (port 0 picks a free one), so that the port can be advertised as {@code application.server}
   * before Kafka Streams starts; until {@link #start} every query is answered 503.
   */
  public static QueryServer bind(HttpServerSettings settings) {
    return new QueryServer(settings);
  }

  public int port() {
    return server.port();
  }

  /** Starts answering, for {@code streams} advertised as {@code self}; {@code activity}: its activity stage's settings. */
  public QueryServer start(KafkaStreams streams, HostInfo self, ActivityQuery activity) {
    this.local = new LocalQueries(streams, activity);
    this.self = self;
    this.streams = streams;
    log.info("interactive queries at http://{}:{}/v1/", self.host(), self.port());
    return this;
  }

  @Override
  public void close() {
    server.close();
  }

  private String state() {
    KafkaStreams s = streams;
    return s == null ? "STARTING" : s.state().name();
  }

  private Health health() {
    KafkaStreams s = streams;
    if (s == null) {
      return new Health(Health.Status.STARTING, Map.of("state", "STARTING"));
    }
    KafkaStreams.State state = s.state();
    Health.Status status = switch (state) {
      case RUNNING -> Health.Status.UP;
      case CREATED, REBALANCING -> Health.Status.STARTING;
      default -> Health.Status.DOWN;
    };
    return new Health(status, Map.of("state", state.name()));
  }

  private void summary(Context ctx) {
    String id = companyId(ctx);
    byKey(ctx, QueryableStores.SUMMARIES, id, partition -> local.summary(id, partition)
        .map(CanonicalJson::toTree)
        .orElseThrow(() -> HttpError.notFound("no summary for company " + id + " (unknown, or not mentioned yet)")));
  }

  private void digest(Context ctx) {
    String id = companyId(ctx);
    byKey(ctx, QueryableStores.SUMMARIES, id, partition -> {
      CompanySummary summary = local.summary(id, partition)
          .orElseThrow(() -> HttpError.notFound("no summary for company " + id + " (unknown, or not mentioned yet)"));
      if (summary.getDigest() == null) {
        throw HttpError.notFound("no digest for company " + id + " (no article in the last 7 days)");
      }
      ObjectNode body = JSON.createObjectNode().put("companyId", id).put("name", summary.getName());
      body.set("digest", CanonicalJson.toTree(summary.getDigest()));
      return body;
    });
  }

  private void activity(Context ctx) {
    String id = companyId(ctx);
    String window = QueryParams.string(ctx, "window") == null ? "1h" : QueryParams.string(ctx, "window");
    if (!window.equals("1h") && !window.equals("24h")) {
      throw HttpError.badRequest("window must be 1h or 24h, got '" + window + "'");
    }
    int limit = QueryParams.integer(ctx, "limit", 24, 1, MAX_LIMIT);
    byKey(ctx, QueryableStores.ACTIVITY, id, partition -> {
      List<CompanyActivity> windows = local.activity(id, window, limit, partition);
      ObjectNode body = JSON.createObjectNode().put("companyId", id).put("window", window);
      ArrayNode list = body.putArray("windows");
      windows.forEach(w -> list.add(CanonicalJson.toTree(w)));
      return body;
    });
  }

  private static String companyId(Context ctx) {
    String id = ctx.pathParam("id");
    if (id.isBlank() || id.length() > 200) {
      throw HttpError.badRequest("a company id is 1 to 200 characters");
    }
    return id;
  }

  /**
   * Answers from this instance if it holds the key's partition (or the request was forwarded here), else
   * forwards to the instance that does; 503 with {@code Retry-After} while no instance holds it.
   */
  private void byKey(Context ctx, String store, String key, Function<Integer, JsonNode> answer) {
    KafkaStreams s = running();
    KeyQueryMetadata where = s.queryMetadataForKey(store, key, Serdes.String().serializer());
    if (where == null || KeyQueryMetadata.NOT_AVAILABLE.equals(where) || where.activeHost() == null
        || where.activeHost().port() < 0) {
      throw HttpError.unavailable("the partition of " + key + " has no active instance right now (the application is "
          + s.state() + "); retry shortly", RETRY_AFTER);
    }
    if (ctx.header(FORWARDED) != null || where.activeHost().equals(self)) {
      json(ctx, fromStores(() -> answer.apply(where.partition())));
      return;
    }
    relay(ctx, forward(where.activeHost(), ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString())));
  }

  private void trending(Context ctx) {
    int limit = QueryParams.integer(ctx, "limit", 10, 1, MAX_LIMIT);
    KafkaStreams s = running();
    if ("local".equals(QueryParams.string(ctx, "scope"))) {
      json(ctx, trendingJson(fromStores(() -> local.trending(limit))));
      return;
    }
    if (s.state() != KafkaStreams.State.RUNNING) {
      // While partitions move, some instances' lists would be missing: no answer beats a partial one.
      throw HttpError.unavailable("the application is " + s.state() + "; retry shortly", RETRY_AFTER);
    }
    List<LocalQueries.Trending> all = new ArrayList<>();
    for (StreamsMetadata instance : s.streamsMetadataForStore(QueryableStores.SUMMARIES)) {
      if (instance.hostInfo().equals(self)) {
        all.addAll(fromStores(() -> local.trending(limit)));
        continue;
      }
      Reply remote = forward(instance.hostInfo(), "/v1/trending?scope=local&limit=" + limit);
      if (remote.status() != 200) {
        String what = "instance " + address(instance.hostInfo()) + " answered " + remote.status() + " for its trending companies";
        throw remote.status() == 503 ? HttpError.unavailable(what, RETRY_AFTER) : new HttpError(502, what);
      }
      try {
        for (JsonNode n : JSON.readTree(remote.body()).get("trending")) {
          all.add(new LocalQueries.Trending(n.get("companyId").asText(), n.get("name").asText(),
              n.get("trendScore").asDouble(), n.get("last24hArticles").asLong(),
              CanonicalJson.parseInstant(n.get("updatedAt").asText())));
        }
      } catch (JsonProcessingException | RuntimeException e) {
        throw new HttpError(502, "instance " + address(instance.hostInfo()) + " sent an unreadable trending list: "
            + e.getMessage());
      }
    }
    all.sort(LocalQueries.BY_SCORE);
    json(ctx, trendingJson(all.size() <= limit ? all : all.subList(0, limit)));
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

  /** The streams application, once started; before that every query is a 503. */
  private KafkaStreams running() {
    KafkaStreams s = streams;
    if (s == null) {
      throw HttpError.unavailable("the streams application is starting; retry shortly", RETRY_AFTER);
    }
    return s;
  }

  /** Reads this instance's stores; a store that is not queryable (restoring, moving) is a 503, not a 500. */
  private <T> T fromStores(Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidStateStoreException e) {
      throw HttpError.unavailable("the state stores are not queryable right now (" + e.getMessage() + "); retry shortly",
          RETRY_AFTER);
    }
  }

  private void json(Context ctx, JsonNode body) {
    HostInfo me = self;
    if (me != null) {
      ctx.header(SERVED_BY, address(me));
    }
    ctx.contentType(JsonErrors.CONTENT_TYPE).result(body.toString());
  }

  /** A forwarded answer, passed on as it came: status, body, the instance that served it, Retry-After. */
  private static void relay(Context ctx, Reply reply) {
    if (reply.status() == 503 && reply.retryAfter() == null) {
      throw HttpError.unavailable(reply.body(), RETRY_AFTER);
    }
    ctx.status(reply.status()).contentType(JsonErrors.CONTENT_TYPE).result(reply.body());
    if (reply.servedBy() != null) {
      ctx.header(SERVED_BY, reply.servedBy());
    }
    if (reply.retryAfter() != null) {
      ctx.header("Retry-After", reply.retryAfter());
    }
  }

  private Reply forward(HostInfo host, String pathAndQuery) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address(host) + encodePath(pathAndQuery)))
        .timeout(Duration.ofSeconds(5)).header(FORWARDED, address(self)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token); // every instance of an application shares query.token
    }
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), response.body(), response.headers().firstValue(SERVED_BY).orElse(null),
          response.headers().firstValue("Retry-After").orElse(null));
    } catch (IOException e) {
      // The owner is gone or unreachable: its partitions move to another instance once the group notices.
      throw HttpError.unavailable("instance " + address(host) + " holds the data but did not answer ("
          + e.getClass().getSimpleName() + "); retry shortly", RETRY_AFTER);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw HttpError.unavailable("interrupted while asking instance " + address(host), RETRY_AFTER);
    }
  }

  /** Javalin hands the path decoded; a company id may hold characters a URI must escape. */
  private static String encodePath(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (out.length() > 0 || !segment.isEmpty()) {
        out.append('/');
      }
      out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return out + (q < 0 ? "" : pathAndQuery.substring(q));
  }

  private static String address(HostInfo host) {
    return host.host() + ":" + host.port();
  }

  private record Reply(int status, String body, String servedBy, String retryAfter) {}
}
