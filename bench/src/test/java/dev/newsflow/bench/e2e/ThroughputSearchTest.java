package dev.newsflow.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search against simulated pipelines of known capacity: what it answers, and how many steps it takes. */
class ThroughputSearchTest {
  private static final ThroughputSearch.Plan PLAN = new ThroughputSearch.Plan(50, 20_000, Duration.ofSeconds(5),
      Duration.ofSeconds(30), 3);

  /** A pipeline that keeps up with any rate up to {@code capacity} and processes {@code capacity}/s beyond it. */
  private static ThroughputSearch.Runner pipeline(double capacity) {
    return (rate, duration, screening) -> new ThroughputSearch.Trial(rate, screening, rate <= capacity,
        Math.min(rate, capacity), "simulated");
  }

  @Test
  void aSlowPipelineIsFoundWithinTenPercentAndNeverAbove() throws Exception {
    for (double capacity : new double[] {150, 215, 1_000, 4_500, 12_000}) {
      ThroughputSearch.Result r = ThroughputSearch.search(PLAN, pipeline(capacity));
      assertTrue(r.sustained(), "capacity " + capacity);
      assertTrue(r.rate() <= capacity && r.rate() >= 0.8 * capacity, "capacity " + capacity + " found " + r.rate());
      long confirmations = r.trials().stream().filter(t -> !t.screening()).count();
      assertTrue(confirmations <= 3, "confirmation windows " + confirmations);
    }
  }

  @Test
  void aFarTooLowEstimateIsClimbedOutOfByBisection() throws Exception {
    // The screening step says 2 articles/s were done (a stage slow to show its output), the pipeline does 40.
    ThroughputSearch.Runner slowToShow = (rate, duration, screening) -> new ThroughputSearch.Trial(rate, screening,
        rate <= 40, screening ? 2 : Math.min(rate, 40), "simulated");
    ThroughputSearch.Result r = ThroughputSearch.search(PLAN, slowToShow);
    assertTrue(r.sustained());
    assertTrue(r.rate() >= 10 && r.rate() <= 40, "found " + r.rate());
  }

  @Test
  void aPipelineFasterThanTheHighestRateIsReportedAtThatRate() throws Exception {
    ThroughputSearch.Result r = ThroughputSearch.search(PLAN, pipeline(1e9));
    assertTrue(r.sustained());
    assertEquals(20_000, r.rate());
  }

  @Test
  void aPipelineThatCannotKeepUpWithTheLowestRateTriedReportsWhatItAchieved() throws Exception {
    // Never keeps up, whatever the rate; consumes 12 articles/s.
    ThroughputSearch.Runner stuck = (rate, duration, screening) -> new ThroughputSearch.Trial(rate, screening, false, 12, "simulated");
    ThroughputSearch.Result r = ThroughputSearch.search(PLAN, stuck);
    assertFalse(r.sustained());
    assertEquals(12, r.rate());
    List<ThroughputSearch.Trial> confirmations = r.trials().stream().filter(t -> !t.screening()).toList();
    assertEquals(3, confirmations.size(), "every confirmation window is used before giving up");
    assertTrue(confirmations.get(2).rate() < confirmations.get(0).rate(), "each try is lower than the one before");
  }

  @Test
  void ratesAreRoundedToTwoSignificantDigits() {
    assertEquals(94, ThroughputSearch.round(94.4));
    assertEquals(4_500, ThroughputSearch.round(4_487));
    assertEquals(0, ThroughputSearch.round(0));
  }

  @Test
  void aRateWhoseLongerWindowIsNotKeptUpWithGivesWayToOneBelowIt() throws Exception {
    ThroughputSearch.Result found = ThroughputSearch.search(PLAN, pipeline(150));
    ThroughputSearch.Trial longer = new ThroughputSearch.Trial(found.rate(), false, false, 120, "latency window");
    ThroughputSearch.Result after = ThroughputSearch.failedLonger(found, longer);
    assertTrue(after.rate() < found.rate(), found.rate() + " then " + after.rate());
    assertEquals(ThroughputSearch.round(0.85 * found.rate()), after.rate());
    assertTrue(after.sustained());
    assertEquals(found.trials().size() + 1, after.trials().size());
    assertEquals(longer, after.trials().get(after.trials().size() - 1), "the failed window is among the trials");
  }

  @Test
  void aScreeningStepThatFailsOnlyWhileThePipelineFillsIsTakenAgain() throws Exception {
    // Capacity 150, but the first step at each new rate falls behind while the pipeline's queues fill.
    double[] lastRate = {0};
    ThroughputSearch.Runner filling = (rate, duration, screening) -> {
      boolean first = screening && rate != lastRate[0];
      lastRate[0] = rate;
      boolean kept = rate <= 150 && !(first && rate > 50);
      return new ThroughputSearch.Trial(rate, screening, kept, first ? Math.min(rate, 60) : Math.min(rate, 150), "simulated");
    };
    ThroughputSearch.Result r = ThroughputSearch.search(PLAN, filling);
    assertTrue(r.sustained());
    assertTrue(r.rate() > 100 && r.rate() <= 150, "found " + r.rate());
    long retried = r.trials().stream().filter(t -> t.screening() && t.rate() == 100).count();
    assertEquals(2, retried, "the failed step at 100/s is taken once more");
  }
}
