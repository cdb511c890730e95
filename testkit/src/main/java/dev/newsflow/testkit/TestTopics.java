package dev.newsflow.testkit;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.topic.TopicAdmin;
import dev.newsflow.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;

/**
 * Topics of one test: a prefix no other test uses, created on the shared broker, and a configuration
 * (application id, state and output directories) that points at them.
 */
public final class TestTopics {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private TestTopics() {}

  /** A fresh prefix such as {@code t3-summaryit.}; readable in broker listings. */
  public static String uniquePrefix(String testName) {
    String slug = testName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
    return "t" + SEQUENCE.incrementAndGet() + "-" + slug.substring(0, Math.min(20, slug.length())) + "-"
        + Long.toString(System.nanoTime() % 1_000_000, 36) + ".";
  }

  /** A configuration for one test against the shared broker, with every newsflow topic created. */
  public static NewsflowConfig config(String testName, Path workDir, int partitions) {
    return config(KafkaFixture.bootstrapServers(), testName, workDir, partitions);
  }

  /** The same against the cluster at {@code bootstrapServers} (a test's own cluster or secured broker). */
  public static NewsflowConfig config(String bootstrapServers, String testName, Path workDir, int partitions) {
    return config(bootstrapServers, Map.of(), testName, workDir, partitions);
  }

  /** The same with {@code settings} (e.g. {@code kafka.*} security settings) applied before the topics are created. */
  public static NewsflowConfig config(String bootstrapServers, Map<String, String> settings, String testName,
      Path workDir, int partitions) {
    String prefix = uniquePrefix(testName);
    NewsflowConfig.Builder builder = NewsflowConfig.builder();
    settings.forEach(builder::set);
    NewsflowConfig config = builder
        .set(NewsflowConfig.BOOTSTRAP_SERVERS, bootstrapServers)
        .set(NewsflowConfig.TOPIC_PREFIX, prefix)
        .set(NewsflowConfig.TOPIC_PARTITIONS, Integer.toString(partitions))
        .set(NewsflowConfig.APPLICATION_ID, prefix + "app")
        .set(NewsflowConfig.STATE_DIR, workDir.resolve("state").toString())
        .set(NewsflowConfig.OUTPUT_DIR, workDir.resolve("out").toString())
        // Faster commits keep tests quick without changing what they prove.
        .set("kafka.commit.interval.ms", "100")
        .build();
    create(config);
    return config;
  }

  public static void create(NewsflowConfig config) {
    Topics topics = config.topics();
    try (Admin admin = Admin.create(Map.copyOf(config.kafkaProperties()))) {
      TopicAdmin.ensure(admin, topics.all(), config.partitions(), config.replicationFactor(), Duration.ofSeconds(30));
    }
  }
}
