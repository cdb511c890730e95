package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.testkit.KafkaFixture;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.TestTopics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * {@code newsflow topics} against a real broker where a topic that must be compacted already exists with the
 * broker's default cleanup policy (as a hand-made or auto-created topic would): it is named, with the fix.
 */
class TopicsCommandIT {
  @Test
  void aCompactedTopicThatExistsUncompactedIsNamedWithTheFix(TestInfo test) throws Exception {
    String prefix = TestTopics.uniquePrefix(test.getDisplayName());
    String companies = prefix + "companies";
    String[] args = {"topics", "--bootstrap-servers", KafkaFixture.bootstrapServers(), "-D", "topic.prefix=" + prefix,
        "-D", "topic.partitions=1"};

    // 1. the companies topic made by hand, deleting after retention
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaFixture.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(companies, 1, (short) 1))).all().get();

      // 2. topics creates the others and names it
      InProcess first = InProcess.run(args);
      assertEquals(1, first.status(), first.out() + first.err());
      assertTrue(first.out().contains(String.format("%-40s exists, NOT compacted (cleanup.policy=delete)%n", companies)),
          first.out());
      assertTrue(first.out().contains(String.format("%-40s created (compacted)%n", prefix + "company.summary")),
          first.out());
      assertEquals("newsflow: topic " + companies + " must be compacted (it keeps the latest value per key) but has "
          + "cleanup.policy=delete, so its records are deleted after retention.ms; set cleanup.policy=compact on it "
          + "(kafka-configs.sh --alter --entity-type topics --entity-name " + companies
          + " --add-config cleanup.policy=compact)\n", withoutWaiting(first.err()));

      // 3. the fix it names, then all is well
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, companies);
      admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
          new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
          AlterConfigOp.OpType.SET)))).all().get();
    }
    // the broker applies a config change a moment after it acknowledges it
    InProcess again = Poll.until(Duration.ofSeconds(30), "topics to find " + companies + " compacted",
        () -> InProcess.run(args), run -> run.status() == 0);
    assertTrue(again.out().contains(String.format("%-40s exists (compacted)%n", companies)), again.out());
    assertEquals("", withoutWaiting(again.err()));
  }

  @Test
  void aTopicWithOtherPartitionsThanTheSettingIsNamedAndUsedAsItIs(TestInfo test) throws Exception {
    String prefix = TestTopics.uniquePrefix(test.getDisplayName());
    String raw = prefix + "articles.raw";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaFixture.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(raw, 1, (short) 1))).all().get();
    }
    InProcess run = InProcess.run("topics", "--bootstrap-servers", KafkaFixture.bootstrapServers(),
        "-D", "topic.prefix=" + prefix, "-D", "topic.partitions=2");
    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(run.out().contains(String.format("%-40s exists, 1 partition%n", raw)), run.out());
    assertTrue(run.out().contains(String.format("%-40s created (compacted)%n", prefix + "companies")), run.out());
    assertEquals("newsflow: topic " + raw + " has 1 partition, not the 2 of topic.partitions (from command line), which applies "
        + "to the topics newsflow creates; it is used as it is (to add partitions: kafka-topics.sh --alter --topic " + raw
        + " --partitions 2; a key's later records then go to another partition than its earlier ones, so do it before "
        + "the first records)\n", withoutWaiting(run.err()));
  }

  /** Standard error without the progress line a slow machine may print before the answer. */
  private static String withoutWaiting(String err) {
    return err.lines().filter(l -> !l.startsWith("newsflow: waiting for")).map(l -> l + "\n")
        .collect(java.util.stream.Collectors.joining());
  }
}
