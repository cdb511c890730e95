package dev.newsflow.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.metrics.MetricNames;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP layer of newsflow's servers (ingest, the feed gateway, interactive queries, the admin
 * server of stages without one): Javalin on Jetty, with what every server needs done once —
 * <ul>
 *   <li>errors in one JSON shape ({@link JsonErrors}), whether a handler, the router or Jetty raised them;</li>
 *   <li>a bearer token, when the server has one, on every path but the health checks and the paths named open;</li>
 *   <li>the header timeout (408 for stalled headers) and the idle timeout while a request is handled;</li>
 *   <li>an access log line per request ({@code dev.newsflow.http.access}): server, client, method, path, status, bytes, ms;</li>
 *   <li>with a registry: {@code GET /metrics} (Prometheus text) and a timer per route and status;</li>
 *   <li>{@code GET /health}, {@code /health/live}, {@code /health/ready} from the stage's {@link Health.Check}.</li>
 * </ul>
 */
public final class NewsflowHttpServer implements AutoCloseable {
  public static final String METRICS_PATH = "/metrics";
  public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final Logger log = LoggerFactory.getLogger(NewsflowHttpServer.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("dev.newsflow.http.access");

  private final HttpServerSettings settings;
  private final Javalin javalin;

  private NewsflowHttpServer(HttpServerSettings settings, Javalin javalin) {
    this.settings = settings;
    this.javalin = javalin;
  }

  public static Builder builder(HttpServerSettings settings) {
    return new Builder(settings);
  }

  /** The port listened on (the one the system chose when 0 was configured). */
  public int port() {
    return javalin.port();
  }

  public String host() {
    return settings.host();
  }

  public HttpServerSettings settings() {
    return settings;
  }

  /** Stops listening; requests under way get a moment to finish. */
  @Override
  public void close() {
    javalin.stop();
  }

  /** What a server serves beyond what every server has. */
  public static final class Builder {
    private final HttpServerSettings settings;
    private final List<String> openPaths = new ArrayList<>(List.of("/health", "/health/live", "/health/ready"));
    private PrometheusMeterRegistry registry;
    private Health.Check health = Health::up;
    private Consumer<RoutesConfig> routes = r -> {};

    private Builder(HttpServerSettings settings) {
      this.settings = Objects.requireNonNull(settings);
    }

    /** Serves {@code /metrics} from {@code registry} and times each request into it. */
    public Builder metrics(PrometheusMeterRegistry registry) {
      this.registry = registry;
      return this;
    }

    public Builder health(Health.Check check) {
      this.health = check;
      return this;
    }

    /** Paths reachable without the token: exact, or a prefix when ending in {@code *}. */
    public Builder openPaths(String... paths) {
      openPaths.addAll(List.of(paths));
      return this;
    }

    /** The server's own routes. */
    public Builder routes(Consumer<RoutesConfig> routes) {
      this.routes = routes;
      return this;
    }

    /** Binds the port and starts serving; fails with the address when the port cannot be had. */
    public NewsflowHttpServer start() {
      Javalin javalin = Javalin.create(config -> {
        config.startup.showJavalinBanner = false;
        config.startup.startupWatcherEnabled = false;
        config.http.compressionStrategy = CompressionStrategy.NONE;
        config.http.prefer405over404 = true;
        config.jetty.threadPool = threadPool();
        config.jetty.modifyServer(this::configureJetty);
        config.jetty.addConnector((server, http) -> {
          http.setSendServerVersion(false);
          ServerConnector connector = new ServerConnector(server,
              HeaderTimeoutConnection.factory(http, settings.name(), settings.headerTimeout(), ACCESS));
          connector.setHost(settings.host());
          connector.setPort(settings.port());
          connector.setIdleTimeout(settings.idleTimeout().toMillis());
          return connector;
        });
        if (registry != null) {
          config.requestLogger.http(this::time);
        }
        config.routes.beforeMatched(this::authorize); // unknown paths and methods are answered 404/405 first
        config.routes.exception(HttpError.class, (e, ctx) -> JsonErrors.answer(ctx, e));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> JsonErrors.answer(ctx, fromRouter(e, ctx)));
        config.routes.exception(Exception.class, (e, ctx) -> {
          log.error("{} {} {} failed", settings.name(), ctx.method(), ctx.path(), e);
          JsonErrors.answer(ctx, new HttpError(500, "internal error"));
        });
        config.routes.get("/health", ctx -> answerHealth(ctx, false));
        config.routes.get("/health/live", ctx -> answerHealth(ctx, false));
        config.routes.get("/health/ready", ctx -> answerHealth(ctx, true));
        if (registry != null) {
          config.routes.get(METRICS_PATH, ctx -> ctx.contentType(PROMETHEUS_CONTENT_TYPE).result(registry.scrape()));
        }
        routes.accept(config.routes);
      });
      try {
        javalin.start();
      } catch (RuntimeException e) {
        throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + " ("
            + settings.name() + "): " + rootMessage(e), e);
      }
      log.info("{} listening on http://{}:{}/{}", settings.name(), settings.host(), javalin.port(),
          settings.token() == null ? "" : " (bearer token required)");
      return new NewsflowHttpServer(settings, javalin);
    }

