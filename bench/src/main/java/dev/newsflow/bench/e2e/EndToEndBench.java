package dev.newsflow.bench.e2e;

import dev.newsflow.bench.SyntheticNews;
import dev.newsflow.bench.cost.TopologyCost;
import dev.newsflow.bench.profile.JfrSummary;
import dev.newsflow.bench.profile.StreamsMetricsReport;
import dev.newsflow.broker.LocalKafkaBroker;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.schema.Company;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;

/**
 * {@code newsflow bench}: in one run, on one broker and with the same seeded articles, the Kafka
 * ceilings B0 and B1 ({@link KafkaCeilings}) and the whole pipeline under {@code exactly_once_v2} (P)
 * and {@code at_least_once} (P_alo) ({@link PipelineRun}). Prints the table, then the JSON object as
 * the last line of {@code out}; progress goes to {@code progress}.
 */
public final class EndToEndBench {
  /** Kafka client settings that say how to reach the cluster; every other {@code kafka.*} setting is the stages' own. */
  private static final List<String> CONNECTION_PREFIXES = List.of("kafka.security.", "kafka.sasl.", "kafka.ssl.");
  /** Six idle stage JVMs use about a quarter of a core (their polls, heartbeats and punctuations). */
  private static final double QUIET_CORES = 0.5;
  private static final Duration QUIET_INTERVAL = Duration.ofMillis(500);
  private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(20);

  private final BenchOptions options;
  private final NewsflowConfig settings;
  private final boolean clusterGiven;
  private final PrintStream progress;

  /**
   * {@code settings}: the user's settings (the cluster, topic partitions and replication, connection
   * settings); {@code clusterGiven}: use {@code bootstrap.servers} instead of starting a local broker.
   */
  public EndToEndBench(BenchOptions options, NewsflowConfig settings, boolean clusterGiven, PrintStream progress) {
    this.options = options;
    this.settings = settings;
    this.clusterGiven = clusterGiven;
    this.progress = progress instanceof TimedProgress ? progress : new TimedProgress(progress);
  }

  /** Runs every phase and returns the report; the stages' logs stay in the work directory if it is kept. */
  public BenchReport run() throws InterruptedException {
    options.requireSingleStreamsInstance();
    return onCluster((cluster, runId, companies, feed, machine, started) -> {
      KafkaCeilings ceilings = new KafkaCeilings(cluster, "bench-" + runId + "-", options.workDir().resolve("b1-state"));
      int records = options.timing().ceilingRecords();
      double b0 = ceilings.passThrough(feed, records);
      say(String.format("B0 broker pass-through: %,.0f records/s (%,d records)", b0, records));
      double b1 = ceilings.streamsIdentity(records);
      say(String.format("B1 Streams identity (exactly_once_v2): %,.0f records/s", b1));

      PipelineRun.Figures eos;
      PipelineRun.Figures alo;
      // A receiver each: with both pipelines running at once, a webhook is counted by the run it belongs to.
      try (WebhookReceiver eosHooks = new WebhookReceiver();
          WebhookReceiver aloHooks = new WebhookReceiver();
          PipelineRun exactlyOnce = new PipelineRun(options, cluster, runId, "exactly_once_v2", companies, feed, eosHooks,
              progress);
          PipelineRun atLeastOnce = new PipelineRun(options, cluster, runId, "at_least_once", companies, feed, aloHooks,
              progress)) {
        boolean together = options.timing().pipelinesStartTogether();
        eos = together ? measureWhileTheOtherWaits(exactlyOnce, atLeastOnce) : alone(exactlyOnce);
        if (exactlyOnce.profiled()) {
          writeProfile(exactlyOnce.recording(), eos.streamsMetrics());
        }
        alo = together ? atLeastOnce.measure() : alone(atLeastOnce);
      }
      return new BenchReport(machine, b0, b1, eos, alo, (System.nanoTime() - started) / 1e9);
    });
  }

  /**
   * Both pipelines' stages started at once and warmed up side by side, then, once every stage is quiet,
   * {@code measured} measured while {@code waiting}'s stages sit idle, and stopped. What the idle stages
   * cost meanwhile is said, in CPU.
   */
  private PipelineRun.Figures measureWhileTheOtherWaits(PipelineRun measured, PipelineRun waiting)
      throws InterruptedException {
    measured.start();
    waiting.start();
    ExecutorService warmUp = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-warm-up-" + waiting.title()));
    try {
      Future<Void> other = warmUp.submit(() -> {
        waiting.awaitWarmedUp();
        return null;
      });
      measured.awaitWarmedUp();
      try {
        other.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      }
    } finally {
      warmUp.shutdownNow();
    }
    awaitStagesQuiet(measured, waiting);
    double idleFrom = waiting.stagesCpuSeconds();
    long from = System.nanoTime();
    PipelineRun.Figures figures = measured.measure();
    double seconds = (System.nanoTime() - from) / 1e9;
    double idleCpu = waiting.stagesCpuSeconds() - idleFrom;
    measured.close();
    say(String.format("%s: its idle stages used %.1f CPU s while %s was measured (%.0f s; %.1f %% of the machine)",
        waiting.title(), idleCpu, measured.title(), seconds,
        100 * idleCpu / (seconds * Runtime.getRuntime().availableProcessors())));
    return figures;
  }

