package dev.newsflow.streams.aggregate.releases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.streams.event.ArticleFacts;
import dev.newsflow.streams.event.ReleaseFacts;
import dev.newsflow.streams.event.ReleaseSighting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReleaseReportsTest {
  static final String KEY = ReleaseReports.key("Seedance", "2.0");

  static ArticleFacts facts(String id, String at, String source, ReleaseSighting... sightings) {
    return new ArticleFacts(id, "bytedance", Instant.parse(at).toEpochMilli(), source,
        ArticleFacts.sourceKey(source, null), id, null, null, List.of(), List.of(), 1, 0.5, "t", "https://x/" + id, null,
        "", List.of(sightings), null, null);
  }

  static ReleaseSighting seedance(String evidence) {
    return new ReleaseSighting("Seedance", "2.0", evidence, 0.85);
  }

  @Test
  void twoDistinctOutletsConfirmAReleaseDatedAndQuotedByItsFirstReport() {
    ReleaseReports reports = new ReleaseReports();
    ReleaseBook book = new ReleaseBook();
    assertEquals(Set.of(KEY), reports.apply(null, facts("a2", "2026-02-10T09:00:00Z", "Wire", seedance("second")), book));
    reports.apply(null, facts("a3", "2026-02-10T09:30:00Z", " wire ", seedance("third")), book);
    assertNull(reports.confirmed("bytedance", KEY), "one outlet, twice");

    reports.apply(null, facts("a1", "2026-02-10T08:00:00Z", "Daily", seedance("first")), book);
    ReleaseFacts r = reports.confirmed("bytedance", KEY);
    assertEquals(new ReleaseFacts("coverage:bytedance:seedance:2.0", "bytedance", "Seedance", "2.0", null,
        Instant.parse("2026-02-10T08:00:00Z").toEpochMilli(), "https://x/a1", "first", "daily, wire", true), r);
  }

  @Test
  void aRevisionReplacesAnArticlesReportsAndAWithdrawalTakesThemBack() {
    ReleaseReports reports = new ReleaseReports();
    ReleaseBook book = new ReleaseBook();
    ArticleFacts a1 = facts("a1", "2026-02-10T08:00:00Z", "Daily", seedance("first"));
    ArticleFacts a2 = facts("a2", "2026-02-10T09:00:00Z", "Wire", seedance("second"));
    reports.apply(null, a1, book);
    reports.apply(null, a2, book);
    assertTrue(reports.confirmed("bytedance", KEY) != null);

    ArticleFacts a2revised = facts("a2", "2026-02-10T09:00:00Z", "Wire");
    assertEquals(Set.of(KEY), reports.apply(a2, a2revised, book));
    assertNull(reports.confirmed("bytedance", KEY));
    assertEquals(Set.of(), reports.apply(a2revised, a2revised, book), "nothing to change");
    reports.apply(a2revised, a2, book);
    reports.apply(a1, null, book);
    assertNull(reports.confirmed("bytedance", KEY), "a1 withdrawn: one outlet left");
  }

  @Test
  void reportsOfAVersionWhoseEventIsKnownAreNotKept() {
    ReleaseReports reports = new ReleaseReports();
    ReleaseBook book = new ReleaseBook();
    book.add(new ReleaseFacts("s2", "bytedance", "Seedance", "2.0", null, 0, null, null, "blog", false));
    assertEquals(Set.of(), reports.apply(null, facts("a1", "2026-02-10T08:00:00Z", "Daily", seedance("first")), book));
    assertEquals(new ReleaseReports(), reports);
  }

  @Test
  void aReleaseThePressCoversKeepsItsEarliestReportsAndIsConfirmedAsBefore() {
    // 3,000 reports from 80 outlets, a minute apart, of a release no event ends: the first is Outlet 79's at 08:00.
    List<ArticleFacts> coverage = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      coverage.add(facts(String.format("a%04d", i), Instant.parse("2026-02-10T08:00:00Z").plusSeconds(60L * i).toString(),
          "Outlet " + (79 - i % 80), seedance("report " + i + " of the new video model, with a sentence of evidence")));
    }
    ReleaseFacts expected = new ReleaseFacts("coverage:bytedance:seedance:2.0", "bytedance", "Seedance", "2.0", null,
        Instant.parse("2026-02-10T08:00:00Z").toEpochMilli(), "https://x/a0000",
        "report 0 of the new video model, with a sentence of evidence", "outlet 79, outlet 78", true);
    for (long seed = 0; seed <= 3; seed++) {
      List<ArticleFacts> order = new ArrayList<>(coverage);
      if (seed > 0) {
        Collections.shuffle(order, new Random(seed));
      }
      ReleaseReports reports = new ReleaseReports();
      ReleaseBook book = new ReleaseBook();
      order.forEach(a -> reports.apply(null, a, book));
      assertTrue(reports.size() <= ReleaseReports.KEPT_PER_OUTLET * ReleaseReports.OUTLETS_KEPT,
          "reports kept: " + reports.size());
      assertEquals(expected, reports.confirmed("bytedance", KEY), "order " + seed);
    }
  }
}
