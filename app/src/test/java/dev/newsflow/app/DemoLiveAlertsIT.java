package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import dev.newsflow.testkit.KafkaFixture;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.TestTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While {@code demo} runs, news posted to the ingest server it started (over HTTP, as from any language)
 * is processed, and an alert that fires on it is appended to
 * out/alerts.ndjson (the alerts already there stay as they were) and printed as one line.
 */
class DemoLiveAlertsIT {
  @TempDir Path workDir;

  @Test
  void anAlertFiredWhileTheDemoRunsIsAppendedAndPrinted() throws Exception {
    String prefix = TestTopics.uniquePrefix("DemoLiveAlertsIT");
    Path out = workDir.resolve("out");
    Path alertsFile = out.resolve("alerts.ndjson");
    String[] args = {"demo", "--bootstrap-servers", KafkaFixture.bootstrapServers(),
        "--data", PipelineIT.SAMPLE.toString(), "--work-dir", workDir.toString(), "-D", "topic.prefix=" + prefix,
        "-D", "application.id=" + prefix + "app", "-D", "output.dir=" + out, "-D", "gateway.port=0", "-D", "ingest.port=0",
        "-D", "kafka.commit.interval.ms=100"};
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
    AtomicInteger status = new AtomicInteger(-1);
    Thread demo = new Thread(() -> status.set(Main.run(args)), "demo-under-test");
    try {
      // 1. the demo runs on: its first alert table is printed and the file holds those alerts
      demo.start();
      Poll.until(Duration.ofMinutes(4), "the demo's first alert table",
          () -> printed.toString(StandardCharsets.UTF_8).contains(" alerts, written to "));
      List<String> before = Poll.until(Duration.ofMinutes(1), "the alerts file", () -> lines(alertsFile),
          l -> !l.isEmpty());

      // 2. news posted afterwards to the ingest server the demo started and printed (as any language
      //    would, over HTTP) fires a WATCH alert (the sample's "humanoids" rule)
      java.util.regex.Pattern ingestLine = java.util.regex.Pattern.compile("over HTTP \\(JSON to (http://\\S+)/v1/articles ");
      java.util.regex.Matcher ingest = Poll.until(Duration.ofMinutes(1), "the demo's ingest server",
          () -> ingestLine.matcher(said.toString(StandardCharsets.UTF_8)), java.util.regex.Matcher::find);
      assertTrue(said.toString(StandardCharsets.UTF_8).contains("e.g.: curl -sS -H 'Content-Type: application/json' "
          + ingest.group(1) + "/v1/articles -d '{"), "with a curl example");
      String later = "{\"id\": \"live-humanoid-1\", \"source\": \"Example Wire\", "
          + "\"title\": \"Unitree Robotics shows a humanoid that folds laundry\", "
          + "\"body\": \"Unitree Robotics showed a humanoid robot folding laundry at a trade fair in Hangzhou.\", "
          + "\"publishedAt\": \"2026-03-10T10:00:00Z\"}";
      java.net.http.HttpResponse<String> posted = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(ingest.group(1) + "/v1/articles"))
              .header("Content-Type", "application/json")
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString(later)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertTrue(posted.statusCode() / 100 == 2, posted.statusCode() + " " + posted.body());

      // 3. it is appended after the earlier alerts, and printed as one line
      List<String> after = Poll.until(Duration.ofMinutes(2), "the new alert appended", () -> lines(alertsFile),
          l -> l.size() > before.size());
      assertEquals(before, after.subList(0, before.size()), "earlier alerts stay as they were");
      Alert added = CanonicalJson.read(after.get(after.size() - 1), Alert.class);
      assertEquals(List.of("live-humanoid-1"), added.getEvidence());
      Poll.until(Duration.ofMinutes(1), "the new alert printed",
          () -> printed.toString(StandardCharsets.UTF_8).contains(added.getTitle()));
      assertTrue(printed.toString(StandardCharsets.UTF_8).lines().anyMatch(l -> l.startsWith(
          added.getFiredAt() + " humanoids       WATCH")), printed.toString(StandardCharsets.UTF_8));
    } finally {
      demo.interrupt(); // the demo stops its stages, as on Ctrl-C
      demo.join(Duration.ofMinutes(1).toMillis());
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    assertEquals(130, status.get(), "the demo stopped when asked");
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (java.io.IOException e) {
      return List.of();
    }
  }
}
