package dev.newsflow.bench.e2e;

import dev.newsflow.bench.SyntheticNews;
import dev.newsflow.bench.jvm.ChildJvm;
import dev.newsflow.bench.jvm.JvmProbe;
import dev.newsflow.bench.jvm.ResidentMemory;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.alerts.AlertDispatcher;
import dev.newsflow.consumer.alerts.WebhookSubscriptions;
import dev.newsflow.consumer.jdbc.JdbcSummaryWriter;
import dev.newsflow.consumer.summary.SummaryFileWriter;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.schema.AlertRule;
import dev.newsflow.schema.Company;
import dev.newsflow.topic.TopicAdmin;
import dev.newsflow.topic.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;

/**
 * One measurement of the whole newsflow pipeline under one processing guarantee (P or P_alo): fresh
 * topics and application id, the gazetteer and a WATCH rule published, then the stages as child JVMs
 * ({@code streams}, {@code summaries} writing files and SQLite, {@code alerts} posting to the bench's
 * {@link WebhookReceiver}), a warm-up, the sustainable-throughput search, the latency phase, and the
 * streams JVM's memory.
 */
final class PipelineRun implements AutoCloseable {
  static final String WATCH_RULE = "bench-watch";
  private static final String STREAMS = "streams";
  private static final String SUMMARIES = "summaries";
  private static final String ALERTS = "alerts";
  /** In a screening step, a stage at most this far behind in time at the step's end keeps up (LagTrend). */
  private static final long SCREEN_MAX_BEHIND_MS = 1_000;
  private static final String SUMMARY_FILES = "summary files";
  private static final String SUMMARY_DATABASE = "summary database";
  private static final String WEBHOOKS = "webhooks";
  /** How long after a latency window its trace goes on: long enough to see a queue built in it drain. */
  private static final Duration TRACE_AFTER = Duration.ofSeconds(10);

  /** What one run measured. */
  record Figures(String guarantee, ThroughputSearch.Result search, double latencyRate, boolean latencyAtTarget,
      boolean latencyHeld, Map<LatencyTracker.Hop, LatencyTracker.Percentiles> latency, double duplicateShare, double linkedShare,
      long watchedInAnothersStory, long heapLiveBytes, long heapPeakBytes, long heapMaxBytes, long rssBytes, long rssPeakBytes,
      double summaryFilesLagMs, double summaryDatabaseLagMs, double webhookLagMs,
      Map<String, Map<String, Double>> streamsMetrics, StreamsPulse.CoreShare streamThreadCores) {}

  private final BenchOptions options;
  private final NewsflowConfig cluster;
  private final String guarantee;
  private final List<Company> companies;
  private final SyntheticNews.Feed feed;
  private final WebhookReceiver receiver;
  private final PrintStream progress;
  private final String label;
  /** How progress lines name the run: "P eos", "P alo", or the label of a hot-bucket run. */
  private final String title;
  private final Path dir;
  private final NewsflowConfig config;
  private boolean kafkaWarnings;
  /** The streams JVMs of the running stages: one, or {@link BenchOptions#streamsInstances()} in a burst. */
  private final List<ChildJvm> streamsJvms = new ArrayList<>();

  // The running pipeline, from start() until close().
  private final List<ChildJvm> stages = new ArrayList<>();
  private RecordPublisher publisher;
  private ChildJvm streams;
  private Set<String> streamsTopics;
  private OpenLoopSender sender;
  private JvmProbe probe;
  private MemoryWatch memory;
  private StreamsPulse pulse;

  PipelineRun(BenchOptions options, NewsflowConfig cluster, String runId, String guarantee, List<Company> companies,
      SyntheticNews.Feed feed, WebhookReceiver receiver, PrintStream progress) {
    this(options, cluster, runId, guarantee, label(guarantee), companies, feed, receiver, progress);
  }

