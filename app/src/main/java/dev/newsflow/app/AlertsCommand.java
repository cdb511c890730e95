package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.alerts.AlertDispatcher;
import dev.newsflow.consumer.alerts.WebhookEndpoint;
import dev.newsflow.consumer.alerts.WebhookSubscriptions;
import dev.newsflow.schema.AlertRule;
import dev.newsflow.streams.alerts.RuleType;
import dev.newsflow.streams.enrich.subject.SubjectClassifier;
import dev.newsflow.http.NewsflowHttpServer;
import dev.newsflow.metrics.StageMetrics;
import dev.newsflow.topic.TopicSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Delivers alerts to webhook subscribers until Ctrl-C. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = {"Deliver every alert to the webhooks that subscribe to it: signed, retried, idempotent.",
        "Alerts that cannot be delivered go to alerts.dlq with the reason. A subscription that names a rule",
        "missing from the alert.rules topic, or a topic the classifier does not know, is refused at start.",
        "An endpoint with \"digests\" also gets those companies' digests once a day at its time (see README);",
        "one naming a company missing from the companies topic is refused at start."})
final class AlertsCommand extends ConfiguredCommand {
  static final String SUBSCRIPTIONS = "alerts.subscriptions";

  @Option(names = "--subscriptions", paramLabel = "FILE",
      description = "The webhook subscriptions (JSON; see README). Default: the alerts.subscriptions setting.")
  Path subscriptions;

  @Override
  int run(NewsflowConfig config) throws InterruptedException {
    Path file = subscriptions != null ? subscriptions : config.get(SUBSCRIPTIONS).map(Path::of).orElseThrow(() ->
        new IllegalArgumentException("name the webhook subscriptions file with --subscriptions FILE "
            + "(or the alerts.subscriptions setting)"));
    PrometheusMeterRegistry registry = StageMetrics.newRegistry();
    AlertDispatcher dispatcher = startDispatcher(config, file, System.getenv(), registry);
    NewsflowHttpServer admin = StageAdmin.start(config, registry, dispatcher::failure);
    Console.say("delivering alerts in consumer group " + dispatcher.groupId());
    for (WebhookEndpoint e : dispatcher.endpoints()) {
      Console.say("delivering to " + e + (e.secret() == null ? " (unsigned: no secret)" : "")
          + (e.digests() == null ? "" : (e.wantsAlerts() ? "; also" : "; only") + " the digests of "
              + String.join(", ", new java.util.TreeSet<>(e.digests().companies())) + " each day at " + e.digests().at()
              + " " + e.digests().zone()));
    }
    UntilStopped.await("alerts", ClusterWatch.start("alerts", config), admin, dispatcher);
    return 0;
  }

  /**
   * Reads the subscriptions, refuses any that names a rule the rules topic does not hold or a topic the
   * classifier never assigns, and starts delivering.
   */
  static AlertDispatcher startDispatcher(NewsflowConfig config, Path file, Map<String, String> environment,
      MeterRegistry registry) {
    List<WebhookEndpoint> endpoints = WebhookSubscriptions.load(file, environment);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException(file + " lists no endpoints");
    }
    Map<String, AlertRule> rules;
    Set<String> companies = Set.of();
    boolean digests = endpoints.stream().anyMatch(e -> e.digests() != null);
    try (KafkaCluster cluster = KafkaCluster.open(config)) {
      rules = TopicSnapshot.read(config, config.topics().alertRules(), cluster.timeout());
      if (digests) {
        companies = TopicSnapshot.read(config, config.topics().companies(), cluster.timeout()).keySet();
      }
    }
    WebhookSubscriptions.requireKnown(file.toString(), endpoints, rules.values(), ruleTypes(), knownTopics());
    WebhookSubscriptions.requireKnownCompanies(file.toString(), endpoints, companies);
    return new AlertDispatcher(config, endpoints, registry).start();
  }

  private static Set<String> ruleTypes() {
    return Arrays.stream(RuleType.values()).map(Enum::name).collect(Collectors.toSet());
  }

  /** The topics articles can carry: the labels of the taxonomy the streams application classifies with. */
  static Set<String> knownTopics() {
    return Set.copyOf(SubjectClassifier.standard().taxonomy().labels());
  }
}
