package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.TopicAdmin;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.AuthorizationException;
import picocli.CommandLine.Command;

/**
 * Creates newsflow's topics where they are missing, and checks that those that must be compacted are: one that
 * exists with records deleted after retention (created by hand or auto-created) is named, with the fix, and the
 * status is 1. A topic whose partition count is not {@code topic.partitions} (made by hand, or before the setting
 * changed) is named with its count; it works as it is, so the status does not change.
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = "Create newsflow's topics (those missing) and list them, with the partitions of those that differ "
        + "from topic.partitions; exits 1 when a topic that must be compacted is not.")
final class TopicsCommand extends ConfiguredCommand {
  @Override
  int run(NewsflowConfig config) throws InterruptedException {
    List<String> created;
    Map<String, String> uncompacted;
    Map<String, Integer> partitions;
    try (KafkaCluster cluster = KafkaCluster.open(config)) {
      created = cluster.createdTopics();
      uncompacted = uncompacted(cluster, config);
      partitions = partitions(cluster, config);
    }
    int wanted = config.partitions();
    for (Topic<String, ?> t : config.topics().all()) {
      String state = created.contains(t.name()) ? "created" : "exists";
      String policy = uncompacted.containsKey(t.name())
          ? ", NOT compacted (cleanup.policy=" + uncompacted.get(t.name()) + ")" : t.compacted() ? " (compacted)" : "";
      Integer count = partitions.get(t.name());
      String other = count == null || count == wanted ? "" : ", " + count + " partition" + (count == 1 ? "" : "s");
      System.out.printf("%-40s %s%s%s%n", t.name(), state, policy, other);
    }
    partitions.forEach((name, count) -> {
      if (count != wanted) {
        System.err.println("newsflow: topic " + name + " has " + count + " partition" + (count == 1 ? "" : "s")
            + ", not the " + wanted + " of " + NewsflowConfig.TOPIC_PARTITIONS + " (from "
            + config.origin(NewsflowConfig.TOPIC_PARTITIONS) + "), which applies to the topics newsflow creates; "
            + "it is used as it is" + (count < wanted ? " (to add partitions: kafka-topics.sh --alter --topic " + name
            + " --partitions " + wanted + "; a key's later records then go to another partition than its earlier "
            + "ones, so do it before the first records)" : ""));
      }
    });
    uncompacted.forEach((name, policy) -> System.err.println("newsflow: topic " + name + " must be compacted (it keeps "
        + "the latest value per key) but has cleanup.policy=" + policy + ", so its records are deleted after retention.ms; "
        + "set cleanup.policy=compact on it (kafka-configs.sh --alter --entity-type topics --entity-name " + name
        + " --add-config cleanup.policy=compact)"));
    return uncompacted.isEmpty() ? 0 : 1;
  }

  /** The partition count of each of newsflow's topics (after {@link KafkaCluster#open} created those missing). */
  private static Map<String, Integer> partitions(KafkaCluster cluster, NewsflowConfig config) throws InterruptedException {
    try {
      return TopicAdmin.partitions(cluster.admin(), config.topics().all(), cluster.timeout());
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe the topics at " + config.bootstrapServers() + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaCluster.ClusterUnreachableException(
          KafkaCluster.unreachable(config.bootstrapServers(), cluster.timeout()), e);
    }
  }

  /** The compacted topics that are not; none when the principal may not read topic configs (said in one line). */
  private static Map<String, String> uncompacted(KafkaCluster cluster, NewsflowConfig config) throws InterruptedException {
    try {
      return TopicAdmin.uncompacted(cluster.admin(), config.topics().all(), cluster.timeout());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthorizationException) {
        System.err.println("newsflow: cannot check that the compacted topics are compacted: " + e.getCause().getMessage()
            + " (DescribeConfigs on the topics is needed)");
        return Map.of();
      }
      throw new IllegalStateException("cannot read the configs of the topics at " + config.bootstrapServers() + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaCluster.ClusterUnreachableException(
          KafkaCluster.unreachable(config.bootstrapServers(), cluster.timeout()), e);
    }
  }
}
