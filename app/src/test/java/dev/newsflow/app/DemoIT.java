package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.consumer.alerts.AlertPayloads;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.DigestPeriod;
import dev.newsflow.schema.DigestStory;
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

    // Issue 12: ByteDance's digest is the one Seedance 2.0 story, its English and Chinese reports, with a key
    // sentence from the earliest report; printed, in the summary, its Markdown, and by newsflow digest.
    String story = "1. 8 reports from 7 outlets in English and Chinese: \u201CByteDance released Seedance 2.0, the second"
        + " generation of its video generation model, and began rolling it out to users of its Doubao app and to"
        + " business customers of its Volcano Engine cloud platform.\u201D";
    // Positive since the sentiment scorer reads a company's whole sentence: "2.0" and "K2.5" ended it before, and
    // "after ByteDance unveiled Seedance 2." was the sentence of a report of shares rising on the launch.
    String day = "24 hours to 2026-02-11 07:00 UTC: 8 articles about ByteDance Ltd. from 7 outlets, positive in tone.";
    assertTrue(printed.contains("ByteDance Ltd. (bytedance)\n" + day + "\n" + story + "\n"), printed);
    CompanySummary bytedance = summary("bytedance");
    for (DigestPeriod period : List.of(bytedance.getDigest().getDay(), bytedance.getDigest().getWeek())) {
      assertEquals(1, period.getStories().size(), "one story: " + period);
      DigestStory seedance = period.getStories().get(0);
      assertEquals("release:bytedance:seedance:2.0", seedance.getStoryId());
      assertEquals(List.of("en", "zh"), seedance.getLanguages());
      assertEquals(8, seedance.getReports());
      assertEquals("nf-2026-0029", seedance.getKeySentenceArticleId());
    }
    String markdown = Files.readString(workDir.resolve("out").resolve("summaries").resolve("bytedance.md"));
    assertTrue(markdown.contains("## Digest\n\n" + day + "\n\n" + story + "\n"), markdown);
    String[] digestArgs = {"digest", "bytedance", "--bootstrap-servers", KafkaFixture.bootstrapServers(),
        "-D", "topic.prefix=" + prefix};
    assertEquals("ByteDance Ltd. (bytedance)\n" + bytedance.getDigest().getText() + "\n", InProcess.run(digestArgs).out());
    InProcess unknown = InProcess.run("digest", "nobody", "--bootstrap-servers", KafkaFixture.bootstrapServers(),
        "-D", "topic.prefix=" + prefix);
    assertEquals(1, unknown.status());
    assertTrue(unknown.err().contains("unknown company nobody"), unknown.err());

    byte[] before = Files.readAllBytes(alertsFile);
    run(args);
    assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(alertsFile, StandardCharsets.UTF_8),
        "running the demo again fires nothing new and the file is byte for byte the same");
  }

  private CompanySummary summary(String company) throws Exception {
    return CanonicalJson.read(Files.readString(workDir.resolve("out").resolve("summaries").resolve(company + ".json")),
        CompanySummary.class);
  }

  private List<String> latestRelease(String company) throws Exception {
    CompanySummary s = summary(company);
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