    private QueuedThreadPool threadPool() {
      // Jetty keeps one acceptor and one selector thread busy; the rest serve requests.
      int max = settings.threads() + 4;
      QueuedThreadPool pool = new QueuedThreadPool(max, Math.min(4, max));
      pool.setName("http-" + settings.name());
      pool.setDaemon(true);
      return pool;
    }

    private void configureJetty(Server server) {
      server.insertHandler(new PhaseTimeouts(settings.headerTimeout(), settings.idleTimeout()));
      server.setErrorHandler(new JettyErrors());
      server.setRequestLog((request, response) -> ACCESS.info("{} {} {} {} {} {} B {} ms", settings.name(),
          Request.getRemoteAddr(request), request.getMethod(), request.getHttpURI().getPath(), response.getStatus(),
          Response.getContentBytesWritten(response), NanoTime.millisSince(request.getBeginNanoTime())));
    }

    private void authorize(Context ctx) {
      if (settings.token() != null && !isOpen(ctx.path())
          && !new BearerToken(settings.token()).admits(ctx.header("Authorization"))) {
        throw HttpError.unauthorized();
      }
    }

    private boolean isOpen(String path) {
      for (String open : openPaths) {
        if (open.endsWith("*") ? path.startsWith(open.substring(0, open.length() - 1)) : path.equals(open)) {
          return true;
        }
      }
      return false;
    }

    private void time(Context ctx, Float millis) {
      io.javalin.router.Endpoint matched = ctx.endpoints().lastHttpEndpoint();
      String route = matched == null || matched.path.isEmpty() ? "unmatched" : matched.path;
      Timer.builder(MetricNames.HTTP_REQUESTS).description("HTTP requests served, by server, route and status")
          .tag(MetricNames.SERVER, settings.name()).tag("method", ctx.method().name()).tag("route", route)
          .tag("status", Integer.toString(ctx.statusCode()))
          .register(registry).record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    /** 200 or 503 (readiness, or liveness for the other two), with the state and its details in the body. */
    private void answerHealth(Context ctx, boolean readiness) {
      Health now = health.check();
      ObjectNode body = CanonicalJson.mapper().createObjectNode();
      body.put("status", now.status().name());
      body.put("live", now.live());
      body.put("ready", now.ready());
      now.details().forEach((field, value) -> body.set(field, CanonicalJson.mapper().valueToTree(value)));
      boolean ok = readiness ? now.ready() : now.live();
      ctx.status(ok ? 200 : 503).contentType(JsonErrors.CONTENT_TYPE).result(body.toString());
    }
  }

  /** Javalin's own refusals (no such route, wrong method) in newsflow's words and shape. */
  private static HttpError fromRouter(HttpResponseException e, Context ctx) {
    if (e.getStatus() == 404) {
      return HttpError.notFound("no such endpoint: " + ctx.method().name() + " " + ctx.path());
    }
    if (e.getStatus() == 405) {
      String allowed = String.join(", ", e.getDetails().values()).replaceAll("[\\[\\]]", "");
      return new HttpError(405, ctx.path() + " takes " + allowed).withHeader("Allow", allowed);
    }
    return new HttpError(e.getStatus(), e.getMessage());
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  /** Errors Jetty answers before any handler runs (bad request line, headers too large), in the same JSON shape. */
  private static final class JettyErrors extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      int status = response.getStatus();
      Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
      String text = message == null ? org.eclipse.jetty.http.HttpStatus.getMessage(status) : message.toString();
      byte[] body = JsonErrors.bytes(status, text, Map.of());
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonErrors.CONTENT_TYPE);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      response.write(true, ByteBuffer.wrap(body), callback);
      return true;
    }
  }
}
