package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.feed.FeedGateway;
import dev.newsflow.metrics.StageMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Serves the live feed, the summaries over REST, and the dashboard until Ctrl-C. */
@Command(name = "feed", mixinStandardHelpOptions = true,
    description = {"Serve the live feed, the companies over REST and the dashboard.",
        "GET /v1/feed (Server-Sent Events), GET /v1/companies, /health (/health/live, /health/ready), /metrics",
        "(Prometheus text) and the dashboard page at http://HOST:PORT/. With gateway.token set, the feed, REST",
        "and metrics need 'Authorization: Bearer <token>'."})
final class FeedCommand extends ConfiguredCommand {
  @Option(names = "--port", paramLabel = "PORT", description = "Port (default: gateway.port, 8080).")
  Integer port;

  @Option(names = "--bind", paramLabel = "ADDRESS",
      description = "Address to listen on (default: gateway.bind, 127.0.0.1; 0.0.0.0 for every interface).")
  String bind;

  @Override
  int run(NewsflowConfig settings) throws InterruptedException {
    Map<String, String> overrides = new LinkedHashMap<>();
    if (port != null) {
      overrides.put(FeedGateway.PORT, port.toString());
    }
    if (bind != null) {
      overrides.put(FeedGateway.BIND, bind);
    }
    NewsflowConfig config = settings.with(overrides);
    KafkaCluster.open(config).close();
    FeedGateway gateway = new FeedGateway(config, StageMetrics.newRegistry(), AlertsCommand.knownTopics());
    gateway.start();
    System.err.println("dashboard and feed at http://" + config.get(FeedGateway.BIND, "127.0.0.1") + ":" + gateway.port()
        + "/");
    UntilStopped.await("feed", gateway);
    return 0;
  }
}
