package dev.newsflow.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The hot-bucket report holds both runs' figures and their ratio, and says which run did not finish. */
class HotBucketReportTest {
  private static final long S = 1_000_000_000L;

  private static PipelineRun.Burst burst(String label, double seconds, double enrichedSeconds, boolean drained,
      int enriched, int duplicates, StreamsFaults faults) {
    long start = 5 * S;
    PipelineRun.Burst.Times times = new PipelineRun.Burst.Times(start, start + S / 2,
        start + Math.round(enrichedSeconds * S), start + Math.round(seconds * S), drained);
    return new PipelineRun.Burst(label, 1000, times, new EnrichedTally.Count(enriched, duplicates, enriched + 31,
        times.enrichedNanos()), faults);
  }

  private static HotBucketReport report(PipelineRun.Burst varied, PipelineRun.Burst hot) {
    return new HotBucketReport(new BenchReport.Machine("quick", 2, 24L << 30, "OpenJDK 17", 3.5, 1000, 42, "local broker"),
        "Kavin Robotics Inc", varied, hot, 300);
  }

  @Test
  void theJsonHoldsBothRatesTheirRatioAndTheFaultsOfEachRun() throws Exception {
    HotBucketReport report = report(burst("varied", 40, 36, true, 1000, 97, new StreamsFaults(0, 0, 0, 0, 0)),
        burst("hot", 50, 45, true, 1000, 999, new StreamsFaults(2, 0, 1, 0, 0)));
    String json = report.json();
    assertFalse(json.contains("\n"), "one line");
    JsonNode tree = new ObjectMapper().readTree(json);
    for (String key : HotBucketReport.REQUIRED_KEYS) {
      assertTrue(tree.path(key).isNumber(), key + " in " + json);
    }
    assertEquals(25.0, tree.get("varied_rate").asDouble());
    assertEquals(20.0, tree.get("hot_rate").asDouble());
    assertEquals(0.8, tree.get("hot_over_varied").asDouble(), 1e-9);
    assertEquals(0.999, tree.get("hot_duplicate_share").asDouble(), 1e-9);
    assertEquals(2, tree.get("hot_invalid_producer_epoch").asInt());
    assertEquals(1, tree.get("hot_task_migrated").asInt());
    assertEquals(0, tree.get("varied_invalid_producer_epoch").asInt());
    assertEquals(1031, tree.get("hot_enriched_records").asInt());
    String table = report.table();
    assertTrue(table.contains("near-identical / varied: 0.80"), table);
    assertTrue(table.contains("Kavin Robotics Inc"), table);
  }

  @Test
  void aRunThatDidNotFinishIsRatedByWhatItEnrichedAndMarked() throws Exception {
    HotBucketReport report = report(burst("varied", 40, 36, true, 1000, 97, new StreamsFaults(0, 0, 0, 0, 0)),
        burst("hot", 100, 100, false, 400, 399, new StreamsFaults(0, 0, 0, 0, 0)));
    JsonNode tree = new ObjectMapper().readTree(report.json());
    assertEquals(4.0, tree.get("hot_rate").asDouble(), "400 articles enriched in 100 s");
    assertFalse(tree.get("hot_done").asBoolean());
    assertTrue(report.table().contains("4.0*"), report.table());
  }

  @Test
  void theReportSaysHowManyStreamsJvmsEachRunHad() throws Exception {
    PipelineRun.Burst varied = burst("varied", 40, 36, true, 1000, 97, new StreamsFaults(0, 0, 0, 0, 0));
    PipelineRun.Burst hot = burst("hot", 50, 45, true, 1000, 999, new StreamsFaults(0, 0, 0, 0, 0));
    assertEquals(1, new ObjectMapper().readTree(report(varied, hot).json()).get("streams_instances").asInt());
    HotBucketReport two = new HotBucketReport(new BenchReport.Machine("full", 2, 24L << 30, "OpenJDK 17", 3.5, 1000, 42,
        "local broker"), "Kavin Robotics Inc", 2, varied, hot, 300);
    JsonNode tree = new ObjectMapper().readTree(two.json());
    assertEquals(2, tree.get("streams_instances").asInt());
    for (String key : HotBucketReport.REQUIRED_KEYS) {
      assertTrue(tree.path(key).isNumber(), key + " in " + two.json());
    }
    assertTrue(two.table().contains("2 streams JVMs"), two.table());
  }

  @Test
  void theFaultsOfSeveralInstancesAddUp() {
    assertEquals(new StreamsFaults(3, 1, 2, 0, 4), new StreamsFaults(1, 0, 2, 0, 1).plus(new StreamsFaults(2, 1, 0, 0, 3)));
  }
}
