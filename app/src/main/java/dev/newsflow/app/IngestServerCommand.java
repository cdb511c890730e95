package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.producer.http.IngestServer;
import dev.newsflow.producer.http.IngestSettings;
import dev.newsflow.metrics.StageMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Accepts articles and releases over HTTP until Ctrl-C. */
@Command(name = "ingest-server", mixinStandardHelpOptions = true,
    description = {
        "Accept articles and releases over HTTP and publish them to Kafka.",
        "POST /v1/articles or /v1/releases with one JSON object, a JSON array or NDJSON; the answer gives a",
        "result per record. Set ingest.token to require 'Authorization: Bearer <token>'. Also serves",
        "/metrics (Prometheus text) and /health, /health/live, /health/ready."})
final class IngestServerCommand extends ConfiguredCommand {
  @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: ingest.port, 8081).")
  Integer port;

  @Option(names = {"--bind", "--host"}, paramLabel = "ADDRESS",
      description = "Address to listen on (default: ingest.host, 127.0.0.1; 0.0.0.0 for every interface). --host is "
          + "the older name of the same option.")
  String bind;

  @Override
  int run(NewsflowConfig config) throws Exception {
    if (port != null) {
      config = config.with(IngestSettings.PORT, port.toString());
    }
    if (bind != null) {
      config = config.with(IngestSettings.HOST, bind);
    }
    IngestSettings settings = IngestSettings.from(config);
    PrometheusMeterRegistry registry = StageMetrics.newRegistry();
    KafkaCluster cluster = KafkaCluster.open(config);
    IngestServer server = new IngestServer(settings, cluster.publisher(registry, "ingest"), config.topics(), registry).start();
    Console.say("ingest server listening on http://" + settings.host() + ":" + server.port()
        + (settings.token() == null ? " (no token set: anyone who can connect may post)" : " (bearer token required)"));
    UntilStopped.await("ingest-server", server, cluster);
    return 0;
  }
}
