package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.AlertRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFileTest {
  @TempDir Path dir;

  @Test
  void theSampleRulesAreValidAndCoverEveryRuleType() {
    RuleFile rules = RuleFile.read(Path.of("..", "data", "sample", RuleFile.DEFAULT_NAME));
    assertEquals(List.of(), rules.problems());
    assertEquals(List.of("MENTION_SPIKE", "NEW_RELEASE", "SENTIMENT_DROP", "WATCH"),
        rules.rules().stream().map(AlertRule::getType).distinct().sorted().toList());
  }

  @Test
  void everyProblemIsReportedWithItsLineAndNothingIsAccepted() throws Exception {
    Path file = dir.resolve("rules.ndjson");
    Files.writeString(file, String.join("\n",
        "{\"id\":\"ok\",\"type\":\"NEW_RELEASE\"}",
        "",
        "{\"id\":\"w\",\"type\":\"WATCH\"}",
        "not json",
        "{\"id\":\"ok\",\"type\":\"WATCH\",\"keywords\":[\"x\"]}",
        "{\"type\":\"WATCH\"}"));
    RuleFile rules = RuleFile.read(file);
    assertEquals(List.of(
        file + ":3: rule w: a WATCH rule needs at least one of companies, topics or keywords",
        file + ":4: invalid AlertRule: not valid JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
        file + ":5: rule ok is already defined on line 1",
        file + ":6: invalid AlertRule: id: is required"), rules.problems().stream().map(RuleFileTest::firstLine).toList());
    assertTrue(!rules.ok());
  }

  @Test
  void aMissingFileIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuleFile.read(dir.resolve("none.ndjson")));
    assertEquals("rules file " + dir.resolve("none.ndjson") + " does not exist or is not a file", e.getMessage());
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
