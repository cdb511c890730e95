package dev.newsflow.bench.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Whether a stage kept up with its input over a window of lag samples. The lag of a stage that keeps up
 * goes up and down with its commits but does not grow; one that cannot keep up falls behind every second.
 * The judgement fits a least-squares line through the lag samples (records) and calls the lag flat when it
 * grows by less than {@value #ALLOWED_SHARE_PERCENT} % of the article rate (over 30 s: less than one
 * second of articles), or by fewer than {@value #FLOOR_RECORDS} records over the window. The tolerance is
 * in articles, not in the stage's own offsets per second: under {@code exactly_once_v2} the end offsets of
 * the topics the streams application writes also count transaction markers, and a tolerance that grew
 * with the commit rate let a falling-behind pipeline pass. Every article makes at least one record for
 * the streams application, so the test is the stricter for it.
 */
final class LagTrend {
  static final int ALLOWED_SHARE_PERCENT = 3;
  static final long FLOOR_RECORDS = 20;
  private static final int MIN_SAMPLES = 3;

  private LagTrend() {}

  /**
   * The judgement of one stage over a window: the fitted growth of its lag (records/s), the article rate
   * it was judged against, its lag at both ends, and how far behind in time it was at the end (ms).
   */
  record Verdict(String stage, boolean flat, double lagSlope, double articleRate, long lagAtStart, long lagAtEnd,
      long behindAtEndMs, int samples) {
    /**
     * For a screening step: a stage whose lag grew but that was at most {@code maxBehindMs} behind in time at
     * the step's end counts as keeping up. Over a step of a few seconds a stage that commits in batches (the
     * summary writers) shows a growth of a few dozen records that is only the size of its batch.
     */
    Verdict orCaughtUpWithin(long maxBehindMs) {
      boolean caughtUp = !flat && samples >= MIN_SAMPLES && behindAtEndMs >= 0 && behindAtEndMs <= maxBehindMs;
      return caughtUp ? new Verdict(stage + " caught up", true, lagSlope, articleRate, lagAtStart, lagAtEnd,
          behindAtEndMs, samples) : this;
    }

    @Override
    public String toString() {
      return String.format("%s %s (lag %d -> %d, %+.1f/s against %.1f articles/s; %d ms behind; %d samples)", stage,
          flat ? "flat" : "growing", lagAtStart, lagAtEnd, lagSlope, articleRate, behindAtEndMs, samples);
    }
  }

  /** The judgement of a stage over all the topics it reads, in {@code [fromNanos, toNanos]} of {@code samples}. */
  static Verdict judge(StageLag.Stage stage, List<StageLag.Sample> samples, long fromNanos, long toNanos,
      double articleRate) {
    return judge(stage.name(), stage.name(), samples, fromNanos, toNanos, articleRate, StageLag.Reading::end,
        r -> r.end() - r.lag());
  }

  /**
   * The judgement of a stage on its main topic alone. A stage reading several topics can shrink its
   * total lag by working off one topic's backlog while another, the one that matters, falls behind.
   */
  static Verdict judgeMain(StageLag.Stage stage, List<StageLag.Sample> samples, long fromNanos, long toNanos,
      double articleRate) {
    return judge(stage.name() + " (" + stage.mainTopic() + ")", stage.name(), samples, fromNanos, toNanos, articleRate,
        StageLag.Reading::mainEnd, StageLag.Reading::done);
  }

  /** Articles published per second over the window: the growth of the main topic's end, read at the first stage. */
  static double articleRate(StageLag.Stage stage, List<StageLag.Sample> samples, long fromNanos, long toNanos) {
    List<StageLag.Sample> window = samples.stream().filter(x -> x.nanos() >= fromNanos && x.nanos() <= toNanos).toList();
    if (window.size() < 2) {
      return 0;
    }
    StageLag.Sample first = window.get(0);
    StageLag.Sample last = window.get(window.size() - 1);
    return (last.of(stage.name()).mainEnd() - first.of(stage.name()).mainEnd()) / ((last.nanos() - first.nanos()) / 1e9);
  }

  private static Verdict judge(String label, String stage, List<StageLag.Sample> samples, long fromNanos, long toNanos,
      double articleRate, ToLongFunction<StageLag.Reading> endOf, ToLongFunction<StageLag.Reading> positionOf) {
    List<Integer> window = new ArrayList<>();
    for (int k = 0; k < samples.size(); k++) {
      if (samples.get(k).nanos() >= fromNanos && samples.get(k).nanos() <= toNanos) {
        window.add(k);
      }
    }
    int n = window.size();
    if (n < MIN_SAMPLES) {
      return new Verdict(label, false, Double.NaN, articleRate, -1, -1, -1, n);
    }
    double[] t = new double[n];
    double[] lag = new double[n];
    long t0 = samples.get(window.get(0)).nanos();
    for (int i = 0; i < n; i++) {
      StageLag.Reading r = samples.get(window.get(i)).of(stage);
      t[i] = (samples.get(window.get(i)).nanos() - t0) / 1e9;
      lag[i] = Math.max(0, endOf.applyAsLong(r) - positionOf.applyAsLong(r));
    }
    double span = t[n - 1];
    double slope = slope(t, lag);
    double allowed = Math.max(articleRate * ALLOWED_SHARE_PERCENT / 100.0, FLOOR_RECORDS / span);
    long behind = Math.round(behindMs(samples, window.get(n - 1), stage, endOf, positionOf));
    return new Verdict(label, slope <= allowed, slope, articleRate, (long) lag[0], (long) lag[n - 1], behind, n);
  }

  /**
   * How far behind in time the stage was at sample {@code k}: since the first sample whose end offset had
   * passed the stage's position then (0 when it had done everything written).
   */
  private static double behindMs(List<StageLag.Sample> samples, int k, String stage, ToLongFunction<StageLag.Reading> endOf,
      ToLongFunction<StageLag.Reading> positionOf) {
    StageLag.Reading now = samples.get(k).of(stage);
    long position = positionOf.applyAsLong(now);
    if (position >= endOf.applyAsLong(now)) {
      return 0;
    }
    int written = k;
    // Ends only grow: search back for the first sample whose end was already past the position.
    while (written > 0 && endOf.applyAsLong(samples.get(written - 1).of(stage)) > position) {
      written--;
    }
    return (samples.get(k).nanos() - samples.get(written).nanos()) / 1e6;
  }

  /** Records of its main topic the stage did per second over the window. */
  static double doneRate(String stage, List<StageLag.Sample> window) {
    if (window.size() < 2) {
      return 0;
    }
    StageLag.Sample first = window.get(0);
    StageLag.Sample last = window.get(window.size() - 1);
    return (last.of(stage).done() - first.of(stage).done()) / ((last.nanos() - first.nanos()) / 1e9);
  }

  /**
   * The most a single-topic stage was behind in time during {@code [fromNanos, toNanos]}, in milliseconds:
   * at each sample, how long ago the oldest record it had not yet done was written (the first sample whose
   * end of topic was past the stage's position). Offsets are summed over partitions and samples are
   * {@link StageLag#INTERVAL} apart, so this is good to about that interval.
   */
  static double maxTimeBehindMs(String stage, List<StageLag.Sample> samples, long fromNanos, long toNanos) {
    double worst = 0;
    for (int k = 0; k < samples.size(); k++) {
      long at = samples.get(k).nanos();
      if (at >= fromNanos && at <= toNanos) {
        worst = Math.max(worst, timeBehindMs(samples, k, stage));
      }
    }
    return worst;
  }

  /** How far a single-topic stage was behind in time at sample {@code k}, by its main topic, in milliseconds. */
  static double timeBehindMs(List<StageLag.Sample> samples, int k, String stage) {
    return behindMs(samples, k, stage, StageLag.Reading::mainEnd, StageLag.Reading::done);
  }

  /** The least-squares slope of {@code y} over {@code x}. */
  static double slope(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= x.length;
    my /= y.length;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxx == 0 ? 0 : sxy / sxx;
  }
}