  /** {@code label} names the run in progress lines, its directory and its topics' prefix. */
  PipelineRun(BenchOptions options, NewsflowConfig cluster, String runId, String guarantee, String label,
      List<Company> companies, SyntheticNews.Feed feed, WebhookReceiver receiver, PrintStream progress) {
    this.options = options;
    this.cluster = cluster;
    this.guarantee = guarantee;
    this.companies = companies;
    this.feed = feed;
    this.receiver = receiver;
    this.progress = progress;
    this.label = label;
    this.title = label.equals(label(guarantee)) ? "P " + label : label;
    this.dir = options.workDir().resolve(label);
    String prefix = "bench-" + runId + "-" + label + ".";
    this.config = cluster.with(Map.of(
        NewsflowConfig.TOPIC_PREFIX, prefix,
        NewsflowConfig.APPLICATION_ID, prefix + "app",
        NewsflowConfig.PROCESSING_GUARANTEE, guarantee,
        NewsflowConfig.STATE_DIR, dir.resolve("state").toString(),
        NewsflowConfig.OUTPUT_DIR, dir.resolve("out").toString()));
  }

  /** How progress lines name the run. */
  String title() {
    return title;
  }

  static String label(String guarantee) {
    return "exactly_once_v2".equals(guarantee) ? "eos" : "alo";
  }

  /**
   * Fresh topics and the reference data (gazetteer, WATCH rule), then the stage JVMs started. Returns
   * without waiting for them, so that another run's stages can start meanwhile.
   */
  void start() {
    start(1);
  }

  private void start(int streamsInstances) {
    createTopicsAndReferenceData(config.topics());
    publisher = EndToEndBench.patientPublisher(config);
    streams = startStages(streamsInstances);
  }

  /**
   * Waits until the streams application has created its repartition topics, attaches to its JVM, and
   * warms the pipeline up: afterwards every stage has processed the warm-up articles and a webhook arrived.
   */
  void awaitWarmedUp() throws InterruptedException {
    streamsTopics = awaitStreamsTopics();
    sender = new OpenLoopSender(publisher, config.topics().articlesRaw(), feed, new OpenLoopSender.BenchClock());
    probe = JvmProbe.attach(streams.pid());
    memory = new MemoryWatch(streams, probe);
    pulse = new StreamsPulse(probe, streams.pid());
    try (StageLag lag = stageLag(streamsTopics, probe)) {
      warmUp(lag);
    }
  }

  /**
   * The throughput search, then the latency phase, then the streams JVM's memory: the run's figures. When the
   * latency phase runs at the rate the search found and that rate is not kept up with over it, the rate is failed
   * and the phase runs again lower ({@link ThroughputSearch#failedLonger}).
   */
  Figures measure() throws InterruptedException {
    // Its own lag sampler: a run warmed up while another was measured has sampled nothing in between.
    try (StageLag lag = stageLag(streamsTopics, probe)) {
      ThroughputSearch.Result search = ThroughputSearch.search(plan(), (rate, duration, screening) ->
          trial(lag, rate, duration, screening));
      say(String.format("%s: %s %.0f articles/s", title, search.sustained() ? "sustainable" : "NOT sustained even at the lowest rate tried; achieved",
          search.rate()));
      Latency at = latencyAt(lag, latencyRate(search));
      for (int recheck = 0; !at.held() && search.sustained() && at.rate() == search.rate()
          && recheck < options.timing().latencyRechecks(); recheck++) {
        search = ThroughputSearch.failedLonger(search, new ThroughputSearch.Trial(at.rate(), false, false,
            at.processedRate(), "its latency window was not kept up with"));
        say(String.format("%s: %.0f articles/s was not kept up with over the latency window, so it is not sustainable;"
            + " the latency phase runs again at %.0f articles/s", title, at.rate(), search.rate()));
        at = latencyAt(lag, latencyRate(search));
      }
      Map<String, Map<String, Double>> metrics = profiled() ? memory.streamsMetrics() : Map.of();
      MemoryWatch.Reading m = memory.finish();
      return new Figures(guarantee, search, at.rate(), at.rate() == options.latencyRate(), at.held(), at.latency(),
          at.tracker().duplicateShare(), at.tracker().linkedShare(), at.tracker().watchedInAnothersStory(), m.heapLive(),
          m.heapPeak(), m.heapMax(), m.rss().currentBytes(), m.rss().peakBytes(), at.summaryFilesLagMs(),
          at.summaryDatabaseLagMs(), at.webhookLagMs(), metrics, at.streamThreadCores());
    }
  }

