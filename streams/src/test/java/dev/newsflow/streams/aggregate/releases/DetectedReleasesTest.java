package dev.newsflow.streams.aggregate.releases;

import static dev.newsflow.streams.aggregate.AggregationHarness.article;
import static dev.newsflow.streams.aggregate.AggregationHarness.latest;
import static dev.newsflow.streams.aggregate.AggregationHarness.releaseOf;
import static dev.newsflow.streams.aggregate.AggregationHarness.ruleOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.Alert;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.ReleaseRef;
import dev.newsflow.streams.aggregate.AggregationHarness;
import dev.newsflow.streams.aggregate.AggregationSettings;
import dev.newsflow.streams.alerts.AlertIds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases found in the news: one confirmed by two independent outlets counts like a published release (in
 * the summary, marked as detected, and for NEW_RELEASE), a release event of the same version takes its place,
 * and its confirmation follows the articles through revisions.
 */
class DetectedReleasesTest {
  private static final String DETECTED = "coverage:bytedance:seedance:2.0";
  /** Alerts about Seedance 2.0, found in the news or published: one story. */
  private static final String ALERT = AlertIds.of("releases", "release/bytedance:seedance:2.0");
  private static final String EVIDENCE = "ByteDance launched Seedance 2.0 on Tuesday.";

  @TempDir Path stateDir;
  private AggregationHarness h;

  @BeforeEach
  void setUp() {
    h = seedanceHarness(stateDir);
  }

