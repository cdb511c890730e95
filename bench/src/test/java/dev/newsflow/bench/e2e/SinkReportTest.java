package dev.newsflow.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sinks report: the first step is the load of 500 articles/s, the highest step kept up with is the answer. */
class SinkReportTest {
  private static final BenchReport.Machine MACHINE =
      new BenchReport.Machine("full", 2, 24L << 30, "OpenJDK 17", 1.5, 1000, 42, "local broker");

  private static SinkRun.Step step(double rate, double filesBehindMs, double databaseBehindMs, boolean drained) {
    return new SinkRun.Step(rate, rate / 1.6, rate, rate, filesBehindMs, databaseBehindMs, drained);
  }

  private static JsonNode json(SinkReport report) throws Exception {
    String json = report.json();
    assertFalse(json.contains("\n"), "one line");
    JsonNode tree = new ObjectMapper().readTree(json);
    for (String key : SinkReport.REQUIRED_KEYS) {
      assertTrue(tree.path(key).isNumber(), key + " in " + json);
    }
    return tree;
  }

  @Test
  void theHighestStepBothWritersKeptUpWithIsTheAnswer() throws Exception {
    SinkReport report = new SinkReport(MACHINE, 2000, 3200, List.of(step(800, 500, 0, true), step(1600, 1500, 500, true),
        step(3200, 2500, 500, true)), 180);
    JsonNode tree = json(report);
    assertEquals(1.6, tree.get("summaries_per_article").asDouble());
    assertEquals(800.0, tree.get("rate_at_500").asDouble());
    assertEquals(500.0, tree.get("files_behind_ms_at_500").asDouble());
    assertTrue(tree.get("kept_up_at_500").asBoolean());
    assertEquals(1600.0, tree.get("max_rate_kept").asDouble());
    assertEquals(1000.0, tree.get("max_article_rate_kept").asDouble());
    assertFalse(tree.get("ladder_topped").asBoolean());
    assertTrue(report.table().contains("Kept up with up to 1,600 summaries/s (1,000 articles/s)."), report.table());
  }

  @Test
  void aWriterTwoSecondsBehindOrNotCaughtUpDidNotKeepUp() throws Exception {
    assertFalse(step(800, 2000, 0, true).keptUp(), "2 s behind is not under 2 s");
    assertFalse(step(800, 0, 0, false).keptUp(), "not caught up after the step");
    SinkReport report = new SinkReport(MACHINE, 2000, 3200, List.of(step(800, 0, 2400, true)), 60);
    JsonNode tree = json(report);
    assertFalse(tree.get("kept_up_at_500").asBoolean());
    assertEquals(0.0, tree.get("max_rate_kept").asDouble());
    assertTrue(report.table().contains("Not kept up with even at the load of 500 articles/s."), report.table());
  }
}
