package dev.newsflow.streams.aggregate.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EwmaTrendTest {
  @Test
  void theHalfLifeSetsTheWeight() {
    EwmaTrend t = EwmaTrend.withHalfLife(Duration.ofHours(1), 0, 1);
    assertEquals(0.5, t.alpha(), 1e-12);
    assertEquals(1 - Math.pow(0.5, 1 / 24.0), EwmaTrend.withHalfLife(Duration.ofHours(24), 0, 1).alpha(), 1e-12);
  }

  @Test
  void foldsCountsIntoAnExponentiallyWeightedMeanAndVariance() {
    EwmaTrend t = new EwmaTrend(0.5, 0, 0.1);
    TrendState s = TrendState.EMPTY;
    s = t.fold(s, 2); // diff 2, incr 1: mean 1, var 0.5 * (0 + 2 * 1) = 1
    assertEquals(new TrendState(1, 1, 1), s);
    s = t.fold(s, 0); // diff -1, incr -0.5: mean 0.5, var 0.5 * (1 + 0.5) = 0.75
    assertEquals(new TrendState(0.5, 0.75, 2), s);
    assertEquals(Math.round((4 - 0.5) / Math.sqrt(0.75) * 100) / 100.0, t.score(s, 4));
  }

  @Test
  void noScoreBeforeTheMinimumHistoryAndTheStddevIsFloored() {
    EwmaTrend t = new EwmaTrend(0.1, 3, 1.0);
    TrendState s = t.foldQuiet(TrendState.EMPTY, 2);
    assertNull(t.score(s, 5));
    s = t.foldQuiet(s, 1);
    assertEquals(5.0, t.score(s, 5), "a never-mentioned company: (5 - 0) / max(0, 1)");
    assertEquals(0.0, t.score(s, 0));
  }

  @Test
  void longQuietSpellsSettleAtZero() {
    EwmaTrend t = new EwmaTrend(0.1, 0, 1.0);
    TrendState s = t.fold(TrendState.EMPTY, 10);
    s = t.foldQuiet(s, 100_000);
    assertEquals(new TrendState(0, 0, 100_001), s);
  }
}
