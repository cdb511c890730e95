package dev.newsflow.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.bench.SyntheticNews;
import dev.newsflow.bench.e2e.LatencyTracker.Hop;
import dev.newsflow.bench.e2e.LatencyTracker.Percentiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How outputs are matched to the articles that caused them, and what a missing output counts as. */
class LatencyTrackerTest {
  private static final long MS = 1_000_000L;
  private static final SyntheticNews.Feed FEED = SyntheticNews.feed(SyntheticNews.companies(100, 42),
      SyntheticNews.Mix.standard(), 42);

  private static long watchedIndex() {
    for (long i = 100; ; i++) {
      if (FEED.watched(i)) {
        return i;
      }
    }
  }

  @Test
  void latencyRunsFromTheDueTimeAndTheFirstOutputOfEachHopCounts() {
    long w = watchedIndex();
    LatencyTracker t = new LatencyTracker(FEED, w, 1);
    t.sent(w, 1_000 * MS);
    String id = SyntheticNews.Feed.id(w);
    t.enriched(id, true, false, id, 1_200 * MS);
    t.enriched(id, true, false, id, 9_000 * MS); // a repeat of the output does not count again
    t.summarised(List.of("bench-1", id), 1_700 * MS);
    t.alerted(List.of(id), 1_500 * MS);
    assertFalse(t.complete(), "the webhook has not arrived");
    t.delivered(List.of(id), 2_000 * MS);
    assertTrue(t.complete());
    Map<Hop, Percentiles> p = t.finish(60_000 * MS);
    assertEquals(200, p.get(Hop.ENRICHED).p50(), 0.5);
    assertEquals(200, p.get(Hop.ENRICHED).max(), 0.5);
    assertEquals(700, p.get(Hop.SUMMARY).p99(), 0.5);
    assertEquals(500, p.get(Hop.ALERT).p50(), 0.5);
    assertEquals(1_000, p.get(Hop.WEBHOOK).p999(), 1);
    p.values().forEach(x -> assertEquals(0, x.missing()));
  }

  @Test
  void anArticleNamingNoCompanyIsNotExpectedInASummaryNorAnUnwatchedOneInAnAlert() {
    long plain = watchedIndex() + 1;
    while (FEED.watched(plain)) {
      plain++;
    }
    LatencyTracker t = new LatencyTracker(FEED, plain, 1);
    t.sent(plain, 0);
    t.enriched(SyntheticNews.Feed.id(plain), false, false, SyntheticNews.Feed.id(plain), 100 * MS);
    assertTrue(t.complete());
    Map<Hop, Percentiles> p = t.finish(1_000 * MS);
    assertEquals(0, p.get(Hop.SUMMARY).expected());
    assertEquals(0, p.get(Hop.ALERT).expected());
  }

  @Test
  void aWatchedArticleInAnotherArticlesStoryIsCoveredByThatStorysAlert() {
    long w = watchedIndex();
    String id = SyntheticNews.Feed.id(w);
    LatencyTracker t = new LatencyTracker(FEED, w, 1);
    t.sent(w, 0);
    t.enriched(id, true, false, id, 100 * MS);
    assertFalse(t.complete(), "its own story so far: its alert is awaited");
    t.enriched(id, true, false, "bench-3", 300 * MS); // a correction: it joins an earlier article's story
    t.summarised(List.of(id), 400 * MS);
    assertTrue(t.complete(), "one alert per rule and story: the earlier article's");
    Map<Hop, Percentiles> p = t.finish(1_000 * MS);
    assertEquals(0, p.get(Hop.ALERT).expected());
    assertEquals(0, p.get(Hop.ALERT).missing());
    assertEquals(1, t.watchedInAnothersStory());
  }

  @Test
  void aMissingOutputCountsAsTheTimeWaitedSoFar() {
    long w = watchedIndex();
    LatencyTracker t = new LatencyTracker(FEED, w, 1);
    t.sent(w, 0);
    Map<Hop, Percentiles> p = t.finish(30_000 * MS);
    for (Hop hop : Hop.values()) {
      assertEquals(1, p.get(hop).missing(), hop.name());
      assertEquals(30_000, p.get(hop).p50(), 30, hop.name());
    }
  }

  @Test
  void outputsOfArticlesOutsideTheWindowAreIgnored() {
    LatencyTracker t = new LatencyTracker(FEED, 500, 10);
    t.sent(500, 0);
    t.enriched("bench-499", true, false, "bench-499", MS);
    t.enriched("bench-510", true, false, "bench-510", MS);
    t.enriched("nf-2026-0001", true, false, "nf-2026-0001", MS);
    t.enriched("bench-500", true, true, "bench-500", 5 * MS);
    Map<Hop, Percentiles> p = t.finish(10 * MS);
    assertEquals(1, p.get(Hop.ENRICHED).expected());
    assertEquals(5, p.get(Hop.ENRICHED).p50(), 0.1);
    assertEquals(1.0, t.duplicateShare());
    assertEquals(1.0, t.linkedShare());
  }
}
