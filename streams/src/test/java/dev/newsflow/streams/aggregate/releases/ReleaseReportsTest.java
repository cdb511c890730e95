package dev.newsflow.streams.aggregate.releases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.streams.event.ArticleFacts;
import dev.newsflow.streams.event.ReleaseFacts;
import dev.newsflow.streams.event.ReleaseSighting;
import java.time.Instant;
import java.util.List;
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
}
