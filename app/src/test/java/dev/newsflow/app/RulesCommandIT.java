package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.testkit.TestTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** {@code rules delete} as a user types it, against a real broker: a misspelt id deletes nothing and says so. */
class RulesCommandIT {
  @TempDir Path work;

  @Test
  void anIdNotOnTheRulesTopicIsRefusedAndNothingIsDeleted(TestInfo test) throws Exception {
    NewsflowConfig config = TestTopics.config(test.getDisplayName(), work, 1);
    cluster = new String[] {"--bootstrap-servers", config.bootstrapServers(),
        "-D", NewsflowConfig.TOPIC_PREFIX + "=" + config.get(NewsflowConfig.TOPIC_PREFIX).orElseThrow()};
    Path rules = Files.writeString(work.resolve("rules.ndjson"), """
        {"id": "new-releases", "type": "NEW_RELEASE"}
        {"id": "humanoids", "type": "WATCH", "keywords": ["humanoid"]}
        """);
    assertEquals(0, rules("load", rules.toString()).status());

    InProcess typo = rules("delete", "humanoids", "new-release");
    assertEquals(1, typo.status(), typo.err());
    assertEquals("newsflow: no rule 'new-release' on " + config.topics().alertRules().name()
        + " (rules: humanoids, new-releases)\nnewsflow: no rule deleted: fix the 1 id(s) above\n", typo.err());
    assertEquals(List.of("humanoids", "new-releases"), ruleIds(), "neither rule deleted");

    InProcess delete = rules("delete", "humanoids");
    assertEquals(0, delete.status(), delete.err());
    assertEquals("deleted humanoids\n", delete.out());
    assertEquals(List.of("new-releases"), ruleIds());

    InProcess again = rules("delete", "humanoids");
    assertEquals(1, again.status(), "a rule deleted already is not there to delete: " + again.err());
  }

  /** The options naming the test's broker and topics. */
  private String[] cluster;

  private InProcess rules(String... command) {
    List<String> all = new ArrayList<>(List.of("rules"));
    all.addAll(List.of(command));
    all.addAll(List.of(cluster));
    return InProcess.run(all.toArray(String[]::new));
  }

  private List<String> ruleIds() {
    InProcess list = rules("list");
    assertEquals(0, list.status(), list.err());
    return list.out().lines().map(line -> line.replaceAll("^\\{\"id\":\"([^\"]+)\".*", "$1")).sorted().toList();
  }
}
