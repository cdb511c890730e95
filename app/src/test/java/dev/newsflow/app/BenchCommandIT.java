package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.bench.e2e.BenchReport;
import dev.newsflow.bench.e2e.HotBucketReport;
import dev.newsflow.bench.e2e.SinkReport;
import dev.newsflow.testkit.KafkaFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke test of {@code newsflow bench --quick} (CI): it runs every phase against the real broker,
 * with the stages as child JVMs, finishes, and ends with one JSON object holding every required figure as
 * a number. Speed is never asserted: it is what the command measures.
 */
class BenchCommandIT {
  @TempDir Path workDir;

  @Test
  void quickBenchFinishesWithEveryFigureAsANumberOnItsLastLine() throws Exception {
    InProcess run = InProcess.run("bench", "--quick", "--bootstrap-servers", KafkaFixture.bootstrapServers(),
        "--work-dir", workDir.resolve("bench").toString(), "--companies", "200");
    String printed = run.out();
    assertEquals(0, run.status(), printed + run.err());
    List<String> lines = printed.lines().toList();
    assertTrue(printed.contains("B1  Streams identity"), printed);
    JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertTrue(last.isObject(), "the last line is a JSON object: " + lines.get(lines.size() - 1));
    for (String key : BenchReport.REQUIRED_KEYS) {
      assertTrue(last.path(key).isNumber(), key + " is a number in " + last);
    }
    assertEquals("quick", last.get("mode").asText());
    if (Files.isDirectory(Path.of("/proc/self/task"))) {
      // Linux says how each stream thread spent its latency window: found by its id in a thread dump over JMX
      assertTrue(last.path("stream_thread_on_core").asDouble() > 0, "the stream thread was on a core: " + last);
      assertTrue(last.path("stream_thread_waiting_core").isNumber(), "and waited for one: " + last);
      assertTrue(last.path("stream_thread_on_core_alo").asDouble() > 0, "so was at-least-once's: " + last);
    }
    assertFalse(Files.exists(workDir.resolve("bench")), "the work directory is removed after the run");
  }

  /** {@code bench --hot-bucket}: both runs finish and the last line holds both rates, their ratio and the fault counts. */
  @Test
  void hotBucketBenchReportsBothRunsOnItsLastLine() throws Exception {
    InProcess run = InProcess.run("bench", "--hot-bucket", "--quick", "--hot-articles", "30", "--bootstrap-servers",
        KafkaFixture.bootstrapServers(), "--work-dir", workDir.resolve("hot").toString(), "--companies", "200");
    String printed = run.out();
    assertEquals(0, run.status(), printed + run.err());
    List<String> lines = printed.lines().toList();
    JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    for (String key : HotBucketReport.REQUIRED_KEYS) {
      assertTrue(last.path(key).isNumber(), key + " is a number in " + last);
    }
    assertEquals(30, last.get("articles").asInt());
    assertTrue(last.get("hot_done").asBoolean() && last.get("varied_done").asBoolean(), "both runs finished: " + last);
    // Every near-identical article but the original is marked a repeat; the varied ones mostly are not.
    assertEquals(29.0 / 30, last.get("hot_duplicate_share").asDouble(), 0.001, printed);
    assertTrue(last.get("varied_duplicate_share").asDouble() < 0.5, printed);
  }

  /** {@code bench --sinks}: the summary writers alone finish their ladder, and the last line holds its figures as numbers. */
  @Test
  void sinksBenchReportsTheWritersAtTheLoadOf500ArticlesASecondOnItsLastLine() throws Exception {
    InProcess run = InProcess.run("bench", "--sinks", "--quick", "--bootstrap-servers", KafkaFixture.bootstrapServers(),
        "--work-dir", workDir.resolve("sinks").toString());
    String printed = run.out();
    assertEquals(0, run.status(), printed + run.err());
    List<String> lines = printed.lines().toList();
    JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    for (String key : SinkReport.REQUIRED_KEYS) {
      assertTrue(last.path(key).isNumber(), key + " is a number in " + last);
    }
    assertEquals(300, last.get("articles").asInt());
    // The first step is the load of 500 articles a second, in summaries: 500 times the summaries an article made.
    assertEquals(Math.round(500 * last.get("summaries").asDouble() / 300), last.get("rate_at_500").asDouble(), 1.0);
    assertTrue(printed.contains("summaries/s"), printed);
  }
}
