package dev.newsflow.streams.aggregate.activity;

import static dev.newsflow.streams.aggregate.AggregationHarness.article;
import static dev.newsflow.streams.aggregate.AggregationHarness.latest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.CompanyActivity;
import dev.newsflow.schema.DeadLetter;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Headline;
import dev.newsflow.schema.NameCount;
import dev.newsflow.streams.aggregate.AggregationHarness;
import dev.newsflow.streams.aggregate.AggregationSettings;
import dev.newsflow.streams.state.QueryableStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Activity windows at their edges: boundaries, grace, lateness, revisions and story counting. Grace is 10 minutes. */
class ActivityWindowsTest {
  @TempDir Path stateDir;
  private AggregationHarness h;

  @BeforeEach
  void setUp() {
    h = new AggregationHarness(stateDir, AggregationSettings.defaults().withGrace(Duration.ofMinutes(10)));
    h.company("acme", "Acme Corp");
    h.company("other", "Other Inc");
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  @Test
  void anArticleBelongsToTheHourItWasPublishedInAndTheHourClosesAfterTheGracePeriod() {
    h.publish(article("a1", "2026-02-10T08:59:59.999Z").mention("acme").build());
    h.publish(article("a2", "2026-02-10T09:00:00Z").mention("acme").build());

    Map<String, CompanyActivity> live = latest(h.activity);
    assertEquals(1, live.get("acme@2026-02-10T08:00:00Z/1h").getArticleCount());
    assertEquals(1, live.get("acme@2026-02-10T09:00:00Z/1h").getArticleCount());
    assertTrue(h.activityFinal.isEmpty(), "no window has closed yet");

    h.publish(article("b1", "2026-02-10T09:09:59.999Z").mention("other").build());
    assertTrue(h.activityFinal.isEmpty(), "08:00-09:00 is still within its grace period");

    h.publish(article("b2", "2026-02-10T09:10:00Z").mention("other").build());
    Map<String, CompanyActivity> closed = latest(h.activityFinal);
    assertEquals(Set.of("acme@2026-02-10T08:00:00Z/1h", "acme@2026-02-09T09:00:00Z/24h"), closed.keySet());
    CompanyActivity hour = closed.get("acme@2026-02-10T08:00:00Z/1h");
    assertTrue(hour.getClosed());
    assertEquals(1, hour.getArticleCount());
    assertEquals(List.of("a1"), hour.getTopHeadlines().stream().map(Headline::getArticleId).toList());
    assertEquals(1, closed.get("acme@2026-02-09T09:00:00Z/24h").getArticleCount(), "a2 is past the end of that day");
    assertEquals(0, h.metric("late-records-total"));
  }

  @Test
  void anArticleCountsInTheTwentyFourHoppingDayWindowsThatHoldItAndOnlyTheTrailingDayIsLive() {
    h.publish(article("a1", "2026-02-10T08:30:00Z").mention("acme").build());

    Map<String, CompanyActivity> live = latest(h.activity);
    assertEquals(Set.of("acme@2026-02-09T09:00:00Z/24h"), days(live.keySet()),
        "live: the day that ends with the current hour; the 23 others reach into hours not yet seen");
    CompanyActivity trailing = live.get("acme@2026-02-09T09:00:00Z/24h");
    assertEquals(Instant.parse("2026-02-10T09:00:00Z"), trailing.getWindowEnd());
    assertEquals("24h", trailing.getWindow());
    assertEquals(1, trailing.getArticleCount());

    h.publish(article("x", "2026-02-10T09:05:00Z").mention("other").build());
    CompanyActivity next = latest(h.activity).get("acme@2026-02-09T10:00:00Z/24h");
    assertEquals(1, next.getArticleCount(), "a new hour publishes the new trailing day of a company with no news in it");
    assertEquals(Instant.parse("2026-02-10T08:30:00Z"), next.getUpdatedAt());

    h.publish(article("y", "2026-02-11T08:10:00Z").mention("other").build());
    Map<String, CompanyActivity> closed = latest(h.activityFinal);
    Set<String> expected = IntStream.range(0, 24)
        .mapToObj(i -> "acme@" + Instant.parse("2026-02-09T09:00:00Z").plus(Duration.ofHours(i)) + "/24h")
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, days(closed.keySet()), "every day that holds it has its final value");
    expected.forEach(k -> assertEquals(1, closed.get(k).getArticleCount(), k));
  }

