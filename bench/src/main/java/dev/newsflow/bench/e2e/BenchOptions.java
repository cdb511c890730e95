package dev.newsflow.bench.e2e;

import dev.newsflow.bench.jvm.ClassArchives;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How {@code newsflow bench} runs.
 *
 * @param timing         step lengths and sizes ({@link Timing#full()} or {@link Timing#quick()})
 * @param workDir        the local broker's data, the stages' state, output and logs (replaced at each run)
 * @param keepWorkDir    leave {@code workDir} in place afterwards (logs, summaries), instead of deleting it
 * @param stageMainClass the class whose {@code streams}, {@code summaries} and {@code alerts} commands run
 *                       the stages in child JVMs ({@code dev.newsflow.app.Main})
 * @param stageArgs      settings handed to every stage ({@code --config FILE}, {@code -D key=value})
 * @param childJvmOptions JVM options of the stages (default: this JVM's own heap, GC and properties)
 * @param companies      size of the generated gazetteer
 * @param seed           seed of the gazetteer and the articles
 * @param latencyRate    articles/s of the latency phase, when the pipeline sustains it
 * @param profileDir     when set, a JFR recording and Kafka Streams task metrics of the exactly-once
 *                       streams JVM are written here and summarised
 * @param streamsInstances streams JVMs of the pipeline, one application id, each with its own state
 *                       directory and log; more than one only in the hot-bucket measurement
 *                       ({@link EndToEndBench#hotBucket}), whose rate is read from the topics alone
 * @param classArchives  the stage JVMs' class-data-sharing archives ({@link ClassArchives#none()}: none)
 */
public record BenchOptions(Timing timing, Path workDir, boolean keepWorkDir, String stageMainClass,
    List<String> stageArgs, List<String> childJvmOptions, int companies, long seed, double latencyRate,
    Path profileDir, int streamsInstances, ClassArchives classArchives) {

  /** Without class archives: every stage JVM loads its classes from the jars. */
  public BenchOptions(Timing timing, Path workDir, boolean keepWorkDir, String stageMainClass, List<String> stageArgs,
      List<String> childJvmOptions, int companies, long seed, double latencyRate, Path profileDir,
      int streamsInstances) {
    this(timing, workDir, keepWorkDir, stageMainClass, stageArgs, childJvmOptions, companies, seed, latencyRate,
        profileDir, streamsInstances, ClassArchives.none());
  }

  /** One streams JVM, as the throughput and latency phases need. */
  public BenchOptions(Timing timing, Path workDir, boolean keepWorkDir, String stageMainClass, List<String> stageArgs,
      List<String> childJvmOptions, int companies, long seed, double latencyRate, Path profileDir) {
    this(timing, workDir, keepWorkDir, stageMainClass, stageArgs, childJvmOptions, companies, seed, latencyRate,
        profileDir, 1);
  }

  public BenchOptions {
    stageArgs = List.copyOf(stageArgs);
    childJvmOptions = List.copyOf(childJvmOptions);
    classArchives = java.util.Objects.requireNonNullElse(classArchives, ClassArchives.none());
    if (companies < 1) {
      throw new IllegalArgumentException("--companies must be at least 1, got " + companies);
    }
    if (!(latencyRate > 0)) {
      throw new IllegalArgumentException("--latency-rate must be positive, got " + latencyRate);
    }
    if (streamsInstances < 1) {
      throw new IllegalArgumentException("--streams-instances must be at least 1, got " + streamsInstances);
    }
  }

  /**
   * Refuses more than one streams JVM outside the hot-bucket measurement: the throughput search judges
   * the at-least-once run by what one JVM's threads processed (read over JMX), and the memory figures are
   * one JVM's.
   */
  public void requireSingleStreamsInstance() {
    if (streamsInstances != 1) {
      throw new IllegalArgumentException("--streams-instances " + streamsInstances + " needs --hot-bucket: the"
          + " throughput search reads one streams JVM's progress and memory (JMX), so it runs one instance");
    }
  }

  /**
   * Lengths and sizes of every phase.
   *
   * @param ceilingRecords    records of B0 and B1
   * @param warmupArticles    articles sent (at {@code warmupRate}) before anything is measured
   * @param minRate           first rate of the throughput search (articles/s)
   * @param maxRate           highest rate the search tries
   * @param screenStep        length of a screening step
   * @param trialWarm         time at a new rate before its window is judged
   * @param window            the window over which every stage's lag must stay flat
   * @param maxConfirmations  confirmation windows at most
   * @param drainTimeout      the longest wait for the pipeline to catch up between steps
   * @param latencyWarm       time at the latency rate before articles are measured
   * @param latencyWindow     articles sent during this time are measured (exactly-once)
   * @param latencyWindowAlo  the same, at least once
   * @param latencyRechecks   how many times a rate found by the search whose latency window was not kept up with
   *                          is failed and the latency phase run again below it
   * @param outputTimeout     how long after the last measured article its outputs are waited for
   * @param pipelinesStartTogether the at-least-once pipeline's stages start (and warm up) with the
   *                          exactly-once pipeline's and wait, idle, while that one is measured, instead of
   *                          starting once it has stopped: two start-ups in the time of one, at the price of
   *                          three idle JVMs on the machine during the exactly-once measurement
   */
  public record Timing(String name, int ceilingRecords, int warmupArticles, double warmupRate, double minRate,
      double maxRate, Duration screenStep, Duration trialWarm, Duration window, int maxConfirmations,
      Duration drainTimeout, Duration latencyWarm, Duration latencyWindow, Duration latencyWindowAlo,
      int latencyRechecks, Duration outputTimeout, boolean pipelinesStartTogether) {

    /**
     * The measurement: 30 s windows, each pipeline started alone and warmed up with 1,000 articles (10 s at 100
     * a second, so that the stage JVMs' optimising compilers reach the code an article runs) before the wait for
     * its stages to be quiet; about 9 to 10 minutes in all, and one more for each rate failed by its latency
     * window (at most one a pipeline: with two, a run took 614 s).
     */
    public static Timing full() {
      return new Timing("full", 300_000, 1_000, 100, 50, 20_000, Duration.ofSeconds(5), Duration.ofSeconds(5),
          Duration.ofSeconds(30), 3, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(45),
          Duration.ofSeconds(30), 1, Duration.ofSeconds(30), false);
    }

    /**
     * The regression check: the same phases in short windows, both pipelines started together; under 90 s on
     * a quiet 2-core machine once the stage JVMs have class archives. Its figures are rough: screening starts
     * at 100 articles/s (the full run's at 50), both latency windows are 3 s, and a latency window that is not
     * kept up with is reported, not run again lower.
     */
    public static Timing quick() {
      return new Timing("quick", 10_000, 60, 100, 100, 20_000, Duration.ofSeconds(2), Duration.ofSeconds(1),
          Duration.ofSeconds(4), 1, Duration.ofSeconds(8), Duration.ofSeconds(1), Duration.ofSeconds(3),
          Duration.ofSeconds(3), 0, Duration.ofSeconds(8), true);
    }
  }
}