  /** One latency phase: its rate, what was measured, whether every stage kept up, and the sinks' lag. */
  private record Latency(double rate, LatencyTracker tracker, Map<LatencyTracker.Hop, LatencyTracker.Percentiles> latency,
      boolean held, double processedRate, double summaryFilesLagMs, double summaryDatabaseLagMs, double webhookLagMs,
      StreamsPulse.CoreShare streamThreadCores) {}

  /** Measures the latency of every hop at {@code rate}, from a drained pipeline. */
  private Latency latencyAt(StageLag lag, double rate) throws InterruptedException {
    if (!lag.awaitDrained(options.timing().drainTimeout().multipliedBy(2))) {
      say(title + ": the pipeline had not caught up when the latency phase started: " + lag.behind());
    }
    Duration window = exactlyOnce() ? options.timing().latencyWindow() : options.timing().latencyWindowAlo();
    LatencyPhase phase = new LatencyPhase(config.topics(), rate, window);
    try {
      phase.awaitOutputs();
    } finally {
      phase.close();
    }
    LatencyTracker tracker = phase.tracker;
    long from = phase.windowStart;
    long to = phase.windowEnd;
    Map<LatencyTracker.Hop, LatencyTracker.Percentiles> latency = tracker.finish(System.nanoTime());
    say(String.format("%s: latency at %.0f articles/s measured (%d articles)", title, rate,
        latency.get(LatencyTracker.Hop.ENRICHED).expected()));
    List<StageLag.Sample> all = lag.between(0, Long.MAX_VALUE);
    boolean held = held(lag, all, from, to, rate);
    if (!held || profiled()) {
      long after = Math.min(to + TRACE_AFTER.toNanos(), all.isEmpty() ? to : all.get(all.size() - 1).nanos());
      say(String.format("%s: the streams stage second by second, over the latency window at %.0f articles/s and %d s"
          + " after it:%n%s", title, rate, TRACE_AFTER.toSeconds(), pulse.trace(STREAMS, all, from, after)));
    }
    return new Latency(rate, tracker, latency, held,
        LagTrend.doneRate(STREAMS, lag.between(from, to)), LagTrend.maxTimeBehindMs(SUMMARY_FILES, all, from, to),
        LagTrend.maxTimeBehindMs(SUMMARY_DATABASE, all, from, to), LagTrend.maxTimeBehindMs(WEBHOOKS, all, from, to),
        pulse.streamThreadsBetween(from, to));
  }

  /** CPU time (user and system) the stage JVMs have used so far, in seconds: what they cost while idle. */
  double stagesCpuSeconds() {
    return stages.stream().mapToDouble(ChildJvm::cpuSeconds).sum();
  }

  /** Stops the stages (each by its own pid) and lets go of everything the run holds; does nothing twice. */
  @Override
  public void close() {
    if (memory != null) {
      memory.close();
      memory = null;
    }
    if (pulse != null) {
      pulse.close();
      pulse = null;
    }
    if (probe != null) {
      probe.close();
      probe = null;
    }
    if (publisher != null) {
      publisher.close();
      publisher = null;
    }
    receiver.listen((evidence, nanos) -> { });
    stopStages();
  }

