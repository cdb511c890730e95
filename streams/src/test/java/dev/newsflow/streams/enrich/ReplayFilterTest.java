package dev.newsflow.streams.enrich;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What {@link ReplayFilter} counts as a replay, from what its store holds for the article's id. */
class ReplayFilterTest {
  @Test
  void theSameContentFromAnotherRecordIsAReplayTheSameRecordReadAgainIsNot() {
    String stored = "0123abcd articles.raw/1@42";
    assertTrue(ReplayFilter.isReplay(stored, "0123abcd", "articles.raw/1@97"), "sent again: a replay");
    assertFalse(ReplayFilter.isReplay(stored, "0123abcd", "articles.raw/1@42"),
        "read again after a crash under at_least_once: processed again");
    assertFalse(ReplayFilter.isReplay(stored, "ffff0000", "articles.raw/1@97"), "changed: a revision");
    assertFalse(ReplayFilter.isReplay(null, "0123abcd", "articles.raw/1@42"), "first seen");
  }

  @Test
  void aHashStoredWithoutItsPositionByAnEarlierReleaseStillMakesAReplay() {
    assertTrue(ReplayFilter.isReplay("0123abcd", "0123abcd", "articles.raw/1@42"));
    assertFalse(ReplayFilter.isReplay("0123abcd", "ffff0000", "articles.raw/1@42"));
  }
}
