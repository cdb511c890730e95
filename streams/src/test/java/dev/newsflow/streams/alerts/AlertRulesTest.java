package dev.newsflow.streams.alerts;

import static dev.newsflow.streams.aggregate.AggregationHarness.article;
import static dev.newsflow.streams.aggregate.AggregationHarness.releaseOf;
import static dev.newsflow.streams.aggregate.AggregationHarness.ruleOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import dev.newsflow.schema.AlertRule;
import dev.newsflow.streams.aggregate.AggregationHarness;
import dev.newsflow.streams.aggregate.AggregationSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every rule type, once per story, confirmation, rumours, throttles, ids and rules changing at run time. */
class AlertRulesTest {
  @TempDir Path stateDir;
  private AggregationHarness h;

  /** Half-life 1 h (alpha 0.5), 3 h of history before a trend score, grace 10 min. */
  static final AggregationSettings SETTINGS = new AggregationSettings(Duration.ofMinutes(10), Duration.ofHours(48), 5,
      Duration.ofHours(1), Duration.ofHours(3), 1.0, Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(30), 1,
      Duration.ofSeconds(1));

  @BeforeEach
  void setUp() {
    h = new AggregationHarness(stateDir, SETTINGS);
    h.company("acme", "Acme Corp", "Rocket");
    h.company("other", "Other Inc");
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  @Test
  void newReleaseFiresForEachReleaseThatWasTheNewestOfItsFamilyWhenItCameOutExplainingItself() {
    h.rule(ruleOf("releases", "NEW_RELEASE").build());
    h.rule(ruleOf("rockets", "NEW_RELEASE").setCompanies(List.of("acme")).setKeywords(List.of("rocket")).setSeverity("critical").build());
    h.release(releaseOf("r1", "acme", "Rocket", "1.0", "2026-01-01T00:00:00Z"));
    h.release(releaseOf("r2", "acme", "Rocket", "2.0", "2026-02-01T00:00:00Z"));
    h.release(releaseOf("r15", "acme", "Rocket", "1.5", "2026-01-15T00:00:00Z"));
    h.release(releaseOf("r2", "acme", "Rocket", "2.0", "2026-02-01T00:00:00Z"));
    h.release(releaseOf("o1", "other", "Widget", "1", "2026-02-02T00:00:00Z"));

    // In event time 1.5 was the newest Rocket when it came out (after 1.0, before 2.0): it fires though it arrived
    // after 2.0, and 2.0's alert is published again to say it came after 1.5. The replay changes nothing.
    Map<String, Alert> alerts = AggregationHarness.latest(h.alerts);
    assertEquals(7, alerts.size(), "r1, r15 and r2 for both rules, o1 for the catch-all");
    Alert r2 = alerts.get(AlertIds.of("releases", "release/acme:rocket:2.0"));
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("firstOfFamily", 0.0);
    metrics.put("familyReleases", 3.0);
    assertEquals(Alert.newBuilder()
        .setId(AlertIds.of("releases", "release/acme:rocket:2.0"))
        .setRuleId("releases").setRuleType("NEW_RELEASE").setCompanyId("acme").setStoryId("r2")
        .setTitle("Acme Corp released Rocket 2.0")
        .setMessage("Acme Corp released Rocket 2.0 at 2026-02-01T00:00:00Z: newest of the Rocket family, after Rocket 1.5."
            + " Source: Blog of acme.")
        .setFiredAt(Instant.parse("2026-02-01T00:00:00Z"))
        .setEvidence(List.of("r2"))
        .setMetrics(metrics)
        .setRumour(false).setSeverity("info")
        .build().toString(), r2.toString());
    Alert r1 = alerts.get(AlertIds.of("rockets", "release/acme:rocket:1.0"));
    assertEquals("critical", r1.getSeverity());
    assertTrue(r1.getMessage().contains("the first release of the Rocket family"), r1.getMessage());
    assertEquals(1.0, r1.getMetrics().get("firstOfFamily"));
  }

  @Test
  void watchMatchesCompaniesTopicsAndKeywordsTogetherAndFiresOncePerStoryHoweverManyOutletsTellIt() {
    h.rule(ruleOf("acme-chips", "WATCH").setCompanies(List.of("acme")).setTopics(List.of("Chips")).build());
    h.rule(ruleOf("layoffs", "WATCH").setKeywords(List.of("layoffs", "裁员")).build());
    for (int i = 0; i < 10; i++) {
      h.publish(article("s" + i, "2026-02-10T08:0" + i + ":00Z").story("story-1").source("Outlet " + i)
          .title("Acme plans layoffs at its chip unit").topic("chips", 0.8).mention("acme", 2, 0.9).mention("other").build());
    }
    h.publish(article("t1", "2026-02-10T08:30:00Z").title("Acme opens a chip plant").topic("robotics", 0.9).mention("acme").build());
    h.publish(article("t2", "2026-02-10T08:40:00Z").title("Other Inc chips in").topic("chips", 0.9).mention("other").build());
    h.publish(article("t3", "2026-02-10T08:50:00Z").title("字节跳动裁员传闻").body("据报道，公司将裁员。").build());

    List<Alert> alerts = h.alerts.readValuesToList();
    assertEquals(List.of("acme-chips/story-1/acme", "layoffs/story-1/acme", "layoffs/t3/null"),
        alerts.stream().map(a -> a.getRuleId() + "/" + a.getStoryId() + "/" + a.getCompanyId()).sorted().toList());
    Alert watch = alerts.stream().filter(a -> a.getRuleId().equals("acme-chips")).findFirst().orElseThrow();
    assertEquals("Acme Corp: Acme plans layoffs at its chip unit", watch.getTitle());
    assertEquals("Story story-1 matches watch rule acme-chips (company Acme Corp; topic chips), reported by Outlet 0.",
        watch.getMessage());
    assertEquals(List.of("s0"), watch.getEvidence());
    assertEquals(Instant.parse("2026-02-10T08:00:00Z"), watch.getFiredAt());
    assertEquals(0.9, watch.getMetrics().get("salience"));
    assertEquals(18.0, h.metric("alert-repeats-total"), "nine outlets repeated story-1, for each of two rules");
    Alert rumour = alerts.stream().filter(a -> a.getStoryId().equals("t3")).findFirst().orElseThrow();
    assertTrue(rumour.getRumour());
    assertTrue(rumour.getMessage().endsWith("Unconfirmed: the report uses rumour wording (\"据报道\")."), rumour.getMessage());
  }

  @Test
  void aRuleNeedingTwoIndependentSourcesWaitsForTheSecondOutlet() {
    h.rule(ruleOf("confirmed", "WATCH").setCompanies(List.of("acme")).setMinSources(2).build());
    h.publish(article("a1", "2026-02-10T08:00:00Z").story("st").source("Wire").title("Acme reportedly to buy Other")
        .mention("acme").build());
    h.publish(article("a2", "2026-02-10T08:05:00Z").story("st").source(" wire ").title("Acme reportedly to buy Other, update")
        .mention("acme").build());
    assertTrue(h.alerts.isEmpty(), "the same outlet twice is one source");

    h.publish(article("a3", "2026-02-10T08:10:00Z").story("st").source("Daily").url("https://daily.example.com/a3")
        .title("Acme agrees to buy Other").mention("acme").build());
    Alert alert = h.alerts.readValue();
    assertEquals(List.of("a1", "a2", "a3"), alert.getEvidence());
    assertEquals(2.0, alert.getMetrics().get("sources"));
    assertEquals(2.0, alert.getMetrics().get("requiredSources"));
    assertFalse(alert.getRumour(), "the second source states it plainly");
    assertTrue(alert.getMessage().endsWith("Confirmed by 2 independent sources: wire, daily."), alert.getMessage());
    assertEquals(Instant.parse("2026-02-10T08:10:00Z"), alert.getFiredAt());

    h.publish(article("a4", "2026-02-10T08:20:00Z").story("st").source("Third").mention("acme").build());
    assertTrue(h.alerts.isEmpty(), "fired once");
  }

  @Test
  void aStoryConfirmedOnlyByRumoursIsLabelledARumour() {
    h.rule(ruleOf("confirmed", "WATCH").setCompanies(List.of("acme")).setMinSources(2).build());
    h.publish(article("a1", "2026-02-10T08:00:00Z").story("st").source("Wire").title("Acme reportedly to buy Other").mention("acme").build());
    h.publish(article("a2", "2026-02-10T08:05:00Z").story("st").source("Daily").body("Sources say Acme will buy Other.").mention("acme").build());
    Alert alert = h.alerts.readValue();
    assertTrue(alert.getRumour());
    assertTrue(alert.getMessage().contains("Unconfirmed: the report uses rumour wording (\"reportedly\")."), alert.getMessage());
  }

  @Test
  void aThrottleHoldsBackAlertsOfTheSameRuleAndCompanyWithinItInEventTime() {
    h.rule(ruleOf("acme", "WATCH").setCompanies(List.of("acme")).setThrottle("1h").build());
    h.publish(article("a1", "2026-02-10T08:00:00Z").mention("acme").build());
    h.publish(article("a2", "2026-02-10T08:30:00Z").mention("acme").build());
    h.publish(article("o1", "2026-02-10T08:40:00Z").mention("other").mention("acme", 1, 0.1).build());
    h.publish(article("a3", "2026-02-10T09:00:00Z").mention("acme").build());

    assertEquals(List.of("a1", "a3"), h.alerts.readValuesToList().stream().map(Alert::getStoryId).toList());
    assertEquals(2.0, h.metric("alerts-throttled-total"));
    assertEquals(2.0, h.metric("alerts-fired-total"));
  }

  @Test
  void aMentionSpikeFiresOncePerCompanyAndHourWithItsNumbersAsOfTheHoursFinalCount() {
    h.rule(ruleOf("spike", "MENTION_SPIKE").setThreshold(3.0).setMinSources(2).build());
    h.publish(article("a0", "2026-02-09T20:00:00Z").source("A").mention("acme").build()); // acme's history starts here
    h.publish(article("o1", "2026-02-10T00:05:00Z").mention("other").build());
    h.publish(article("o2", "2026-02-10T04:30:00Z").mention("other").build());
    h.publish(article("a1", "2026-02-10T05:01:00Z").source("A").mention("acme").build());
    h.publish(article("a2", "2026-02-10T05:02:00Z").source("B").mention("acme").build());
    assertTrue(h.alerts.isEmpty(), "a trend score of 2 is below 3");
    h.publish(article("a3", "2026-02-10T05:03:00Z").source("A").mention("acme").build());
    h.publish(article("a4", "2026-02-10T05:04:00Z").source("A").mention("acme").build());

    // Fired at a3, published again with a4's count: the alert says what the hour holds, whatever the order.
    Map<String, Alert> alerts = AggregationHarness.latest(h.alerts);
    assertEquals(1, alerts.size(), "once for acme in the 05:00 hour");
    Alert spike = alerts.values().iterator().next();
    assertEquals(AlertIds.of("spike", "acme@2026-02-10T05:00:00Z"), spike.getId());
    assertEquals("Acme Corp: mentions spiking (trend score 4.00)", spike.getTitle());
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("trendScore", 4.0);
    metrics.put("threshold", 3.0);
    metrics.put("hourArticles", 4.0);
    metrics.put("mean", 0.002);
    metrics.put("stddev", 1.0);
    metrics.put("historyHours", 9.0);
    metrics.put("sources", 2.0);
    assertEquals(metrics, spike.getMetrics());
    assertEquals(List.of("a1", "a2", "a3", "a4"), spike.getEvidence());
    assertEquals(Instant.parse("2026-02-10T05:00:00Z"), spike.getFiredAt());
    assertEquals("4 articles about Acme Corp in the hour from 2026-02-10T05:00:00Z, against a usual 0.00 ± 1.00 an hour "
        + "over 9 hours: trend score 4.00 reached 3.00 (2 sources).", spike.getMessage());
    assertEquals("warning", spike.getSeverity());
    assertEquals(4.0, AggregationHarness.latest(h.summaries).get("acme").getTrendScore(), "the summary's score after a4");
  }

  @Test
  void aCompanyNewToTheApplicationHasNoTrendAndNoSpikeWhateverTheOthersHistory() {
    h.rule(ruleOf("spike", "MENTION_SPIKE").setThreshold(1.0).build());
    h.publish(article("o1", "2026-01-01T00:00:00Z").mention("other").build());
    h.publish(article("o2", "2026-02-10T05:00:00Z").mention("other").build());
    h.publish(article("a1", "2026-02-10T05:01:00Z").mention("acme").build());
    h.publish(article("a2", "2026-02-10T05:02:00Z").mention("acme").build());
    assertTrue(h.alerts.isEmpty(), "acme's own history is empty: no spike over the other company's hours");
    assertEquals(null, AggregationHarness.latest(h.summaries).get("acme").getTrendScore());
  }

  @Test
  void noTrendScoreAndNoSpikeBeforeTheMinimumHistory() {
    h.rule(ruleOf("spike", "MENTION_SPIKE").setThreshold(1.0).build());
    for (int i = 0; i < 5; i++) {
      h.publish(article("a" + i, "2026-02-10T00:1" + i + ":00Z").mention("acme").build());
    }
    assertTrue(h.alerts.isEmpty());
    assertEquals(null, AggregationHarness.latest(h.summaries).get("acme").getTrendScore());
  }

  @Test
  void aSentimentDropIsTriggeredOnlyByANegativeArticle() {
    h.rule(ruleOf("gloom", "SENTIMENT_DROP").setThreshold(-0.3).setMinArticles(3).build());
    h.publish(article("n1", "2026-02-10T08:00:00Z").sentiment(-0.6).mention("acme").build());
    h.publish(article("n2", "2026-02-10T08:05:00Z").sentiment(-0.6).mention("acme").build());
    h.publish(article("p1", "2026-02-10T09:10:00Z").sentiment(0.2).mention("acme").build());
    assertTrue(h.alerts.isEmpty(), "the mean is -0.333, but a positive article does not make a drop, and the "
        + "negative ones' days (to the end of their hour) hold two articles");
    h.publish(article("n3", "2026-02-10T09:15:00Z").sentiment(-0.2).mention("acme").build());
    Alert drop = h.alerts.readValue();
    assertEquals("n3", drop.getStoryId());
    assertEquals(-0.3, drop.getMetrics().get("sentiment24h"));
    assertEquals(4.0, drop.getMetrics().get("articles"));
  }

  @Test
  void aSentimentDropExplainsItselfAndLaterDropsWithinTheThrottleAreHeldBack() {
    h.rule(ruleOf("gloom", "SENTIMENT_DROP").setThreshold(-0.3).setMinArticles(3).setThrottle("6h").build());
    h.publish(article("n1", "2026-02-10T08:00:00Z").sentiment(-0.5).title("Acme recall").mention("acme").build());
    h.publish(article("n2", "2026-02-10T08:10:00Z").sentiment(-0.6).title("Acme fined").mention("acme").build());
    assertTrue(h.alerts.isEmpty(), "two articles are fewer than minArticles");
    h.publish(article("n3", "2026-02-10T08:20:00Z").sentiment(-0.2).title("Acme slips").mention("acme").build());
    h.publish(article("n4", "2026-02-10T09:00:00Z").sentiment(-0.4).title("Acme again").mention("acme").build());

    // Each negative article is judged on its day to the end of its hour: n1, n2 and n3 all share the 08:00 hour,
    // so all three hold once n3 is in; the earliest, n1, takes the 6 h throttle window.
    List<Alert> alerts = h.alerts.readValuesToList();
    assertEquals(1, alerts.size());
    Alert drop = alerts.get(0);
    assertEquals(AlertIds.of("gloom", "acme/n1"), drop.getId());
    assertEquals("Acme Corp: sentiment down to -0.43", drop.getTitle());
    assertEquals(-0.433, drop.getMetrics().get("sentiment24h"));
    assertEquals(3.0, drop.getMetrics().get("articles"));
    assertEquals(List.of("n1", "n2", "n3"), drop.getEvidence());
    assertEquals(3.0, h.metric("alerts-throttled-total"), "n2, n3 and n4 came within the window");
  }

  @Test
  void alertIdsAndContentAreTheSameWhenTheSameInputIsProcessedAgain(@TempDir Path otherState) {
    List<String> first = runScenario(h);
    try (AggregationHarness again = new AggregationHarness(otherState, SETTINGS)) {
      again.company("acme", "Acme Corp", "Rocket");
      again.company("other", "Other Inc");
      assertEquals(first, runScenario(again));
    }
    assertEquals(4, first.size());
  }

  private static List<String> runScenario(AggregationHarness x) {
    x.rule(ruleOf("all", "WATCH").setKeywords(List.of("acme")).build());
    x.rule(ruleOf("releases", "NEW_RELEASE").build());
    x.publish(article("a1", "2026-02-10T08:00:00Z").title("Acme one").mention("acme").build());
    x.publish(article("a2", "2026-02-10T08:10:00Z").title("Acme two").story("a1").mention("acme").build());
    x.publish(article("a3", "2026-02-10T09:00:00Z").title("Acme three").mention("acme").build());
    x.release(releaseOf("r1", "acme", "Rocket", "1", "2026-02-10T09:30:00Z"));
    x.publish(article("a4", "2026-02-10T10:00:00Z").title("Acme Rocket 1 reviewed").mention("acme").build());
    return x.alerts.readValuesToList().stream().map(CanonicalJson::write).toList();
  }

  @Test
  void rulesChangeWithoutARestartAndABadRuleIsIgnored() {
    h.publish(article("a1", "2026-02-10T08:00:00Z").mention("acme").build());
    assertTrue(h.alerts.isEmpty(), "no rules yet");

    h.rule(ruleOf("bad", "BOGUS").build());
    h.rule(ruleOf("acme", "WATCH").setCompanies(List.of("acme")).build());
    h.publish(article("a2", "2026-02-10T08:10:00Z").mention("acme").build());
    assertEquals(List.of("a2"), h.alerts.readValuesToList().stream().map(Alert::getStoryId).toList());

    AlertRule disabled = ruleOf("acme", "WATCH").setCompanies(List.of("acme")).setEnabled(false).build();
    h.rule(disabled);
    h.publish(article("a3", "2026-02-10T08:20:00Z").mention("acme").build());
    assertTrue(h.alerts.isEmpty(), "disabled");

    h.rule(ruleOf("acme", "WATCH").setCompanies(List.of("acme")).build());
    h.rules.pipeInput("acme", null);
    h.publish(article("a4", "2026-02-10T08:30:00Z").mention("acme").build());
    assertTrue(h.alerts.isEmpty(), "deleted");
    assertTrue(h.deadLetters.isEmpty());
  }


}