  /**
   * The hot-bucket measurement (issue 10): after the warm-up, {@code articles} articles of {@code source}
   * sent at once, all published at the same instant; how long until every one of them is in
   * {@code articles.enriched} (read committed) and every stage has drained, and what the streams log says
   * about fenced producers and corrupted tasks meanwhile.
   */
  Burst burst(SyntheticNews.ArticleSource source, int articles, Duration timeout) throws InterruptedException {
    if (!exactlyOnce()) {
      throw new IllegalStateException("the hot-bucket measurement runs under exactly_once_v2, as the product does");
    }
    kafkaWarnings = true;
    Topics topics = config.topics();
    Burst.Times times;
    EnrichedTally.Count count;
    try {
      start(options.streamsInstances());
      streamsTopics = awaitStreamsTopics();
      OpenLoopSender.BenchClock clock = new OpenLoopSender.BenchClock();
      sender = new OpenLoopSender(publisher, topics.articlesRaw(), feed, clock);
      try (StageLag lag = stageLag(streamsTopics, null)) {
        warmUp(lag);
        long first = sender.nextIndex();
        try (EnrichedTally tally = new EnrichedTally(cluster.kafkaProperties(), topics.articlesEnriched(), first, articles)) {
          OpenLoopSender.Run run = sender.burst(source, articles, clock.instant(System.nanoTime()));
          long deadline = run.startNanos() + timeout.toNanos();
          while (!tally.complete() && System.nanoTime() < deadline) {
            stages.forEach(ChildJvm::requireAlive);
            tally.requireRunning();
            TimeUnit.MILLISECONDS.sleep(100); // polling interval
          }
          boolean drained = tally.complete()
              && lag.awaitDrained(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
          long end = System.nanoTime();
          count = tally.count();
          times = new Burst.Times(run.startNanos(), run.endNanos(), count.lastNewNanos(), end, drained);
          if (!drained) {
            say(String.format("%s: not done within %d s: %d of %d articles enriched, still to process: %s", label,
                timeout.toSeconds(), count.articles(), articles, lag.behind()));
          }
        }
      }
    } finally {
      close();
    }
    StreamsFaults faults = new StreamsFaults(0, 0, 0, 0, 0);
    for (ChildJvm instance : streamsJvms) {
      faults = faults.plus(StreamsFaults.read(instance.log()));
    }
    Burst burst = new Burst(label, articles, times, count, faults);
    say(String.format("%s: %d articles in %.1f s (%.1f articles/s; all enriched after %.1f s), %d marked as repeats, %s",
        label, articles, burst.seconds(), burst.rate(), burst.enrichedSeconds(), count.duplicates(), burst.faults()));
    return burst;
  }

  /** What {@link #burst} measured. */
  record Burst(String label, int articles, Times times, EnrichedTally.Count outputs, StreamsFaults faults) {
    /**
     * When the first article was sent, the last was sent, the last article's first enriched record was
     * read, and every stage had drained ({@code drained}; when false, {@code doneNanos} is when the wait
     * gave up).
     */
    record Times(long firstSentNanos, long lastSentNanos, long enrichedNanos, long doneNanos, boolean drained) {}

    /** Seconds from the first article sent until every stage had drained (or the wait gave up). */
    double seconds() {
      return (times.doneNanos() - times.firstSentNanos()) / 1e9;
    }

    /** Seconds from the first article sent until the last of them was read from {@code articles.enriched}. */
    double enrichedSeconds() {
      return outputs.articles() == 0 ? seconds() : (times.enrichedNanos() - times.firstSentNanos()) / 1e9;
    }

    /** Articles per second through the whole pipeline: every article done, or (not done) those enriched so far. */
    double rate() {
      return (times.drained() ? articles : outputs.articles()) / Math.max(1e-9, seconds());
    }

    /** Articles per second through enrichment and dedup: until the last article was enriched. */
    double enrichedRate() {
      return outputs.articles() / Math.max(1e-9, enrichedSeconds());
    }
  }

  /**
   * Every stage's lag: the streams application, the summary writers (files, database) and the webhook
   * dispatcher. {@code probe} reads what the streams application processed under at-least-once.
   */
  private StageLag stageLag(Set<String> streamsTopics, JvmProbe probe) {
    Topics topics = config.topics();
    String summary = topics.companySummary().name();
    return new StageLag(cluster.kafkaProperties(), List.of(
        streamsStage(streamsTopics, probe),
        StageLag.Stage.committing(SUMMARY_FILES,
            SummaryFileWriter.groupId(config, config.outputDir().resolve("summaries")), Set.of(summary), summary),
        StageLag.Stage.committing(SUMMARY_DATABASE,
            JdbcSummaryWriter.groupId(config, JdbcSummaryWriter.jdbcUrl(config)), Set.of(summary), summary),
        StageLag.Stage.committing(WEBHOOKS,
            AlertDispatcher.groupId(config, WebhookSubscriptions.load(subscriptions(), Map.of())),
            Set.of(topics.alerts().name()),
            topics.alerts().name())));
  }

  /**
   * Under exactly-once the streams application commits every 100 ms and is measured like the sinks; under
   * at-least-once by what its threads processed, and its throughput by the enriched articles it wrote
   * (one per article; no transaction markers in that topic then).
   */
  private StageLag.Stage streamsStage(Set<String> streamsTopics, JvmProbe probe) {
    Topics topics = config.topics();
    if (exactlyOnce()) {
      return StageLag.Stage.committing(STREAMS, config.applicationId(), streamsTopics, topics.articlesRaw().name());
    }
    return new StageLag.Stage(STREAMS, config.applicationId(), streamsTopics, topics.articlesRaw().name(), probe,
        topics.articlesEnriched().name());
  }

  private void createTopicsAndReferenceData(Topics topics) {
    Duration timeout = Duration.ofSeconds(30);
    try (Admin admin = Admin.create(TopicAdmin.boundedAdminProperties(config.kafkaProperties(), timeout))) {
      TopicAdmin.ensure(admin, topics.all(), config.partitions(), config.replicationFactor(), timeout);
    }
    // One request in flight: on a loaded machine a fresh partition's first batch can be refused while later
    // ones are in flight, which then fail for good as out of order (seen here on the companies topic).
    try (RecordPublisher publisher = EndToEndBench.patientPublisher(
        config.with(NewsflowConfig.KAFKA_PREFIX + "max.in.flight.requests.per.connection", "1"))) {
      companies.forEach(c -> publisher.publish(topics.companies(), c.getId(), c));
      publisher.publish(topics.alertRules(), WATCH_RULE, AlertRule.newBuilder().setId(WATCH_RULE).setType("WATCH")
          .setDescription("articles carrying the bench's watch keyword; each is its own story")
          .setKeywords(List.of(feed.mix().watchKeyword())).build());
      publisher.flush();
    }
  }

  /** The alert dispatcher's subscriptions file: the bench's receiver. */
  private Path subscriptions() {
    return dir.resolve("webhooks.json");
  }

  /**
   * Starts {@code streamsInstances} streams JVMs (one application id; with more than one, instance i has
   * its own state directory {@code state-i} and log {@code streams-i.log}), then the summary writers and
   * the alert dispatcher. Returns the first streams JVM: the one profiled with {@code --profile}.
   */
  private ChildJvm startStages(int streamsInstances) {
    Path subscriptions = subscriptions();
    try {
      Files.createDirectories(dir);
      Files.writeString(subscriptions, "{\"endpoints\": [{\"name\": \"bench\", \"url\": \"" + receiver.url()
          + "\", \"secret\": \"bench-secret\"}]}\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + subscriptions, e);
    }
    List<String> common = new ArrayList<>(List.of("--bootstrap-servers", config.bootstrapServers()));
    for (String key : List.of(NewsflowConfig.TOPIC_PREFIX, NewsflowConfig.APPLICATION_ID,
        NewsflowConfig.PROCESSING_GUARANTEE, NewsflowConfig.STATE_DIR, NewsflowConfig.OUTPUT_DIR)) {
      common.add("-D");
      common.add(key + "=" + config.require(key));
    }
    common.addAll(options.stageArgs());

    List<String> streamsJvm = new ArrayList<>(options.childJvmOptions());
    List<String> streamsArgs = new ArrayList<>(List.of("streams"));
    if (kafkaWarnings) {
      // Kafka's own warnings in streams.log: fenced producers and corrupted tasks show there (StreamsFaults).
      streamsJvm.add("-Dlogback.configurationFile=" + StreamsFaults.LOGBACK);
    }
    if (profiled()) {
      // The JVM will not create the recording's folder: without it, it refuses to start.
      try {
        Files.createDirectories(recording().toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the profile folder " + options.profileDir(), e);
      }
      streamsJvm.add("-XX:StartFlightRecording=filename=" + recording().toAbsolutePath()
          + ",settings=profile,dumponexit=true");
      streamsArgs.addAll(List.of("-D", "kafka.metrics.recording.level=DEBUG"));
    }
    streamsArgs.addAll(common);
    streamsJvms.clear();
    for (int i = 1; i <= streamsInstances; i++) {
      List<String> jvm = new ArrayList<>(i == 1 ? streamsJvm : options.childJvmOptions());
      jvm.addAll(i == 1 && profiled() ? options.classArchives().optionsForRecordedJvm(STREAMS)
          : options.classArchives().options(STREAMS, label + "-" + i));
      if (i > 1 && kafkaWarnings) {
        jvm.add("-Dlogback.configurationFile=" + StreamsFaults.LOGBACK);
      }
      List<String> args = new ArrayList<>(streamsArgs);
      String name = STREAMS;
      Path log = dir.resolve("streams.log");
      if (streamsInstances > 1) {
        // The last -D of a key wins: each instance's own state directory, whatever the stage arguments say.
        args.addAll(List.of("-D", NewsflowConfig.STATE_DIR + "=" + dir.resolve("state-" + i)));
        name = STREAMS + "-" + i;
        log = dir.resolve("streams-" + i + ".log");
      }
      ChildJvm instance = ChildJvm.start(name, jvm, options.stageMainClass(), args, log);
      stages.add(instance);
      streamsJvms.add(instance);
    }
    List<String> summariesArgs = new ArrayList<>(List.of("summaries"));
    summariesArgs.addAll(common);
    stages.add(ChildJvm.start(SUMMARIES, sinkJvm(SUMMARIES), options.stageMainClass(), summariesArgs,
        dir.resolve("summaries.log")));
    List<String> alertsArgs = new ArrayList<>(List.of("alerts", "--subscriptions", subscriptions.toString()));
    alertsArgs.addAll(common);
    stages.add(ChildJvm.start(ALERTS, sinkJvm(ALERTS), options.stageMainClass(), alertsArgs,
        dir.resolve("alerts.log")));
    say(title + ": stages started: " + stages);
    return streamsJvms.get(0);
  }

  private List<String> sinkJvm(String kind) {
    List<String> jvm = new ArrayList<>(options.childJvmOptions());
    jvm.addAll(options.classArchives().options(kind, label));
    return jvm;
  }

  /** The JFR recording of the profiled streams JVM. */
  Path recording() {
    return options.profileDir().resolve("streams-" + label + ".jfr");
  }

  boolean profiled() {
    return options.profileDir() != null && exactlyOnce();
  }

  private boolean exactlyOnce() {
    return "exactly_once_v2".equals(guarantee);
  }

  /**
   * The topics the streams application reads: the raw topics and its repartition topics, which exist once
   * it has started.
   */
  private Set<String> awaitStreamsTopics() throws InterruptedException {
    Duration timeout = Duration.ofSeconds(120);
    long deadline = System.nanoTime() + timeout.toNanos();
    String internal = config.applicationId() + "-";
    try (Admin admin = Admin.create(TopicAdmin.boundedAdminProperties(config.kafkaProperties(), Duration.ofSeconds(10)))) {
      while (true) {
        stages.forEach(ChildJvm::requireAlive);
        Set<String> repartition = new HashSet<>();
        try {
          admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
              .filter(t -> t.startsWith(internal) && t.endsWith("-repartition")).forEach(repartition::add);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          // try again
        }
        if (!repartition.isEmpty()) {
          Set<String> topics = new HashSet<>(repartition);
          topics.add(config.topics().articlesRaw().name());
          topics.add(config.topics().releasesRaw().name());
          return topics;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the streams application created no repartition topic within "
              + timeout.toSeconds() + " s; its log (" + streams.log() + ") ends with:\n" + streams.tail(30));
        }
        TimeUnit.MILLISECONDS.sleep(250); // polling interval
      }
    }
  }

  /** Sends the first articles and waits until every stage has them all, a webhook included: the pipeline is ready. */
  private void warmUp(StageLag lag) throws InterruptedException {
    BenchOptions.Timing t = options.timing();
    long delivered = receiver.received();
    sender.send(t.warmupRate(), Duration.ofMillis(Math.round(1000 * t.warmupArticles() / t.warmupRate())));
    Duration timeout = Duration.ofSeconds(180);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!lag.awaitDrained(Duration.ofSeconds(5)) || receiver.received() == delivered) {
      stages.forEach(ChildJvm::requireAlive);
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the pipeline did not process " + t.warmupArticles() + " warm-up articles within "
            + timeout.toSeconds() + " s (still to process: " + lag.behind() + ", webhooks received: "
            + (receiver.received() - delivered) + "); see the logs in " + dir);
      }
    }
    say(title + ": warmed up with " + t.warmupArticles() + " articles");
  }

  private ThroughputSearch.Plan plan() {
    BenchOptions.Timing t = options.timing();
    return new ThroughputSearch.Plan(t.minRate(), t.maxRate(), t.screenStep(), t.window(), t.maxConfirmations());
  }

  /** One step of the search: send at {@code rate}, then judge every stage's lag over the window. */
  private ThroughputSearch.Trial trial(StageLag lag, double rate, Duration duration, boolean screening)
      throws InterruptedException {
    if (!screening) {
      lag.awaitDrained(options.timing().drainTimeout());
    }
    // Every step, screening included, is judged after some time at its rate: from a lower rate the pipeline's
    // records in flight (articles between hops, each hop waiting for a commit) grow until they match the new
    // rate, and a step judged from its first second mistook that filling for falling behind (capping P at the
    // first screening rate, 50 articles/s, whatever the pipeline could do).
    Duration warm = options.timing().trialWarm();
    OpenLoopSender.Run run = sender.send(rate, warm.plus(duration));
    long windowStart = run.startNanos() + warm.toNanos();
    // The last sample must be taken after the last send: wait one sampling interval more.
    TimeUnit.NANOSECONDS.sleep(StageLag.INTERVAL.toNanos());
    long windowEnd = System.nanoTime();
    List<StageLag.Sample> samples = lag.between(0, windowEnd);
    List<StageLag.Sample> window = lag.between(windowStart, windowEnd);
    stages.forEach(ChildJvm::requireAlive);
    double articles = LagTrend.articleRate(lag.stages().get(0), samples, windowStart, windowEnd);
    List<LagTrend.Verdict> verdicts = new ArrayList<>(lag.stages().stream()
        .map(s -> LagTrend.judge(s, samples, windowStart, windowEnd, articles)).toList());
    // The articles themselves must keep pace too, not only the streams application's records in all.
    verdicts.add(1, LagTrend.judgeMain(lag.stages().get(0), samples, windowStart, windowEnd, articles));
    if (screening) {
      verdicts.replaceAll(v -> v.orCaughtUpWithin(SCREEN_MAX_BEHIND_MS));
    }
    boolean kept = run.achievedRate() >= 0.97 * rate;
    boolean flat = verdicts.stream().allMatch(LagTrend.Verdict::flat);
    double processed = LagTrend.doneRate(STREAMS, window);
    String why = (kept ? "" : String.format("the load generator reached only %.0f/s; ", run.achievedRate()))
        + String.join("; ", verdicts.stream().map(LagTrend.Verdict::toString).toList());
    say(String.format("%s %s %.0f/s: %s (streams consumed %.0f articles/s) - %s", title,
        screening ? "screen " : "confirm", rate, kept && flat ? "kept up" : "NOT kept up", processed, why));
    return new ThroughputSearch.Trial(rate, screening, kept && flat, processed, why);
  }

  /**
   * Whether every stage's lag stayed flat over the latency window, judged as a confirmation window is. A 30 s
   * window can pass a rate whose queue then grows in the 45 s that follow (BENCHMARKS.md, fourteenth step): at P,
   * this says whether P held for longer than its window.
   */
  private boolean held(StageLag lag, List<StageLag.Sample> samples, long from, long to, double rate) {
    double articles = LagTrend.articleRate(lag.stages().get(0), samples, from, to);
    List<LagTrend.Verdict> verdicts = new ArrayList<>(lag.stages().stream()
        .map(s -> LagTrend.judge(s, samples, from, to, articles)).toList());
    verdicts.add(1, LagTrend.judgeMain(lag.stages().get(0), samples, from, to, articles));
    boolean flat = verdicts.stream().allMatch(LagTrend.Verdict::flat);
    say(String.format("%s: the latency window at %.0f/s %s - %s", title, rate, flat ? "held" : "did NOT hold",
        String.join("; ", verdicts.stream().map(LagTrend.Verdict::toString).toList())));
    return flat;
  }

  /** The latency phase runs at the target rate when the pipeline sustains it, else at what it sustains. */
  private double latencyRate(ThroughputSearch.Result search) {
    if (search.sustained()) {
      return Math.min(options.latencyRate(), search.rate());
    }
    return Math.max(1, ThroughputSearch.round(0.8 * search.rate()));
  }

  /** The measured articles and the readers of their outputs, for the duration of the latency phase. */
  private final class LatencyPhase implements AutoCloseable {
    final LatencyTracker tracker;
    final long windowStart;
    final long windowEnd;
    private final OutputWatcher watcher;

    LatencyPhase(Topics topics, double rate, Duration window) throws InterruptedException {
      BenchOptions.Timing t = options.timing();
      sender.send(rate, t.latencyWarm());
      long first = sender.nextIndex();
      int capacity = (int) Math.ceil(rate * window.toNanos() / 1e9) + 16;
      this.tracker = new LatencyTracker(feed, first, capacity);
      this.watcher = new OutputWatcher(cluster.kafkaProperties(), topics, tracker);
      receiver.listen(tracker::delivered);
      OpenLoopSender.Run run = sender.send(rate, window, tracker::sent);
      this.windowStart = run.startNanos();
      this.windowEnd = run.endNanos();
    }

    /** Waits until every measured article's outputs have been seen, or the output timeout passes. */
    void awaitOutputs() throws InterruptedException {
      long deadline = System.nanoTime() + options.timing().outputTimeout().toNanos();
      while (!tracker.complete() && System.nanoTime() < deadline) {
        stages.forEach(ChildJvm::requireAlive);
        watcher.requireRunning();
        TimeUnit.MILLISECONDS.sleep(100); // polling interval
      }
    }

    @Override
    public void close() {
      watcher.close();
    }
  }

  /**
   * The streams JVM's memory, sampled every second over the run: heap in use (its peak) and, at the end,
   * the live heap after a full collection and the resident set size (now and at its peak).
   */
  private static final class MemoryWatch implements AutoCloseable {
    record Reading(long heapLive, long heapPeak, long heapMax, ResidentMemory rss) {}

    private final ChildJvm jvm;
    private final JvmProbe probe;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "bench-memory-watch");
      thread.setDaemon(true);
      return thread;
    });
    private final AtomicLong heapPeak = new AtomicLong();

    MemoryWatch(ChildJvm jvm, JvmProbe probe) {
      this.jvm = jvm;
      this.probe = probe;
      sampler.scheduleAtFixedRate(() -> {
        try {
          heapPeak.accumulateAndGet(probe.heapUsedBytes(), Math::max);
        } catch (RuntimeException e) {
          // the JVM is stopping; the peak so far stands
        }
      }, 0, 1, TimeUnit.SECONDS);
    }

    Map<String, Map<String, Double>> streamsMetrics() {
      Map<String, Map<String, Double>> out = new LinkedHashMap<>();
      out.putAll(probe.numericAttributes("kafka.streams:type=stream-thread-metrics,*"));
      out.putAll(probe.numericAttributes("kafka.streams:type=stream-task-metrics,*"));
      return out;
    }

    Reading finish() {
      sampler.shutdownNow();
      long live = probe.heapLiveBytes();
      return new Reading(live, Math.max(heapPeak.get(), live), probe.heapMaxBytes(), jvm.residentMemory());
    }

    @Override
    public void close() {
      sampler.shutdownNow();
    }
  }

  private void stopStages() {
    // Each by its own pid: all signalled (the sinks first, then the streams application) so that they shut
    // down side by side, then each awaited.
    for (int i = stages.size() - 1; i >= 0; i--) {
      stages.get(i).requestStop();
    }
    for (int i = stages.size() - 1; i >= 0; i--) {
      ChildJvm stage = stages.get(i);
      int status = stage.stop(Duration.ofSeconds(20));
      if (status != 0 && status != 143) {
        say(title + ": the " + stage.name() + " JVM exited with status " + status + " (log: " + stage.log() + ")");
      }
    }
    for (ChildJvm stage : stages) {
      boolean streams = streamsJvms.contains(stage);
      String kind = streams ? STREAMS : stage.name();
      String archiveLabel = streams ? label + "-" + (streamsJvms.indexOf(stage) + 1) : label;
      if (options.classArchives().keep(kind, archiveLabel)) {
        say(title + ": the " + kind + " JVM's classes archived for the next runs' start-up");
      }
    }
    stages.clear();
  }

  private void say(String line) {
    progress.println("bench: " + line);
  }
}