  /**
   * One pipeline started, warmed up, left until its stages are quiet, measured and stopped: the compilation
   * that the warm-up set off in the stage JVMs (their optimising compilers used half of each JVM's CPU a minute
   * after a warm-up of 300 articles) is done before the first window is judged.
   */
  private PipelineRun.Figures alone(PipelineRun run) throws InterruptedException {
    try {
      run.start();
      run.awaitWarmedUp();
      awaitStagesQuiet(run);
      return run.measure();
    } finally {
      run.close();
    }
  }

  /**
   * Waits until the stage JVMs of {@code runs} together use less than {@link #QUIET_CORES} of a core, read
   * over {@link #QUIET_INTERVAL}, or {@link #QUIET_TIMEOUT} passes. The compilation a warm-up queued can still
   * be running when the warm-up ends (with six JVMs warmed up at once, surely); the measurement must not start
   * beside it.
   */
  private void awaitStagesQuiet(PipelineRun... runs) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + QUIET_TIMEOUT.toNanos();
    double cpu = cpuSeconds(runs);
    long at = System.nanoTime();
    double cores;
    do {
      TimeUnit.NANOSECONDS.sleep(QUIET_INTERVAL.toNanos()); // the interval the stages' CPU is read over
      double now = cpuSeconds(runs);
      long t = System.nanoTime();
      cores = (now - cpu) / ((t - at) / 1e9);
      cpu = now;
      at = t;
    } while (cores >= QUIET_CORES && System.nanoTime() < deadline);
    say(String.format("the stages of %s %s after %.1f s (%.2f of a core over the last %.1f s)",
        runs.length == 1 ? runs[0].title() : "both pipelines", cores < QUIET_CORES ? "quiet" : "still busy", (System.nanoTime() - start) / 1e9, cores,
        QUIET_INTERVAL.toMillis() / 1e3));
  }

  private static double cpuSeconds(PipelineRun... runs) {
    double sum = 0;
    for (PipelineRun run : runs) {
      sum += run.stagesCpuSeconds();
    }
    return sum;
  }

  /**
   * {@code newsflow bench --hot-bucket} (issue 10): the pipeline under {@code exactly_once_v2} given
   * {@code articles} varied articles of the feed at once, then, on fresh topics and stages, as many
   * near-identical ones ({@link SyntheticNews#nearIdentical}, all naming the gazetteer's first company);
   * each run's rate and what its streams log says about fenced producers and corrupted tasks. The varied
   * run is the baseline of the same invocation. With {@link BenchOptions#streamsInstances()} above one,
   * each run's streams application is that many JVMs sharing its application id; the faults are those of
   * every instance's log, summed.
   */
  public HotBucketReport hotBucket(int articles) throws InterruptedException {
    if (articles < 1) {
      throw new IllegalArgumentException("--hot-articles must be at least 1, got " + articles);
    }
    return onCluster((cluster, runId, companies, feed, machine, started) -> {
      SyntheticNews.NearIdentical hot = SyntheticNews.nearIdentical(companies.get(0), options.seed());
      // A pipeline that keeps up with even one article a second is done well within this.
      Duration timeout = Duration.ofSeconds(Math.max(120, articles));
      PipelineRun.Burst varied;
      PipelineRun.Burst nearIdentical;
      try (WebhookReceiver receiver = new WebhookReceiver()) {
        varied = new PipelineRun(options, cluster, runId, "exactly_once_v2", "varied", companies, feed, receiver, progress)
            .burst(feed, articles, timeout);
        PipelineRun hotRun = new PipelineRun(options, cluster, runId, "exactly_once_v2", "hot", companies, feed, receiver,
            progress);
        nearIdentical = hotRun.burst(hot, articles, timeout);
        if (hotRun.profiled()) {
          summarizeRecordings(List.of("varied", "hot"));
        }
      }
      return new HotBucketReport(machine, companies.get(0).getName(), options.streamsInstances(), varied, nearIdentical,
          (System.nanoTime() - started) / 1e9);
    });
  }

  /**
   * {@code newsflow bench --sinks}: the summary writers alone ({@link SinkRun}), fed the company summaries the whole
   * topology makes of the first {@code articles} articles of the bench's feed ({@code TopologyCost.summaries}: its
   * own 1,000 companies and seed, whatever {@code --companies} and {@code --seed} say), at the rate of 500 articles
   * a second and doubling; {@code step}: the length of each rate, {@code maxSteps}: how many rates at most.
   */
  public SinkReport sinks(int articles, Duration step, int maxSteps) throws InterruptedException {
    if (articles < 1) {
      throw new IllegalArgumentException("the articles whose summaries are sent must be at least 1, got " + articles);
    }
    return onCluster((cluster, runId, companies, feed, machine, started) -> {
      say(String.format("sinks: the topology's company summaries for %,d articles ...", articles));
      List<KeyValue<byte[], byte[]>> summaries = TopologyCost.summaries(articles, SinkRun.ARTICLE_RATE);
      say(String.format("sinks: %,d summaries", summaries.size()));
      try (SinkRun run = new SinkRun(options, cluster, runId, step, maxSteps, progress)) {
        run.start();
        List<SinkRun.Step> steps = run.ladder(summaries, SinkRun.perArticle(summaries.size(), articles));
        return new SinkReport(machine, articles, summaries.size(), steps, (System.nanoTime() - started) / 1e9);
      }
    });
  }

  /** What a bench invocation does once it has a cluster, the run's id, the companies and feed, and the machine. */
  private interface OnCluster<T> {
    T run(NewsflowConfig cluster, String runId, List<Company> companies, SyntheticNews.Feed feed,
        BenchReport.Machine machine, long startedNanos) throws InterruptedException;
  }

  /**
   * A fresh work directory, the given cluster or a local broker, the seeded companies and feed; then
   * {@code body}; then the broker stopped and the work directory removed unless it is kept.
   */
  private <T> T onCluster(OnCluster<T> body) throws InterruptedException {
    long started = System.nanoTime();
    double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    recreate(options.workDir());
    LocalKafkaBroker broker = null;
    try {
      NewsflowConfig cluster = connectionOnly(settings);
      if (!clusterGiven) {
        broker = localBroker();
        say("local broker ready at " + broker.bootstrapServers());
        cluster = cluster.with(NewsflowConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
      }
      String runId = Long.toString(System.currentTimeMillis(), 36);
      List<Company> companies = SyntheticNews.companies(options.companies(), options.seed());
      SyntheticNews.Feed feed = SyntheticNews.feed(companies, SyntheticNews.Mix.standard(), options.seed());
      BenchReport.Machine machine = new BenchReport.Machine(options.timing().name(),
          Runtime.getRuntime().availableProcessors(), memoryBytes(), System.getProperty("java.vm.name") + " "
          + System.getProperty("java.runtime.version"), loadAverage, options.companies(), options.seed(),
          clusterGiven ? "cluster " + cluster.bootstrapServers() : "local broker");
      return body.run(cluster, runId, companies, feed, machine, started);
    } finally {
      if (broker != null) {
        broker.stop();
      }
      if (!options.keepWorkDir()) {
        delete(options.workDir());
      }
    }
  }

  private LocalKafkaBroker localBroker() {
    // Old segments go once read: a long run at thousands of 3 KB articles a second must not fill the disk.
    return LocalKafkaBroker.builder(options.workDir().resolve("kafka"))
        .config("log.segment.bytes", Integer.toString(64 * 1024 * 1024))
        .config("log.retention.bytes", Long.toString(512L * 1024 * 1024))
        .config("log.retention.check.interval.ms", "10000")
        .optimisingCompiler()
        .build().start();
  }

  /** With {@code --profile}, each run's JFR recording summarised beside it: {@code DIR/profile-LABEL.md}. */
  private void summarizeRecordings(List<String> labels) {
    for (String label : labels) {
      Path recording = options.profileDir().resolve("streams-" + label + ".jfr");
      Path profile = options.profileDir().resolve("profile-" + label + ".md");
      try {
        Files.writeString(profile, JfrSummary.summarize(recording), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + profile + ": " + e.getMessage(), e);
      }
      say("profile of the " + label + " streams JVM: " + recording + ", summarised in " + profile);
    }
  }

  private void writeProfile(Path recording, Map<String, Map<String, Double>> metrics) {
    Path dir = options.profileDir();
    try {
      Path profile = dir.resolve("profile.md");
      Files.writeString(profile, JfrSummary.summarize(recording), StandardCharsets.UTF_8);
      Path tasks = dir.resolve("streams-metrics.md");
      Files.writeString(tasks, StreamsMetricsReport.markdown(metrics), StandardCharsets.UTF_8);
      say("profile of the streams JVM: " + recording + ", summarised in " + profile + " and " + tasks);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the profile into " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * A publisher for the bench's own records, more patient than the default: on a loaded machine a 15 s
   * request timeout makes an idempotent producer resend batches the broker already wrote, which then fail
   * as out of order.
   */
  static RecordPublisher patientPublisher(NewsflowConfig config) {
    return new RecordPublisher(config.with(Map.of(RecordPublisher.PUBLISH_TIMEOUT, "120s",
        NewsflowConfig.KAFKA_PREFIX + "request.timeout.ms", "60000")));
  }

  /** The user's settings without the Kafka client tuning meant for the stages: the bench's own clients stay as they are. */
  static NewsflowConfig connectionOnly(NewsflowConfig settings) {
    NewsflowConfig.Builder b = NewsflowConfig.builder();
    settings.asMap().forEach((key, value) -> {
      if (!key.startsWith(NewsflowConfig.KAFKA_PREFIX) || CONNECTION_PREFIXES.stream().anyMatch(key::startsWith)) {
        b.set(key, value);
      }
    });
    return b.build();
  }

  private static long memoryBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: fall through
    }
    return Runtime.getRuntime().maxMemory();
  }

  private static void recreate(Path dir) {
    delete(dir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the work directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the work directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private void say(String line) {
    progress.println("bench: " + line);
  }
}
