package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.consumer.alerts.AlertPayloads;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.ReleaseRef;
import dev.newsflow.testkit.KafkaFixture;
import dev.newsflow.testkit.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code newsflow demo --once} on the sample data against the real broker: the latest releases, the
 * trending list and the alerts are shown, the alerts are written to alerts.ndjson, and running it again
 * changes nothing.
 */
class DemoIT {
  @TempDir Path workDir;

  @Test
  void theDemoShowsLatestReleasesTrendingAndAlertsAndWritesTheAlertsOnce() throws Exception {
    String prefix = TestTopics.uniquePrefix("DemoIT");
    String[] args = {"demo", "--once", "--bootstrap-servers", KafkaFixture.bootstrapServers(),
        "--data", Path.of("..", "data", "sample").toString(), "--work-dir", workDir.toString(),
        "-D", "topic.prefix=" + prefix, "-D", "application.id=" + prefix + "app",
        "-D", "output.dir=" + workDir.resolve("out"), "-D", "kafka.commit.interval.ms=100"};

    String printed = run(args);
    assertTrue(printed.contains("bytedance      Seedance 2.0"), printed);
    assertTrue(printed.contains("alibaba        Qwen 3.5"), printed);
    assertTrue(printed.contains("TRENDING"), printed);
    // Issue 12: the English and Chinese reports of the Seedance 2.0 launch are one story, with both headlines.
    assertTrue(printed.contains("release:bytedance:seedance:2.0           8       7 en,zh     ByteDance launches Seedance 2.0, "
        + "adding synchronized audio to AI video / 字节跳动发布Seedance 2.0视频生成模型 支持音画同步"), printed);
    assertTrue(printed.contains("newsflow: no record was dead-lettered (" + prefix + "dlq is empty)")
        || java.util.regex.Pattern.compile("newsflow: \\d+ dead letters in " + java.util.regex.Pattern.quote(prefix)
            + "dlq \\{.*\\}: records refused or, for LATE_RECORD, counted in the totals but not in a 1 h/24 h window")
            .matcher(printed).find(), "the demo ends with the dead letters explained: " + printed);
    assertFalse(printed.contains("LATE_RECORD"), "an archive replayed by the demo loses nothing from its windows: " + printed);
    Path alertsFile = workDir.resolve("out").resolve("alerts.ndjson");
    List<String> lines = Files.readAllLines(alertsFile, StandardCharsets.UTF_8);
    List<Alert> logged = lines.stream().map(l -> CanonicalJson.read(l, Alert.class)).toList();
    assertEquals(lines.size(), logged.stream().map(AlertPayloads::idempotencyKey).distinct().count(),
        "one line per alert, and one more for an alert withdrawn later (an earlier one took its throttle window)");
    // The alerts standing: the latest line per id, withdrawals taken out; the table printed shows those.
    Map<String, Alert> alerts = new java.util.LinkedHashMap<>();
    logged.forEach(a -> alerts.put(a.getId(), a));
    alerts.values().removeIf(Alert::getWithdrawn);
    assertTrue(printed.contains(alerts.size() + " alerts, written to " + alertsFile), printed);
    Map<String, Alert> byStory = alerts.values().stream().filter(a -> a.getStoryId() != null)
        .collect(Collectors.toMap(a -> a.getRuleId() + "/" + a.getStoryId(), Function.identity()));
    assertEquals("bytedance", byStory.get("new-releases/rel-bytedance-seedance-2-0").getCompanyId());
    assertEquals("alibaba", byStory.get("new-releases/rel-alibaba-qwen-3-5").getCompanyId());
    assertTrue(byStory.get("money/nf-2026-0002").getRumour(), "据知情人士透露 is rumour wording");

    assertEquals(List.of("Seedance 2.0"), latestRelease("bytedance"));
    assertEquals(List.of("Qwen 3.5"), latestRelease("alibaba"));

    byte[] before = Files.readAllBytes(alertsFile);
    run(args);
    assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(alertsFile, StandardCharsets.UTF_8),
        "running the demo again fires nothing new and the file is byte for byte the same");
  }

  private List<String> latestRelease(String company) throws Exception {
    CompanySummary s = CanonicalJson.read(Files.readString(workDir.resolve("out").resolve("summaries").resolve(company + ".json")),
        CompanySummary.class);
    ReleaseRef r = s.getLatestReleases().get(0);
    return List.of(r.getProduct() + " " + r.getVersion());
  }

  /** Runs the command; returns what it printed, standard output then standard error. */
  private static String run(String... args) {
    InProcess run = InProcess.run(args);
    assertEquals(0, run.status(), run.err());
    return run.out() + run.err();
  }
}
