package dev.newsflow.bench.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the sustainable throughput: the highest input rate at which every stage's lag stays flat for a
 * whole window. Two steps, so that a pipeline of 100 articles/s and one of 10,000 are both found within
 * minutes:
 * <ol>
 *   <li>screening: short steps from {@link Plan#minRate()}, doubling, until a step is not kept up with
 *       twice in a row (or {@link Plan#maxRate()} is); the articles the streams application consumed per
 *       second in the second of those steps estimate its capacity;</li>
 *   <li>confirmation: full windows from 90 % of the estimate (never above the failed step), then a
 *       bisection (geometric while the bounds are far apart) between the highest rate kept up with and
 *       the lowest not, halving while nothing was kept up with, until the bounds are within 10 % or
 *       {@link Plan#maxConfirmations()} windows have run.</li>
 * </ol>
 * The answer is the highest confirmed rate. When no confirmation window was kept up with, the answer is
 * the throughput the pipeline achieved at the lowest rate tried, and {@link Result#sustained()} is false.
 */
final class ThroughputSearch {
  private ThroughputSearch() {}

  /** The ladder's bounds and step lengths. */
  record Plan(double minRate, double maxRate, Duration screenStep, Duration window, int maxConfirmations) {}

  /** One step: its rate, whether every stage kept up, the articles/s the pipeline consumed, and why. */
  record Trial(double rate, boolean screening, boolean sustained, double processedRate, String why) {}

  /** Runs one step at a rate for a duration. */
  interface Runner {
    Trial run(double rate, Duration duration, boolean screening) throws InterruptedException;
  }

  /** The sustainable rate (or, when {@code sustained} is false, the rate achieved at the lowest rate tried). */
  record Result(double rate, boolean sustained, List<Trial> trials) {}

  static Result search(Plan plan, Runner runner) throws InterruptedException {
    List<Trial> trials = new ArrayList<>();
    Trial failed = null;
    double rate = plan.minRate();
    while (true) {
      Trial t = runner.run(rate, plan.screenStep(), true);
      trials.add(t);
      if (!t.sustained() && rate > plan.minRate()) {
        // The first seconds at a higher rate fill the pipeline's queues (each hop waits for a commit), and a
        // 5 s step can fail on that alone: one more step at the same rate, its queues already full, tells a
        // pipeline that is filling from one that is falling behind.
        t = runner.run(rate, plan.screenStep(), true);
        trials.add(t);
      }
      if (!t.sustained()) {
        failed = t;
        break;
      }
      if (rate >= plan.maxRate()) {
        break;
      }
      rate = Math.min(rate * 2, plan.maxRate());
    }

    // Confirmation: a bisection between the highest rate kept up with and the lowest not.
    double low = 0;
    double high = failed == null ? Double.POSITIVE_INFINITY : failed.rate();
    rate = failed == null ? plan.maxRate() : round(Math.max(1, Math.min(0.9 * failed.processedRate(), 0.95 * failed.rate())));
    Trial lowest = null;
    for (int i = 0; i < plan.maxConfirmations(); i++) {
      Trial t = runner.run(rate, plan.window(), false);
      trials.add(t);
      if (t.sustained()) {
        low = Math.max(low, rate);
      } else {
        high = Math.min(high, rate);
        if (lowest == null || rate < lowest.rate()) {
          lowest = t;
        }
      }
      double next;
      if (Double.isInfinite(high)) {
        next = Math.min(rate * 2, plan.maxRate());
      } else if (low == 0) {
        next = Math.max(1, rate / 2);
      } else {
        next = high / low > 1.5 ? Math.sqrt(low * high) : (low + high) / 2;
      }
      next = round(next);
      if (next <= low || next >= high || (low > 0 && high / low <= 1.1)) {
        break; // no rate left worth a window
      }
      rate = next;
    }
    if (low > 0) {
      return new Result(low, true, trials);
    }
    return new Result(lowest == null ? 0 : lowest.processedRate(), false, trials);
  }

  /**
   * The answer once a longer window at its rate (the latency phase, 45 s where a confirmation window is 30) was
   * not kept up with: that window joins the trials as a failed confirmation, and the answer becomes
   * {@link #below} that rate, which its own longer window must then hold. A 30 s window can pass a rate
   * whose queue grows in the next minute (BENCHMARKS.md, fourteenth step); P is the rate that held both.
   */
  static Result failedLonger(Result found, Trial longer) {
    List<Trial> trials = new ArrayList<>(found.trials());
    trials.add(longer);
    return new Result(below(longer.rate()), found.sustained(), trials);
  }

  /** The rate tried after a rate failed its longer window: 85 % of it (two significant digits). */
  static double below(double rate) {
    return round(0.85 * rate);
  }

  /** Two significant digits, so that reported rates read as chosen, not as noise. */
  static double round(double rate) {
    if (rate <= 0) {
      return 0;
    }
    double scale = Math.pow(10, Math.floor(Math.log10(rate)) - 1);
    return Math.round(rate / scale) * scale;
  }
}
