package dev.newsflow.bench.e2e;

import dev.newsflow.bench.jvm.ChildJvm;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.jdbc.JdbcSummaryWriter;
import dev.newsflow.consumer.summary.SummaryFileWriter;
import dev.newsflow.topic.TopicAdmin;
import dev.newsflow.topic.Topics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;

/**
 * The summary writers alone ({@code newsflow bench --sinks}): the {@code summaries} stage in a child JVM (the JSON
 * and Markdown files and the SQLite database, as {@code demo} and the full bench run it), fed real company
 * summaries (made by the whole topology from the bench's articles) straight into {@code company.summary} at fixed
 * rates, with no pipeline in front of it. Issue 14 asks that under a load of 500 articles a second the files and
 * the database lag the topic by under 2 s; the pipeline does not reach that load on this machine, so the writers
 * are given it here. A rate is given as summaries a second, and told as articles a second too: what the pipeline
 * writes to {@code company.summary} per article ({@link #perArticle}, about 1.6: one summary for each company an
 * article names) times the article rate.
 *
 * <p>The ladder: a warm-up at half the first rate, then steps from the rate of 500 articles a second, doubling,
 * each for {@code step}; a step is kept up with when neither writer fell {@link #BOUND} or more behind in time
 * during it ({@link LagTrend#maxTimeBehindMs}, to within the lag sampling's half second); the ladder stops at the
 * first step not kept up with, or after {@code maxSteps}. Between steps both writers are let catch up.
 */
final class SinkRun implements AutoCloseable {
  static final String FILES = "summary files";
  static final String DATABASE = "summary database";
  /** How far behind the topic a writer may fall and still keep up (issue 14). */
  static final Duration BOUND = Duration.ofSeconds(2);
  /** The article rate issue 14's sink bound is stated at. */
  static final double ARTICLE_RATE = 500;
  /**
   * The longest wait for the writer to catch up with its warm-up: a cold writer JVM took up to about 100 s over the
   * full run's 7,890 warm-up summaries (their first files created, its code not yet compiled).
   */
  private static final Duration WARM_UP_DRAIN = Duration.ofSeconds(300);
  private static final String SUMMARIES = "summaries";
  private static final String LABEL = "sinks";

  /** One step: its rate, what each writer did a second and how far behind it fell at most, and whether both kept up. */
  record Step(double rate, double articleRate, double filesRate, double databaseRate, double filesBehindMs,
      double databaseBehindMs, boolean drained) {
    boolean keptUp() {
      return filesBehindMs < BOUND.toMillis() && databaseBehindMs < BOUND.toMillis() && drained;
    }
  }

  private final BenchOptions options;
  private final NewsflowConfig config;
  private final Path dir;
  private final PrintStream progress;
  private final Duration step;
  private final int maxSteps;
  private ChildJvm writer;
  private KafkaProducer<byte[], byte[]> producer;
  private StageLag lag;
  private long sent;

  SinkRun(BenchOptions options, NewsflowConfig cluster, String runId, Duration step, int maxSteps,
      PrintStream progress) {
    this.options = options;
    this.maxSteps = maxSteps;
    this.dir = options.workDir().resolve(LABEL);
    this.step = step;
    this.progress = progress;
    String prefix = "bench-" + runId + "-" + LABEL + ".";
    this.config = cluster.with(Map.of(
        NewsflowConfig.TOPIC_PREFIX, prefix,
        NewsflowConfig.APPLICATION_ID, prefix + "app",
        NewsflowConfig.STATE_DIR, dir.resolve("state").toString(),
        NewsflowConfig.OUTPUT_DIR, dir.resolve("out").toString()));
  }

  /** Summaries written to {@code company.summary} per article, from {@code summaries} made of {@code articles}. */
  static double perArticle(int summaries, int articles) {
    return articles == 0 ? 0 : (double) summaries / articles;
  }

