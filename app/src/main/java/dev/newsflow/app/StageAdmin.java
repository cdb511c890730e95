package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.http.AdminServer;
import dev.newsflow.http.Health;
import dev.newsflow.http.NewsflowHttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The admin server of a stage command without an HTTP server of its own ({@code summaries}, {@code alerts},
 * {@code produce}): {@code /metrics} and health on {@code metrics.port}, when set. Returns null when off.
 */
final class StageAdmin {
  private StageAdmin() {}

  /** Starts it and says where; the stage is healthy while {@code failure} gives null. */
  static NewsflowHttpServer start(NewsflowConfig config, PrometheusMeterRegistry registry, Supplier<Throwable> failure) {
    return startWithHealth(config, registry, () -> {
      Throwable error = failure.get();
      return error == null ? Health.up()
          : new Health(Health.Status.DOWN, Map.of("error", String.valueOf(error.getMessage())));
    });
  }

  /** Starts it with a health check of the stage's own. */
  static NewsflowHttpServer startWithHealth(NewsflowConfig config, PrometheusMeterRegistry registry, Health.Check health) {
    return AdminServer.startIfConfigured(config, registry, health).map(server -> {
      System.err.println("newsflow: metrics at http://" + server.host() + ":" + server.port() + "/metrics, health at /health");
      return server;
    }).orElse(null);
  }
}
