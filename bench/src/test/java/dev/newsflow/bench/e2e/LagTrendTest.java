package dev.newsflow.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a stage's lag counts as flat, and how far behind in time a sink was. */
class LagTrendTest {
  private static final StageLag.Stage STAGE = StageLag.Stage.committing("s", "g", Set.of("t"), "t");
  private static final long SECOND = 1_000_000_000L;

  /** 30 s of samples twice a second: input at {@code rate}/s, the stage doing {@code done}/s, with a commit saw-tooth. */
  private static List<StageLag.Sample> window(double rate, double done, long sawTooth) {
    List<StageLag.Sample> out = new ArrayList<>();
    for (int i = 0; i <= 60; i++) {
      double t = i / 2.0;
      long end = Math.round(1_000 + rate * t);
      long position = Math.round(1_000 + Math.min(rate, done) * t) - (i % 2 == 0 ? sawTooth : 0);
      out.add(new StageLag.Sample(i * SECOND / 2, Map.of("s", new StageLag.Reading(end - position, end, position, end))));
    }
    return out;
  }

  @Test
  void aStageThatKeepsUpIsFlatThoughItsLagSawsWithItsCommits() {
    LagTrend.Verdict v = judge(window(500, 500, 120));
    assertTrue(v.flat(), v.toString());
    assertEquals(500, v.articleRate(), 1);
    assertTrue(v.behindAtEndMs() <= 500, v.toString());
  }

  @Test
  void aStageFallingBehindByFivePercentIsNotFlat() {
    LagTrend.Verdict v = judge(window(500, 475, 0));
    assertFalse(v.flat(), v.toString());
    assertEquals(25, v.lagSlope(), 1);
  }

  @Test
  void aStageCatchingUpOnABacklogIsFlat() {
    List<StageLag.Sample> catchingUp = new ArrayList<>();
    for (int i = 0; i <= 60; i++) {
      long end = 10_000 + 100L * i;
      long lag = Math.max(0, 5_000 - 200L * i);
      catchingUp.add(new StageLag.Sample(i * SECOND / 2, Map.of("s", new StageLag.Reading(lag, end, end - lag, end))));
    }
    assertTrue(judge(catchingUp).flat());
  }

  @Test
  void aBacklogWorkedOffElsewhereDoesNotHideAMainTopicFallingBehind() {
    // Articles arrive at 10/s and none is done; meanwhile 200 records/s of an internal backlog are worked off.
    List<StageLag.Sample> samples = new ArrayList<>();
    for (int i = 0; i <= 60; i++) {
      long articles = 5L * i;
      long total = 20_000 + 30L * i;
      long totalLag = Math.max(0, 10_000 - 100L * i) + articles;
      samples.add(new StageLag.Sample(i * SECOND / 2, Map.of("s", new StageLag.Reading(totalLag, total, 0, articles))));
    }
    assertTrue(judge(samples).flat(), "in all, the lag falls");
    LagTrend.Verdict main = LagTrend.judgeMain(STAGE, samples, 0, Long.MAX_VALUE, 10);
    assertFalse(main.flat(), main.toString());
    assertEquals("s (t)", main.stage());
  }

  @Test
  void tooFewSamplesAreNoEvidenceOfKeepingUp() {
    assertFalse(judge(window(500, 500, 0).subList(0, 2)).flat());
  }

  @Test
  void aQuietStageMayWobbleByAFewRecords() {
    List<StageLag.Sample> quiet = new ArrayList<>();
    for (int i = 0; i <= 60; i++) {
      long lag = i < 30 ? 0 : 3;
      quiet.add(new StageLag.Sample(i * SECOND / 2, Map.of("s", new StageLag.Reading(lag, 10, 10 - lag, 10))));
    }
    assertTrue(judge(quiet).flat());
  }

  @Test
  void inAScreeningStepABatchOfFreshRecordsIsNotFallingBehindButAStallIs() {
    // 5 s at 50 records/s; the sink's last batch is not committed yet, so its lag ends the step at 24 records,
    // all written within the last half second.
    long[] lags = {0, 0, 0, 0, 0, 0, 0, 0, 10, 20, 24};
    List<StageLag.Sample> batched = new ArrayList<>();
    for (int i = 0; i <= 10; i++) {
      long end = 25L * i;
      long done = end - lags[i];
      batched.add(new StageLag.Sample(i * SECOND / 2, Map.of("s", new StageLag.Reading(end - done, end, done, end))));
    }
    LagTrend.Verdict raw = judge(batched);
    assertFalse(raw.flat(), "the slope alone calls it growing: " + raw);
    assertTrue(raw.orCaughtUpWithin(1_000).flat(), "it had done everything at the step's end");

    // A stage that stopped 2.5 s before the end is behind by more than a second: still not kept up with.
    List<StageLag.Sample> stalled = new ArrayList<>();
    for (int i = 0; i <= 10; i++) {
      long end = 25L * i;
      long done = Math.min(end, 100);
      stalled.add(new StageLag.Sample(i * SECOND / 2, Map.of("s", new StageLag.Reading(end - done, end, done, end))));
    }
    assertFalse(judge(stalled).orCaughtUpWithin(1_000).flat(), judge(stalled).toString());
  }

  @Test
  void theTimeBehindIsHowLongAgoTheOldestUndoneRecordWasWritten() {
    // One record written every half second; the stage stops at offset 4 (written at t = 2 s) until t = 5 s.
    List<StageLag.Sample> samples = new ArrayList<>();
    for (int i = 0; i <= 10; i++) {
      long end = i;
      long done = i <= 4 ? i : (i <= 10 ? 4 : i);
      samples.add(new StageLag.Sample(i * SECOND / 2, Map.of("s", new StageLag.Reading(end - done, end, done, end))));
    }
    // At t = 5 s (sample 10) offset 4 has waited since sample 5 (t = 2.5 s), the first whose end passed it.
    assertEquals(2_500, LagTrend.maxTimeBehindMs("s", samples, 0, 10 * SECOND), 1);
    assertEquals(0, LagTrend.maxTimeBehindMs("s", samples, 0, 2 * SECOND), 1, "nothing was behind before t = 2.5 s");
  }

  @Test
  void transactionMarkersInTheOffsetsDoNotLoosenTheJudgement() {
    // 10 articles/s arrive; the stage's offsets grow by 510/s (markers included) and it falls 1 record/s behind.
    List<StageLag.Sample> samples = new ArrayList<>();
    for (int i = 0; i <= 60; i++) {
      double t = i / 2.0;
      long end = Math.round(510 * t);
      long position = Math.round(509 * t);
      long articles = Math.round(10 * t);
      samples.add(new StageLag.Sample(i * SECOND / 2, Map.of("s", new StageLag.Reading(end - position, end, position, articles))));
    }
    assertEquals(10, LagTrend.articleRate(STAGE, samples, 0, Long.MAX_VALUE), 0.1);
    assertFalse(judge(samples).flat(), judge(samples).toString());
  }

  private static LagTrend.Verdict judge(List<StageLag.Sample> samples) {
    return LagTrend.judge(STAGE, samples, 0, Long.MAX_VALUE, LagTrend.articleRate(STAGE, samples, 0, Long.MAX_VALUE));
  }

  @Test
  void theSlopeIsALeastSquaresFit() {
    assertEquals(2.0, LagTrend.slope(new double[] {0, 1, 2, 3}, new double[] {1, 3, 5, 7}), 1e-9);
    assertEquals(0.0, LagTrend.slope(new double[] {1, 1}, new double[] {1, 5}), 1e-9);
  }
}
