package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.topic.Topic;
import java.util.List;
import picocli.CommandLine.Command;

/** Creates newsflow's topics where they are missing. */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = "Create newsflow's topics (those missing) and list them.")
final class TopicsCommand extends ConfiguredCommand {
  @Override
  int run(NewsflowConfig config) {
    List<String> created;
    try (KafkaCluster cluster = KafkaCluster.open(config)) {
      created = cluster.createdTopics();
    }
    for (Topic<String, ?> t : config.topics().all()) {
      System.out.printf("%-40s %s%s%n", t.name(), created.contains(t.name()) ? "created" : "exists",
          t.compacted() ? " (compacted)" : "");
    }
    return 0;
  }
}
