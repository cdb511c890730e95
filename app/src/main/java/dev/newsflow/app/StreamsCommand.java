package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.http.NewsflowHttpServer;
import dev.newsflow.metrics.StageMetrics;
import dev.newsflow.streams.NewsflowStreams;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the streams application (enrichment, aggregation, alerts, interactive queries) until Ctrl-C. */
@Command(name = "streams", mixinStandardHelpOptions = true,
    description = {"Run the Kafka Streams application: enrichment, company activity, summaries, stories and alerts.",
        "Reads articles.raw, releases.raw, companies and alert.rules; writes articles.enriched, company.activity,",
        "company.activity.final, company.summary, stories, alerts and dlq. Start several with the same application.id to",
        "share the work; with --http-port each answers GET /v1/companies/{id}, /v1/companies/{id}/activity and",
        "/v1/trending for all. With metrics.port set, /metrics (Kafka Streams' own metrics) and /health/live,",
        "/health/ready (ready only while Kafka Streams is RUNNING) on that port."})
final class StreamsCommand extends ConfiguredCommand {
  @Option(names = "--http-port", paramLabel = "PORT",
      description = "Answer interactive queries over HTTP on this port (0 picks a free one); sets query.port.")
  Integer httpPort;

  @Override
  int run(NewsflowConfig config) throws InterruptedException {
    if (httpPort != null) {
      config = config.with(NewsflowStreams.QUERY_PORT, Integer.toString(httpPort));
    }
    NewsflowStreams.checkSettings(config); // a wrong setting is told before any topic is created
    // The topology cannot start on topics that do not exist: create what is missing, as `topics` would.
    try (KafkaCluster cluster = KafkaCluster.open(config)) {
      if (!cluster.createdTopics().isEmpty()) {
        Console.say("created topics " + String.join(", ", cluster.createdTopics()));
      }
      config = cluster.config(); // with the replication the cluster's size calls for
      cluster.warnOfRetiredStores();
    }
    NewsflowStreams streams = new NewsflowStreams(config);
    PrometheusMeterRegistry registry = StageMetrics.newRegistry();
    StreamsHealth.bind(streams.kafkaStreams(), registry);
    streams.start();
    streams.queryAddress().ifPresent(h -> System.err.println("newsflow: interactive queries at http://" + h.host() + ":"
        + h.port() + "/v1/trending"));
    NewsflowHttpServer admin = StageAdmin.startWithHealth(config, registry, StreamsHealth.check(streams.kafkaStreams()));
    UntilStopped.await("streams", admin, ClusterWatch.start("streams", config), streams);
    return 0;
  }
}
