package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.topic.Topic;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Creates newsflow's topics where they are missing. */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = "Create newsflow's topics (those missing) and list them.")
final class TopicsCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Override
  public Integer call() {
    NewsflowConfig config = options.load();
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