  /** The topics, the writer's JVM, the producer and the lag sampler. */
  void start() {
    Topics topics = config.topics();
    Duration timeout = Duration.ofSeconds(30);
    try (Admin admin = Admin.create(TopicAdmin.boundedAdminProperties(config.kafkaProperties(), timeout))) {
      TopicAdmin.ensure(admin, topics.all(), config.partitions(), config.replicationFactor(), timeout);
    }
    List<String> args = new ArrayList<>(List.of(SUMMARIES, "--bootstrap-servers", config.bootstrapServers()));
    for (String key : List.of(NewsflowConfig.TOPIC_PREFIX, NewsflowConfig.APPLICATION_ID, NewsflowConfig.STATE_DIR,
        NewsflowConfig.OUTPUT_DIR)) {
      args.addAll(List.of("-D", key + "=" + config.require(key)));
    }
    args.addAll(options.stageArgs());
    List<String> jvm = new ArrayList<>(options.childJvmOptions());
    jvm.addAll(options.classArchives().options(SUMMARIES, LABEL));
    writer = ChildJvm.start(SUMMARIES, jvm, options.stageMainClass(), args, dir.resolve("summaries.log"));
    Map<String, Object> props = new HashMap<>(config.kafkaProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producer = new KafkaProducer<>(props);
    String summary = topics.companySummary().name();
    lag = new StageLag(config.kafkaProperties(), List.of(
        StageLag.Stage.committing(FILES, SummaryFileWriter.groupId(config, config.outputDir().resolve("summaries")),
            Set.of(summary), summary),
        StageLag.Stage.committing(DATABASE, JdbcSummaryWriter.groupId(config, JdbcSummaryWriter.jdbcUrl(config)),
            Set.of(summary), summary)));
    say("sinks: the summaries stage started: " + writer);
  }

  /**
   * Warms the writer up at half the first rate until both its writers have caught up, then climbs the ladder with
   * {@code summaries} sent round and round. Returns every step measured.
   */
  List<Step> ladder(List<KeyValue<byte[], byte[]>> summaries, double perArticle) throws InterruptedException {
    if (summaries.isEmpty()) {
      throw new IllegalArgumentException("no summaries to send: the topology wrote none for the articles given");
    }
    double first = Math.max(1, Math.round(ARTICLE_RATE * perArticle));
    send(summaries, first / 2, step);
    long sentAll = System.nanoTime();
    if (!lag.awaitDrained(WARM_UP_DRAIN)) {
      throw new IllegalStateException("the summaries stage did not catch up with its warm-up within "
          + WARM_UP_DRAIN.toSeconds() + " s; its log: " + writer.log() + "; behind: " + lag.behind());
    }
    say(String.format("sinks: warmed up with %,d summaries (caught up %.1f s after the last)", sent,
        (System.nanoTime() - sentAll) / 1e9));
    List<Step> steps = new ArrayList<>();
    double rate = first;
    for (int i = 0; i < maxSteps; i++) {
      long from = System.nanoTime();
      send(summaries, rate, step);
      long sentBy = System.nanoTime();
      boolean drained = lag.awaitDrained(step.multipliedBy(2).plusSeconds(10));
      long to = System.nanoTime();
      List<StageLag.Sample> window = lag.between(from, sentBy);
      Step s = new Step(rate, rate / perArticle, LagTrend.doneRate(FILES, window), LagTrend.doneRate(DATABASE, window),
          LagTrend.maxTimeBehindMs(FILES, lag.between(from, to), from, to),
          LagTrend.maxTimeBehindMs(DATABASE, lag.between(from, to), from, to), drained);
      steps.add(s);
      say(String.format("sinks: %,.0f summaries/s (%,.0f articles/s): files %,.0f/s, at most %,.0f ms behind; "
              + "database %,.0f/s, at most %,.0f ms behind; %s", s.rate(), s.articleRate(), s.filesRate(),
          s.filesBehindMs(), s.databaseRate(), s.databaseBehindMs(), s.keptUp() ? "kept up" : "NOT kept up"
              + (drained ? "" : " (not caught up " + step.multipliedBy(2).plusSeconds(10).toSeconds() + " s after)")));
      if (!s.keptUp()) {
        break;
      }
      rate *= 2;
    }
    return steps;
  }

  /** Sends at {@code rate} a second for {@code duration} on a fixed schedule, then waits until the broker has them. */
  private void send(List<KeyValue<byte[], byte[]>> summaries, double rate, Duration duration) {
    String topic = config.topics().companySummary().name();
    OpenLoopSender.paced(rate, duration, due -> {
      KeyValue<byte[], byte[]> s = summaries.get((int) (sent++ % summaries.size()));
      producer.send(new ProducerRecord<>(topic, s.key, s.value));
    });
    try {
      producer.flush();
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot send the summaries: " + e.getMessage(), e);
    }
  }

  /** Stops the writer (by its own pid) and lets go of the producer and the lag sampler. */
  @Override
  public void close() {
    if (lag != null) {
      lag.close();
      lag = null;
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(10));
      producer = null;
    }
    if (writer != null) {
      int status = writer.stop(Duration.ofSeconds(20));
      if (status != 0 && status != 143) {
        say("sinks: the summaries JVM exited with status " + status + " (log: " + writer.log() + ")");
      }
      if (options.classArchives().keep(SUMMARIES, LABEL)) {
        say("sinks: the summaries JVM's classes archived for the next runs' start-up");
      }
      writer = null;
    }
  }

  private void say(String line) {
    progress.println("bench: " + line);
  }
}