  /** ByteDance, maker of Seedance, and a rule that fires on every new release. */
  private static AggregationHarness seedanceHarness(Path state) {
    AggregationHarness harness = new AggregationHarness(state, AggregationSettings.defaults());
    harness.company("bytedance", "ByteDance Ltd.", List.of("ByteDance", "字节跳动"), "Seedance");
    harness.rule(ruleOf("releases", "NEW_RELEASE").build());
    return harness;
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  /** Seedance 2.0 reported by two outlets, which is enough to detect it. */
  private void twoOutletsReportIt() {
    h.publish(report("a1", "2026-02-10T08:05:00Z", "Example Wire"));
    h.publish(report("a2", "2026-02-10T08:40:00Z", "Other Daily"));
  }

  /** The ids of the alerts published since last read. */
  private List<String> alertIds() {
    return h.alerts.readValuesToList().stream().map(Alert::getId).toList();
  }

  /** The ids of ByteDance's latest releases in its current summary. */
  private List<String> latestReleaseIds() {
    return latest(h.summaries).get("bytedance").getLatestReleases().stream().map(ReleaseRef::getId).toList();
  }

  private static EnrichedArticle report(String id, String at, String source) {
    return article(id, at).source(source).title("ByteDance launches Seedance 2.0").body(EVIDENCE)
        .mention("bytedance").reports("bytedance", "Seedance", "2.0", EVIDENCE).build();
  }

  @Test
  void reportsFromOneOutletAreNotARelease() {
    h.publish(report("a1", "2026-02-10T08:05:00Z", "Example Wire"));
    h.publish(report("a2", "2026-02-10T09:05:00Z", " example wire"));

    CompanySummary s = latest(h.summaries).get("bytedance");
    assertEquals(2, s.getArticleCount());
    assertEquals(List.of(), s.getLatestReleases(), "one outlet, however often it reports");
    assertTrue(h.alerts.isEmpty());
  }

  @Test
  void aReleaseReportedByTwoOutletsIsInTheLatestReleasesMarkedDetectedAndFiresOnce() {
    h.release(releaseOf("s1", "bytedance", "Seedance", "1.0 Pro", "2025-06-11T08:00:00Z"));
    h.alerts.readValuesToList();
    h.publish(report("a1", "2026-02-10T08:05:00Z", "Example Wire"));
    assertTrue(h.alerts.isEmpty(), "not yet: one outlet");
    h.publish(report("a2", "2026-02-10T08:40:00Z", "Other Daily"));
    h.publish(report("a3", "2026-02-10T09:10:00Z", "Third Post"));

    ReleaseRef latest = latest(h.summaries).get("bytedance").getLatestReleases().get(0);
    assertEquals(ReleaseRef.newBuilder().setId(DETECTED).setProduct("Seedance").setVersion("2.0")
        .setReleasedAt(Instant.parse("2026-02-10T08:05:00Z")).setUrl(null).setFirstOfFamily(false)
        .setCoverage(3).setDetectedFromCoverage(true).build().toString(), latest.toString(),
        "dated by its first report; the three articles naming Seedance are its coverage");

    List<Alert> alerts = h.alerts.readValuesToList();
    assertEquals(1, alerts.size(), "fires once, the third outlet changes nothing: " + alerts);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("detectedFromCoverage", 1.0);
    metrics.put("firstOfFamily", 0.0);
    metrics.put("familyReleases", 2.0);
    assertEquals(Alert.newBuilder()
        .setId(ALERT)
        .setRuleId("releases").setRuleType("NEW_RELEASE").setCompanyId("bytedance").setStoryId(DETECTED)
        .setTitle("ByteDance Ltd. released Seedance 2.0 (detected from coverage)")
        .setMessage("ByteDance Ltd. released Seedance 2.0, first reported at 2026-02-10T08:05:00Z: newest of the "
            + "Seedance family, after Seedance 1.0 Pro. Detected from coverage: reported by example wire, other daily; "
            + "no release event is known yet. \"" + EVIDENCE + "\"")
        .setFiredAt(Instant.parse("2026-02-10T08:05:00Z"))
        .setEvidence(List.of(DETECTED))
        .setMetrics(metrics)
        .setRumour(false).setSeverity("info")
        .build().toString(), alerts.get(0).toString());
  }

  @Test
  void aReleaseEventOfTheDetectedVersionTakesItsPlaceWithoutASecondAlert() {
    twoOutletsReportIt();
    assertEquals(List.of(ALERT), alertIds());

    h.release(releaseOf("s2", "bytedance", "Seedance", "2.0", "2026-02-10T07:30:00Z"));

    List<ReleaseRef> releases = latest(h.summaries).get("bytedance").getLatestReleases();
    assertEquals(1, releases.size(), "not listed twice: " + releases);
    assertEquals(List.of("s2", "false", "2"), List.of(releases.get(0).getId(),
        String.valueOf(releases.get(0).getDetectedFromCoverage()), String.valueOf(releases.get(0).getCoverage())));
    List<Alert> after = h.alerts.readValuesToList();
    assertEquals(1, after.size(), "the one alert, told again from the event: " + after);
    Alert alert = after.get(0);
    assertEquals(ALERT, alert.getId(), "the same alert, not a second one");
    assertFalse(alert.getWithdrawn());
    assertEquals("ByteDance Ltd. released Seedance 2.0", alert.getTitle());
    assertEquals(List.of("s2"), alert.getEvidence());

    // More reports of the released version change nothing, and no longer count as detections.
    h.publish(report("a3", "2026-02-10T09:10:00Z", "Third Post"));
    h.publish(report("a4", "2026-02-10T09:20:00Z", "Fourth Times"));
    assertTrue(h.alerts.isEmpty());
    assertEquals(List.of("s2"), latestReleaseIds());
  }

  @Test
  void aVersionAlreadyReleasedIsNotDetectedAgain() {
    h.release(releaseOf("s2", "bytedance", "Seedance", "2.0", "2026-02-10T07:30:00Z"));
    twoOutletsReportIt();

    assertEquals(List.of("s2"), latestReleaseIds());
    assertEquals(List.of(ALERT), alertIds(),
        "the event's alert only, under the id the detected release would have had");
  }

  @Test
  void theAlertLeftStandingIsTheSameWhicheverArrivesFirstTheReportsOrTheEvent(@TempDir Path otherState) {
    twoOutletsReportIt();
    h.release(releaseOf("s2", "bytedance", "Seedance", "2.0", "2026-02-10T07:30:00Z"));
    Map<String, Alert> reportsFirst = latest(h.alerts);
    CompanySummary summaryReportsFirst = latest(h.summaries).get("bytedance");

    try (AggregationHarness other = seedanceHarness(otherState)) {
      other.release(releaseOf("s2", "bytedance", "Seedance", "2.0", "2026-02-10T07:30:00Z"));
      other.publish(report("a2", "2026-02-10T08:40:00Z", "Other Daily"));
      other.publish(report("a1", "2026-02-10T08:05:00Z", "Example Wire"));
      assertEquals(reportsFirst.toString(), latest(other.alerts).toString());
      assertEquals(summaryReportsFirst.toString(), latest(other.summaries).get("bytedance").toString());
    }
  }

  @Test
  void aRevisionThatNoLongerReportsTheReleaseWithdrawsItsConfirmation() {
    twoOutletsReportIt();
    assertEquals(List.of(ALERT), alertIds());

    h.publish(article("a2", "2026-02-10T08:40:00Z").source("Other Daily").title("ByteDance video model rumoured")
        .mention("bytedance").build());
    assertEquals(List.of(), latest(h.summaries).get("bytedance").getLatestReleases(), "one outlet left");
    List<Alert> withdrawn = h.alerts.readValuesToList();
    assertEquals(1, withdrawn.size());
    assertEquals(ALERT, withdrawn.get(0).getId());
    assertTrue(withdrawn.get(0).getWithdrawn(), "the alert is taken back");

    // Another outlet confirms it again: the same release, the same alert.
    h.publish(report("a3", "2026-02-10T10:00:00Z", "Third Post"));
    assertEquals(List.of(DETECTED), latestReleaseIds());
    List<Alert> again = h.alerts.readValuesToList();
    assertEquals(1, again.size());
    assertEquals(ALERT, again.get(0).getId());
    assertFalse(again.get(0).getWithdrawn());
    assertTrue(again.get(0).getMessage().contains("reported by example wire, third post"), again.get(0).getMessage());
  }
}