  private static Set<String> days(Set<String> keys) {
    return keys.stream().filter(k -> k.startsWith("acme@") && k.endsWith("/24h")).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void aDayPublishedAsANewHoursTrailingDayIsNotPublishedAgainWithTheSameValueAtTheInterval() {
    // An archive replayed: acme's news, then three hours of another company's, all in no wall-clock time. Each new
    // hour publishes acme's trailing day at once; the days holding acme's changed hour are then published only if
    // they were not since.
    EnrichedArticle a1 = article("a1", "2026-02-10T08:30:00Z").mention("acme").build();
    h.enriched.pipeInput(a1.getId(), a1, a1.getPublishedAt());
    for (int i = 1; i <= 3; i++) {
      EnrichedArticle x = article("x" + i, String.format("2026-02-10T%02d:05:00Z", 8 + i)).mention("other").build();
      h.enriched.pipeInput(x.getId(), x, x.getPublishedAt());
    }
    h.tick();
    List<String> acmeDays = h.activity.readKeyValuesToList().stream().map(kv -> kv.key)
        .filter(k -> k.startsWith("acme@") && k.endsWith("/24h")).toList();
    // 09:05 publishes the day to 10:00; 10:05 the day to 11:00, and, before the 09:00 day closes, acme's changed
    // hour's live days not yet published: only that one; 11:05 the day to 12:00. Before, 10:05 published the day
    // to 10:00 a second time, with the same value.
    assertEquals(List.of("acme@2026-02-09T10:00:00Z/24h", "acme@2026-02-09T11:00:00Z/24h",
        "acme@2026-02-09T09:00:00Z/24h", "acme@2026-02-09T12:00:00Z/24h"), acmeDays, "each day once");

    // A change to an hour a published day holds: that day (and only the days holding the hour) again.
    h.publish(article("a2", "2026-02-10T10:40:00Z").mention("acme").build());
    Map<String, CompanyActivity> live = latest(h.activity);
    assertEquals(Set.of("acme@2026-02-09T11:00:00Z/24h", "acme@2026-02-09T12:00:00Z/24h"), days(live.keySet()));
    assertEquals(2, live.get("acme@2026-02-09T12:00:00Z/24h").getArticleCount());
  }

  @Test
  void anArticleLateWithinTheGracePeriodStillCounts() {
    h.publish(article("x", "2026-02-10T09:05:00Z").mention("other").build());
    h.publish(article("a1", "2026-02-10T08:50:00Z").mention("acme").build());

    assertEquals(1, latest(h.activity).get("acme@2026-02-10T08:00:00Z/1h").getArticleCount());
    h.publish(article("y", "2026-02-10T09:10:00Z").mention("other").build());
    assertEquals(1, latest(h.activityFinal).get("acme@2026-02-10T08:00:00Z/1h").getArticleCount());
    assertTrue(h.deadLetters.isEmpty());
    assertEquals(0, h.metric("late-records-total"));
  }

  @Test
  void anArticleLaterThanTheGracePeriodIsReportedNotCountedInItsHourAndStillCountedWhereWindowsAreOpen() {
    h.publish(article("x", "2026-02-10T09:10:00Z").mention("other").build());
    h.activity.readRecordsToList();
    h.publish(article("late", "2026-02-10T08:50:00Z").mention("acme").build());

    List<DeadLetter> letters = h.deadLetters.readValuesToList();
    assertEquals(1, letters.size());
    DeadLetter letter = letters.get(0);
    assertEquals("LATE_RECORD", letter.getErrorType());
    assertEquals("streams:activity-windows", letter.getStage());
    assertEquals("article late for company acme has event time 2026-02-10T08:50:00Z, but stream time is already "
        + "2026-02-10T09:10:00Z: its 1h window [2026-02-10T08:00:00Z, 2026-02-10T09:00:00Z) closed at "
        + "2026-02-10T09:10:00Z (grace PT10M); only the 24h windows still open count it. The company's totals count it.",
        letter.getReason());
    assertEquals(h.topics.articlesEnriched().name(), letter.getSourceTopic());
    assertEquals(1L, letter.getSourceOffset());
    assertEquals(1, h.metric("late-records-total"));

    Map<String, CompanyActivity> live = latest(h.activity);
    assertTrue(live.keySet().stream().noneMatch(k -> k.endsWith("/1h")), "its hour has closed: " + live.keySet());
    assertEquals(Set.of("acme@2026-02-09T10:00:00Z/24h"), live.keySet(),
        "the trailing day counts it; the day that ended at 09:00 closed at 09:10; the later days are not live yet");
    assertEquals(1, latest(h.summaries).get("acme").getArticleCount(), "totals count every article");
  }

  @Test
  void anArticleLaterThanEveryWindowThatWouldHoldItCountsInNone() {
    h.publish(article("x", "2026-02-11T08:10:00Z").mention("other").build());
    h.activity.readRecordsToList();
    h.publish(article("late", "2026-02-10T08:50:00Z").mention("acme").build());

    assertTrue(h.activity.isEmpty());
    DeadLetter letter = h.deadLetters.readValue();
    assertTrue(letter.getReason().contains("and so did every 24h window holding it"), letter.getReason());
    assertEquals(1, h.metric("late-records-total"));
  }

  @Test
  void aStoryToldByTenOutletsCountsOnceAsAStoryAndCountsNothingTwiceWhenReplayed() {
    for (int i = 0; i < 10; i++) {
      h.publish(article("s" + i, "2026-02-10T08:0" + i + ":00Z").story("story-1").source("Outlet " + i)
          .title("Acme raises prices, outlet " + i).mention("acme", 1, 0.5 + i / 100.0).build());
    }
    h.publish(article("t1", "2026-02-10T08:30:00Z").story("story-2").source("Outlet 0").title("Acme hires")
        .mention("acme", 2, 0.4).build());

    CompanyActivity hour = latest(h.activity).get("acme@2026-02-10T08:00:00Z/1h");
    assertEquals(11, hour.getArticleCount());
    assertEquals(10, hour.getSourceCount(), "Outlet 0 told both stories");
    assertEquals(2, hour.getStoryCount());
    assertEquals(List.of("s9", "t1"), hour.getTopHeadlines().stream().map(Headline::getArticleId).toList(),
        "one headline per story, the most salient");
    assertEquals(11, latest(h.summaries).get("acme").getArticleCount());

    for (int i = 0; i < 10; i++) {
      h.publish(article("s" + i, "2026-02-10T08:0" + i + ":00Z").story("story-1").source("Outlet " + i)
          .title("Acme raises prices, outlet " + i).mention("acme", 1, 0.5 + i / 100.0).build());
    }
    assertTrue(h.activity.isEmpty(), "a replay changes nothing");
    assertTrue(h.summaries.isEmpty(), "a replay changes nothing");
  }

  @Test
  void aRevisionReplacesTheArticleEvenWhenItMovesToAnotherHourOrDropsTheCompany() {
    h.publish(article("a1", "2026-02-10T08:10:00Z").mention("acme").mention("other").build());
    h.publish(article("a1", "2026-02-10T09:05:00Z").mention("acme").build());

    Map<String, CompanyActivity> live = latest(h.activity);
    assertEquals(0, live.get("acme@2026-02-10T08:00:00Z/1h").getArticleCount());
    assertEquals(1, live.get("acme@2026-02-10T09:00:00Z/1h").getArticleCount());
    assertEquals(0, live.get("other@2026-02-10T08:00:00Z/1h").getArticleCount());
    assertEquals(1, live.get("acme@2026-02-09T10:00:00Z/24h").getArticleCount(), "both hours are in the trailing day: once");
    assertEquals(List.of(), live.get("acme@2026-02-10T09:00:00Z/1h").getTopCoMentions());
    Map<String, dev.newsflow.schema.CompanySummary> summaries = latest(h.summaries);
    assertEquals(1, summaries.get("acme").getArticleCount());
    assertEquals(0, summaries.get("other").getArticleCount());
    assertTrue(h.deadLetters.isEmpty());
  }

  @Test
  void aRevisionAfterTheGracePeriodCannotWithdrawTheArticleFromItsClosedHour() {
    h.publish(article("a1", "2026-02-10T08:10:00Z").mention("acme").build());
    h.publish(article("b1", "2026-02-10T09:30:00Z").mention("other").build());
    h.publish(article("a1", "2026-02-10T09:20:00Z").mention("acme").build());

    Map<String, CompanyActivity> live = latest(h.activity);
    assertEquals(1, live.get("acme@2026-02-10T08:00:00Z/1h").getArticleCount(), "closed before the revision came");
    assertEquals(1, live.get("acme@2026-02-10T09:00:00Z/1h").getArticleCount());
    assertEquals(1, live.get("acme@2026-02-09T10:00:00Z/24h").getArticleCount(), "the trailing day holds it once");
    DeadLetter letter = h.deadLetters.readValue();
    assertTrue(letter.getReason().startsWith("the withdrawal of article a1 for company acme has event time "
        + "2026-02-10T08:10:00Z, but stream time is already 2026-02-10T09:30:00Z"), letter.getReason());
    assertEquals(1, latest(h.summaries).get("acme").getArticleCount(), "totals follow the revision exactly");
  }

  @Test
  void aWindowListsMeanSentimentTopTopicsCoMentionsAndHeadlinesBySalience() {
    h.company("zeta", "Zeta");
    h.publish(article("a1", "2026-02-10T08:05:00Z").title("Acme and Other sign a chip deal").source("Wire")
        .url("https://wire.example.com/a1").sentiment(0.5).topic("chips", 0.9).topic("partnerships", 0.6)
        .mention("acme", 3, 0.9).mention("other", 1, 0.3).build());
    h.publish(article("a2", "2026-02-10T08:20:00Z").title("Acme chip delayed").source("Daily")
        .sentiment(-0.25).topic("chips", 0.8).mention("acme", 1, 0.6).mention("other", 1, 0.2).mention("zeta", 1, 0.1).build());
    h.publish(article("a3", "2026-02-10T08:40:00Z").title("Acme notes").source("Daily").mention("acme", 1, 0.2).build());

    CompanyActivity hour = latest(h.activity).get("acme@2026-02-10T08:00:00Z/1h");
    CompanyActivity expected = CompanyActivity.newBuilder()
        .setCompanyId("acme").setWindow("1h")
        .setWindowStart(Instant.parse("2026-02-10T08:00:00Z")).setWindowEnd(Instant.parse("2026-02-10T09:00:00Z"))
        .setClosed(false)
        .setArticleCount(3).setSourceCount(2).setStoryCount(3)
        .setSentiment(0.125).setSentimentArticles(2)
        .setTopTopics(List.of(new NameCount("chips", 2L), new NameCount("partnerships", 1L)))
        .setTopCoMentions(List.of(new NameCount("other", 2L), new NameCount("zeta", 1L)))
        .setTopHeadlines(List.of(
            headline("a1", "Acme and Other sign a chip deal", "https://wire.example.com/a1", "Wire", "2026-02-10T08:05:00Z", 0.9),
            headline("a2", "Acme chip delayed", null, "Daily", "2026-02-10T08:20:00Z", 0.6),
            headline("a3", "Acme notes", null, "Daily", "2026-02-10T08:40:00Z", 0.2)))
        .setUpdatedAt(Instant.parse("2026-02-10T08:40:00Z"))
        .build();
    assertEquals(expected, hour);
  }

  @Test
  void aBusyHourIsPublishedOncePerIntervalNotOncePerArticle() {
    for (int i = 0; i < 500; i++) {
      EnrichedArticle a = article("busy-" + i, "2026-02-10T08:" + String.format("%02d", i % 60) + ":00Z")
          .story("story-" + i).source("Outlet " + (i % 7)).mention("acme").build();
      h.enriched.pipeInput(a.getId(), a, a.getPublishedAt());
    }
    assertTrue(h.activity.isEmpty(), "nothing is published before the interval has passed");

    h.tick();
    List<KeyValue<String, CompanyActivity>> published = h.activity.readKeyValuesToList();
    assertEquals(2, published.size(), "the hour and the trailing day, once each");
    for (KeyValue<String, CompanyActivity> kv : published) {
      assertEquals(500, kv.value.getArticleCount(), kv.key);
      assertEquals(7, kv.value.getSourceCount(), kv.key);
      assertEquals(500, kv.value.getStoryCount(), kv.key);
    }
    h.tick();
    assertTrue(h.activity.isEmpty(), "no change, nothing published again");
  }

  @Test
  void anHourIsForgottenWhenTheLastWindowHoldingItClosesAndQueriesKeepWhatWasPublished() {
    h.publish(article("a1", "2026-02-10T08:10:00Z").mention("acme").build());
    KeyValueStore<String, Object> articles = h.driver.getKeyValueStore(ActivityWindows.ARTICLES);
    KeyValueStore<String, Object> queries = h.driver.getKeyValueStore(QueryableStores.ACTIVITY);
    assertEquals(1, count(articles));
    assertEquals(0, count(queries), "open windows are computed when queried, not kept");
    assertEquals(1, query("acme", "1h").size(), "the hour");
    assertEquals(1, query("acme", "24h").size(), "the trailing day");

    h.publish(article("b1", "2026-02-11T08:09:59Z").mention("other").build());
    assertEquals(Set.of("acme", "other"), companies(articles), "the day starting 08:00 holds acme's hour until 08:10 the next day");
    h.publish(article("b2", "2026-02-11T08:10:00Z").mention("other").build());
    assertEquals(Set.of("other"), companies(articles), "acme's hour is in no open window any more");
    assertEquals(25, latest(h.activityFinal).keySet().stream().filter(k -> k.startsWith("acme@")).count(),
        "each of acme's windows closed once");
    assertEquals(25, count(queries), "queries still answer for closed windows");
    assertEquals(1, query("acme", "1h").size());
    assertEquals(24, query("acme", "24h").size());
    assertTrue(query("acme", "24h").stream().allMatch(CompanyActivity::getClosed));

    h.publish(article("c1", "2026-02-13T09:00:00Z").mention("other").build());
    assertTrue(companies(queries).stream().noneMatch("acme"::equals),
        "windows that ended activity.retention (48 h) ago are no longer kept for queries");
  }

  @Test
  void aQueryAnswersForEveryWindowWhatTheStagePublishedLastOnTimeLateAndTooLate() {
    Random random = new Random(20261202);
    Map<String, CompanyActivity> published = new TreeMap<>();
    Instant start = Instant.parse("2026-02-10T00:00:00Z");
    int checks = 0;
    for (int i = 0; i < 400; i++) {
      // Six minutes apart over 40 hours; one in five up to 30 minutes late (beyond the 10-minute grace for some).
      long late = random.nextInt(5) == 0 ? random.nextInt(30 * 60) : 0;
      Instant at = start.plusSeconds(i * 360L - late);
      String company = random.nextBoolean() ? "acme" : "other";
      h.publish(article("a" + i, at.toString()).mention(company).source("Outlet " + random.nextInt(5))
          .story("s" + random.nextInt(60)).build());
      if (i % 23 == 22 || i == 399) {
        published.putAll(latest(h.activity));
        published.putAll(latest(h.activityFinal));
        for (String c : List.of("acme", "other")) {
          for (String size : List.of("1h", "24h")) {
            // As JSON, the REST API's form: Avro's equals cannot compare the instants inside the headline lists.
            List<ObjectNode> expected = published.values().stream()
                .filter(w -> w.getCompanyId().equals(c) && w.getWindow().equals(size))
                .sorted(Comparator.comparing(CompanyActivity::getWindowStart).reversed())
                .map(CanonicalJson::toTree)
                .toList();
            assertEquals(expected, query(c, size).stream().map(CanonicalJson::toTree).toList(),
                c + " " + size + " after article " + i);
            checks++;
          }
        }
      }
    }
    assertEquals(72, checks);
    assertTrue(published.values().stream().filter(CompanyActivity::getClosed).count() > 100, "windows closed on the way");
    assertTrue(h.metric("late-records-total") > 0, "some articles came too late for their hour");
  }

  @Test
  void anOpenWindowThatAnEarlierReleaseKeptInTheQueryStoreIsAnsweredOnceAsItStandsNow() {
    h.publish(article("a1", "2026-02-10T08:10:00Z").mention("acme").build());
    CompanyActivity live = latest(h.activity).get("acme@2026-02-10T08:00:00Z/1h");
    KeyValueStore<String, CompanyActivity> queries = h.driver.getKeyValueStore(QueryableStores.ACTIVITY);
    queries.put(ActivityStoreKeys.window("acme", "1h", live.getWindowStart().toEpochMilli()), live);

    h.publish(article("a2", "2026-02-10T08:20:00Z").mention("acme").build());
    List<CompanyActivity> hours = query("acme", "1h");
    assertEquals(1, hours.size(), "the hour once, not once computed and once as kept");
    assertEquals(2, hours.get(0).getArticleCount());
  }

  /** What the REST API answers for a company's windows of one size (every window, newest first). */
  private List<CompanyActivity> query(String company, String size) {
    return new ActivityQuery(Duration.ofMinutes(10), AggregationSettings.defaults().top())
        .newest(company, size, 10_000, new ActivityQuery.Stores() {
          @Override
          public <V> ReadOnlyKeyValueStore<String, V> open(String name) {
            return h.driver.getKeyValueStore(name);
          }
        });
  }

  private static int count(KeyValueStore<String, Object> store) {
    int n = 0;
    try (KeyValueIterator<String, Object> it = store.all()) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }

  private static Set<String> companies(KeyValueStore<String, Object> store) {
    Set<String> out = new TreeSet<>();
    try (KeyValueIterator<String, Object> it = store.all()) {
      while (it.hasNext()) {
        String key = it.next().key;
        out.add(key.substring(0, key.indexOf('\u0000')));
      }
    }
    return out;
  }

  private static Headline headline(String id, String title, String url, String source, String at, double salience) {
    return Headline.newBuilder().setArticleId(id).setTitle(title).setUrl(url).setSource(source)
        .setPublishedAt(Instant.parse(at)).setSalience(salience).build();
  }
}
