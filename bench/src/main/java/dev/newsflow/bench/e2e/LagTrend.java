package dev.newsflow.bench.e2e;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Whether a stage kept up with its input over a window of lag samples. The lag of a stage that keeps up
 * goes up and down with its commits but does not grow; one that cannot keep up falls behind by the
 * difference of the two rates, every second. The judgement fits a least-squares line through the lag
 * samples and calls the lag flat when its slope stays under {@value #ALLOWED_SHARE_PERCENT} % of the
 * stage's input rate (over 30 s: less than one second of input more behind at the end than at the
 * start), or under {@value #FLOOR_RECORDS} records over the window for stages with little input.
 */
final class LagTrend {
  static final int ALLOWED_SHARE_PERCENT = 3;
  static final long FLOOR_RECORDS = 20;
  private static final int MIN_SAMPLES = 3;

  private LagTrend() {}

  /**
   * The judgement of one stage over a window: the fitted growth of its lag (records/s), its input rate
   * (records/s written to the topics it reads) and its lag at both ends.
   */
  record Verdict(String stage, boolean flat, double lagSlope, double inputRate, long lagAtStart, long lagAtEnd,
      int samples) {
    @Override
    public String toString() {
      return String.format("%s %s (lag %d -> %d, %+.1f/s against %.1f/s in, %d samples)", stage,
          flat ? "flat" : "growing", lagAtStart, lagAtEnd, lagSlope, inputRate, samples);
    }
  }

  /** The judgement of a stage's lag over all the topics it reads. */
  static Verdict judge(StageLag.Stage stage, List<StageLag.Sample> window) {
    return judge(stage.name(), window, StageLag.Reading::lag, StageLag.Reading::end);
  }

  /**
   * The judgement of a stage's lag on its main topic alone. A stage reading several topics can shrink its
   * total lag by working off one topic's backlog while another, the one that matters, falls behind.
   */
  static Verdict judgeMain(StageLag.Stage stage, List<StageLag.Sample> window) {
    return judge(stage.name() + " (" + stage.mainTopic() + ")", window, StageLag.Reading::mainLag,
        StageLag.Reading::mainEnd);
  }

  private static Verdict judge(String name, List<StageLag.Sample> window, ToLongFunction<StageLag.Reading> lagOf,
      ToLongFunction<StageLag.Reading> endOf) {
    String stage = name.contains(" (") ? name.substring(0, name.indexOf(" (")) : name;
    int n = window.size();
    if (n < MIN_SAMPLES) {
      return new Verdict(name, false, Double.NaN, Double.NaN, -1, -1, n);
    }
    double[] t = new double[n];
    double[] lag = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = (window.get(i).nanos() - window.get(0).nanos()) / 1e9;
      lag[i] = lagOf.applyAsLong(window.get(i).of(stage));
    }
    double span = t[n - 1];
    double slope = slope(t, lag);
    double input = (endOf.applyAsLong(window.get(n - 1).of(stage)) - endOf.applyAsLong(window.get(0).of(stage))) / span;
    double allowed = Math.max(input * ALLOWED_SHARE_PERCENT / 100.0, FLOOR_RECORDS / span);
    return new Verdict(name, slope <= allowed, slope, input, (long) lag[0], (long) lag[n - 1], n);
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
    int written = 0;
    for (int k = 0; k < samples.size(); k++) {
      StageLag.Reading now = samples.get(k).of(stage);
      // Samples are in time order, ends only grow and positions only advance: the pointer only moves forward.
      while (written < k && samples.get(written).of(stage).end() <= now.done()) {
        written++;
      }
      long at = samples.get(k).nanos();
      if (at < fromNanos || at > toNanos || now.done() >= now.end()) {
        continue;
      }
      worst = Math.max(worst, (at - samples.get(written).nanos()) / 1e6);
    }
    return worst;
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
