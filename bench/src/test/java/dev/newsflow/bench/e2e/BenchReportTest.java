package dev.newsflow.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.bench.e2e.LatencyTracker.Hop;
import dev.newsflow.bench.e2e.LatencyTracker.Percentiles;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report: every required key with a number in one JSON line, and the table says what was not sustained. */
class BenchReportTest {
  private static final double MB = 1024 * 1024;

  private static PipelineRun.Figures figures(String guarantee, double rate, boolean sustained, double latencyRate) {
    return figures(guarantee, rate, sustained, latencyRate, true);
  }

  private static PipelineRun.Figures figures(String guarantee, double rate, boolean sustained, double latencyRate,
      boolean held) {
    Map<Hop, Percentiles> latency = new EnumMap<>(Hop.class);
    for (Hop hop : Hop.values()) {
      latency.put(hop, new Percentiles(100 + hop.ordinal(), 900, 1_200, 1_300, 1000, 1000, 0));
    }
    return new PipelineRun.Figures(guarantee, new ThroughputSearch.Result(rate, sustained, List.of()), latencyRate,
        latencyRate == 500, held, latency, 0.1, 0.98, 3, (long) (300 * MB), (long) (700 * MB), (long) (1024 * MB),
        (long) (800 * MB), (long) (900 * MB), 400, 600, 50, Map.of(), new StreamsPulse.CoreShare(0.52, 0.284));
  }

  private static BenchReport report(PipelineRun.Figures eos, PipelineRun.Figures alo) {
    return new BenchReport(new BenchReport.Machine("full", 2, 24L << 30, "OpenJDK 17", 0.4, 1000, 42, "local broker"),
        52_000, 45_000, eos, alo, 512);
  }

  @Test
  void theJsonHoldsEveryRequiredKeyWithANumberOnOneLine() throws Exception {
    String json = report(figures("exactly_once_v2", 180, true, 180), figures("at_least_once", 210, true, 210)).json();
    assertTrue(!json.contains("\n"), "one line");
    JsonNode tree = new ObjectMapper().readTree(json);
    for (String key : BenchReport.REQUIRED_KEYS) {
      assertTrue(tree.path(key).isNumber(), key + " in " + json);
    }
    assertEquals(0.004, tree.get("p_over_b1").asDouble(), 1e-9);
    assertEquals(300.0, tree.get("heap_mb").asDouble());
    assertEquals(900.0, tree.get("rss_mb").asDouble(), "the resident set at its peak");
    assertEquals(180, tree.get("latency_rate").asInt());
    assertEquals(0.52, tree.get("stream_thread_on_core").asDouble(), 1e-9);
    assertEquals(0.284, tree.get("stream_thread_waiting_core_alo").asDouble(), 1e-9);
    assertEquals(false, tree.get("latency_at_target").asBoolean());
    assertEquals(true, tree.get("latency_held").asBoolean());
    assertEquals(true, tree.get("latency_held_alo").asBoolean());
    assertEquals(900.0, tree.get("p99_webhook_ms_alo").asDouble());
  }

  @Test
  void theTableMarksFiguresOfAPipelineThatSustainedNothing() {
    String table = report(figures("exactly_once_v2", 12, false, 10), figures("at_least_once", 500, true, 500)).table();
    assertTrue(table.contains("12*"), table);
    assertTrue(table.contains("not sustained even at the lowest rate tried"), table);
    assertTrue(table.contains("at 10/s*"), table);
    assertTrue(table.contains("publish -> webhook delivered"), table);
    assertFalse(table.contains("did not hold"), table);
    assertTrue(table.contains("stream thread % on a core / waiting for one             52 / 28"), table);
  }

  @Test
  void aLatencyWindowInWhichAStageFellBehindIsSaid() throws Exception {
    BenchReport r = report(figures("exactly_once_v2", 150, true, 150, false), figures("at_least_once", 92, true, 92));
    assertTrue(r.table().contains("! exactly_once_v2: a stage fell behind during the latency window at 150/s: that "
        + "rate did not hold"), r.table());
    assertFalse(r.table().contains("! at_least_once"), r.table());
    JsonNode tree = new ObjectMapper().readTree(r.json());
    assertEquals(false, tree.get("latency_held").asBoolean());
    assertEquals(true, tree.get("latency_held_alo").asBoolean());
  }
}
