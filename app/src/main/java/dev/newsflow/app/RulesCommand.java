package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.schema.AlertRule;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.TopicSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Alert rules as data: load a rules file into the compacted rules topic, list the rules in force, delete one. */
@Command(name = "rules", mixinStandardHelpOptions = true,
    description = {"Manage the alert rules on the rules topic; the streams application applies changes without a restart."},
    subcommands = {RulesCommand.Load.class, RulesCommand.ListRules.class, RulesCommand.Delete.class})
final class RulesCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return Main.missingCommand(spec);
  }

  @Command(name = "load", mixinStandardHelpOptions = true,
      description = "Check every rule of FILE (one JSON rule per line) and publish them; nothing is published if any is wrong.")
  static final class Load extends ConfiguredCommand {
    @Parameters(paramLabel = "FILE", description = "Rules file, e.g. data/sample/rules.ndjson.")
    Path file;

    @Option(names = "--replace", description = "Also delete the rules on the topic that FILE does not hold.")
    boolean replace;

    @Override
    int run(NewsflowConfig config) {
      RuleFile rules = RuleFile.read(file);
      if (!rules.ok()) {
        rules.problems().forEach(p -> System.err.println("newsflow: " + p));
        System.err.println("newsflow: no rule published: fix the " + rules.problems().size() + " problem(s) above");
        return 1;
      }
      if (rules.rules().isEmpty()) { // most likely the wrong file; with --replace it would delete every rule
        System.err.println("newsflow: rules file " + file + " holds no rules: nothing published");
        return 2;
      }
      Topic<String, AlertRule> topic = config.topics().alertRules();
      Set<String> stale = Set.of();
      try (KafkaCluster cluster = KafkaCluster.open(config)) {
        if (replace) {
          Set<String> wanted = rules.rules().stream().map(AlertRule::getId).collect(Collectors.toSet());
          stale = TopicSnapshot.read(config, topic, cluster.timeout()).keySet().stream()
              .filter(id -> !wanted.contains(id)).collect(Collectors.toSet());
        }
        RecordPublisher publisher = cluster.publisher();
        rules.rules().forEach(r -> publisher.publish(topic, r.getId(), r));
        stale.forEach(id -> publisher.publish(topic, id, null));
        publisher.flush();
      }
      System.out.printf("published %d rule(s) to %s%s%n", rules.rules().size(), topic.name(),
          stale.isEmpty() ? "" : "; deleted " + String.join(", ", stale.stream().sorted().toList()));
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the rules on the rules topic, one JSON rule per line.")
  static final class ListRules extends ConfiguredCommand {
    @Override
    int run(NewsflowConfig config) {
      Map<String, AlertRule> rules;
      try (KafkaCluster cluster = KafkaCluster.open(config)) {
        rules = TopicSnapshot.read(config, config.topics().alertRules(), cluster.timeout());
      }
      rules.values().forEach(r -> System.out.println(CanonicalJson.write(r)));
      System.err.println("newsflow: " + rules.size() + " rule(s)");
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete rules by id (a tombstone on the rules topic).")
  static final class Delete extends ConfiguredCommand {
    @Parameters(paramLabel = "ID", arity = "1..*", description = "Rule ids.")
    List<String> ids;

    @Override
    int run(NewsflowConfig config) {
      Topic<String, AlertRule> topic = config.topics().alertRules();
      try (KafkaCluster cluster = KafkaCluster.open(config)) {
        // A misspelt id would otherwise be "deleted" (a tombstone for nothing) while the rule kept firing.
        Set<String> present = TopicSnapshot.read(config, topic, cluster.timeout()).keySet();
        List<String> unknown = ids.stream().filter(id -> !present.contains(id)).distinct().toList();
        if (!unknown.isEmpty()) {
          unknown.forEach(id -> System.err.println("newsflow: no rule '" + id + "' on " + topic.name() + " (rules: "
              + (present.isEmpty() ? "none" : String.join(", ", new TreeSet<>(present))) + ")"));
          System.err.println("newsflow: no rule deleted: fix the " + unknown.size() + " id(s) above");
          return 1;
        }
        RecordPublisher publisher = cluster.publisher();
        ids.forEach(id -> publisher.publish(topic, id, null));
        publisher.flush();
      }
      System.out.println("deleted " + String.join(", ", ids));
      return 0;
    }
  }
}
