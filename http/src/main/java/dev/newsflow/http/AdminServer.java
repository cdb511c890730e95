package dev.newsflow.http;

import dev.newsflow.config.NewsflowConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;

/**
 * The small server of a stage that has no HTTP server of its own ({@code summaries}, {@code alerts},
 * {@code produce}, ...): {@code /metrics} and the health checks only. Off unless {@code metrics.port} is
 * set (0 picks a free port), so that several stages on one machine never fight over a port by default.
 */
public final class AdminServer {
  public static final String HOST = "metrics.host";
  public static final String PORT = "metrics.port";
  public static final String TOKEN = "metrics.token";

  private AdminServer() {}

  /** Starts the admin server when {@code metrics.port} is set. */
  public static Optional<NewsflowHttpServer> startIfConfigured(NewsflowConfig config, PrometheusMeterRegistry registry,
      Health.Check health) {
    if (config.get(PORT).isEmpty()) {
      return Optional.empty();
    }
    HttpServerSettings settings = HttpServerSettings.of("admin", config.get(HOST, "127.0.0.1"), config.getPort(PORT, 0))
        .withToken(config.get(TOKEN).orElse(null)).withThreads(4);
    return Optional.of(NewsflowHttpServer.builder(settings).metrics(registry).health(health).start());
  }
}
