package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.alerts.AlertDispatcher;
import dev.newsflow.consumer.alerts.WebhookEndpoint;
import dev.newsflow.consumer.alerts.WebhookSubscriptions;
import dev.newsflow.http.NewsflowHttpServer;
import dev.newsflow.metrics.StageMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Delivers alerts to webhook subscribers until Ctrl-C. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = {"Deliver every alert to the webhooks that subscribe to it: signed, retried, idempotent.",
        "Alerts that cannot be delivered go to alerts.dlq with the reason."})
final class AlertsCommand implements Callable<Integer> {
  static final String SUBSCRIPTIONS = "alerts.subscriptions";

  @Mixin ConfigOptions options;

  @Option(names = "--subscriptions", paramLabel = "FILE",
      description = "The webhook subscriptions (JSON; see README). Default: the alerts.subscriptions setting.")
  Path subscriptions;

  @Override
  public Integer call() throws InterruptedException {
    NewsflowConfig config = options.load();
    Path file = subscriptions != null ? subscriptions : config.get(SUBSCRIPTIONS).map(Path::of).orElseThrow(() ->
        new IllegalArgumentException("name the webhook subscriptions file with --subscriptions FILE "
            + "(or the alerts.subscriptions setting)"));
    List<WebhookEndpoint> endpoints = WebhookSubscriptions.load(file, System.getenv());
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException(file + " lists no endpoints");
    }
    PrometheusMeterRegistry registry = StageMetrics.newRegistry();
    AlertDispatcher dispatcher = new AlertDispatcher(config, endpoints, registry);
    dispatcher.start();
    NewsflowHttpServer admin = StageAdmin.start(config, registry, dispatcher::failure);
    for (WebhookEndpoint e : endpoints) {
      System.err.println("delivering to " + e + (e.secret() == null ? " (unsigned: no secret)" : ""));
    }
    UntilStopped.await("alerts", admin, dispatcher);
    return 0;
  }
}
