package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.feed.FeedGateway;
import dev.newsflow.consumer.jdbc.JdbcSummaryWriter;
import dev.newsflow.consumer.jdbc.SqlDialect;
import dev.newsflow.consumer.jdbc.SummaryTables;
import dev.newsflow.consumer.summary.SummaryFileWriter;
import dev.newsflow.contract.PublishedAtRule;
import dev.newsflow.producer.DatasetPublisher;
import dev.newsflow.metrics.StageMetrics;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.producer.http.IngestServer;
import dev.newsflow.producer.http.IngestSettings;
import dev.newsflow.schema.Alert;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.streams.NewsflowStreams;
import dev.newsflow.streams.aggregate.AggregationSettings;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.TopicSnapshot;
import dev.newsflow.topic.Topics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every newsflow stage in one process against one cluster: the publisher, the streams application (with
 * its interactive-query server when {@code query.port} is set) and the summary writers (files and
 * database). {@code newsflow demo} runs it; end-to-end tests drive the same steps.
 */
public final class Pipeline implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

  private final NewsflowConfig config;
  private KafkaCluster cluster;
  /** Every stage of the pipeline meters into this one registry; the gateway's {@code /metrics} shows it whole. */
  private final PrometheusMeterRegistry registry = StageMetrics.newRegistry();
  private NewsflowStreams streams;
  private SummaryFileWriter writer;
  private JdbcSummaryWriter jdbcWriter;
  private FeedGateway gateway;
  private IngestServer ingest;
  private String jdbcUrl;

  public Pipeline(NewsflowConfig config) {
    this.config = config;
  }

  /**
   * Step 1: the cluster reached (or a clear failure within {@code publish.timeout}) and the topics
   * created where missing. Every later step does it first if it was not done.
   */
  public void createTopics() {
    cluster();
  }

  private synchronized KafkaCluster cluster() {
    if (cluster == null) {
      cluster = KafkaCluster.open(config);
      if (!cluster.createdTopics().isEmpty()) {
        log.info("created topics {}", cluster.createdTopics());
      }
    }
    return cluster;
  }

  /** Step 2: reference data first, so that the streams application starts with the full gazetteer. */
  public DatasetPublisher.Report publishCompanies(Path dataDir) {
    return dataset().publishCompanies(dataDir);
  }

  /** Step 2b: the alert rules of a file already checked as a whole ({@link RuleFile#ok()}). */
  public void publishRules(RuleFile rules) {
    if (!rules.ok()) {
      throw new IllegalArgumentException("the rules in " + rules.file() + " were refused:\n  "
          + String.join("\n  ", rules.problems()));
    }
    RecordPublisher p = cluster().publisher(registry, "import");
    rules.rules().forEach(r -> p.publish(config.topics().alertRules(), r.getId(), r));
    p.flush();
  }

  /** Step 3: the streams application, returning once it runs. */
  public void startStreams() throws InterruptedException {
    cluster().warnOfRetiredStores();
    streams = new NewsflowStreams(cluster().config()); // replication decided by the cluster's size
    StreamsHealth.bind(streams.kafkaStreams(), registry);
    streams.start();
    if (!streams.awaitRunning(Duration.ofSeconds(90))) {
      throw new IllegalStateException("the streams application did not reach RUNNING within 90 s (state "
          + streams.kafkaStreams().state() + ")");
    }
  }

  /** Step 4: the summary file writer. */
  public void startSummaryWriter(Path dir) {
    writer = new SummaryFileWriter(config, dir, registry).start();
  }

  /** Step 4b: the database writer (SQLite by default), exactly once through offsets stored with the rows. */
  public void startJdbcWriter(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
    jdbcWriter = new JdbcSummaryWriter(config, jdbcUrl, registry).start();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The feed gateway and dashboard; returns its port. */
  public int startFeedGateway() {
    gateway = new FeedGateway(config, registry, AlertsCommand.knownTopics()).start();
    return gateway.port();
  }

  /**
   * The HTTP ingest server ({@code ingest.host}, {@code ingest.port}), publishing through this pipeline's
   * producer: the way into the raw topics for programs in any language. Returns its port.
   */
  public int startIngestServer() {
    ingest = new IngestServer(IngestSettings.from(config), cluster().publisher(registry, "import"), config.topics(),
        registry).start();
    return ingest.port();
  }

  /** Step 5: the news itself. */
  public DatasetPublisher.Report publishNews(Path dataDir) {
    return dataset().publishNews(dataDir);
  }

  /** Waits until the streams application and the summary writer have processed everything published. */
  public void awaitProcessed(Duration timeout) throws InterruptedException {
    Topics topics = config.topics();
    Set<String> registry = topics.all().stream().map(Topic::name).collect(Collectors.toSet());
    Set<String> streamsInputs = PipelineProgress.streamsInputs(config.applicationId(),
        streams.topology().describe(), registry);
    Map<String, Set<String>> groups = new HashMap<>();
    groups.put(config.applicationId(), streamsInputs);
    if (writer != null) {
      groups.put(writer.groupId(), Set.of(topics.companySummary().name()));
    }
    if (jdbcWriter != null) {
      // The JDBC writer resumes from the offsets in its database and mirrors them to Kafka after each commit.
      groups.put(jdbcWriter.groupId(), Set.of(topics.companySummary().name()));
    }
    // The clock-driven updates (live activity windows, quiet companies' summaries) follow the last article by up to
    // one activity.live.interval; a second more covers their commit and the writers reading them.
    Duration settle = AggregationSettings.from(config).liveInterval().plusSeconds(1);
    new PipelineProgress(cluster().admin(), groups).awaitCaughtUp(timeout, settle);
    if (writer != null && writer.failure() != null) {
      throw new IllegalStateException("the summary writer failed: " + writer.failure().getMessage(), writer.failure());
    }
    if (jdbcWriter != null && jdbcWriter.failure() != null) {
      throw new IllegalStateException("the database writer failed: " + jdbcWriter.failure().getMessage(),
          jdbcWriter.failure());
    }
  }

  /** Every company row in the database: id to its summary's canonical JSON. */
  public Map<String, String> databaseSummaries() throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl)) {
      return new SummaryTables(c, SqlDialect.of(jdbcUrl)).summaryJsonById();
    }
  }

  /** The latest summary of every company the writer has seen, this run or before. */
  public Map<String, CompanySummary> summaries() {
    return writer.latest();
  }

  /** Where the streams application answers interactive queries, if it does. */
  public Optional<String> queryUrl() {
    return streams.queryAddress().map(h -> "http://" + h.host() + ":" + h.port());
  }

  /** Every alert on the alerts topic (this run or before), once each, in the order they fired. */
  public List<Alert> alerts() {
    return TopicSnapshot.read(config, config.topics().alerts(), Duration.ofSeconds(30)).values().stream()
        .filter(a -> !a.getWithdrawn()) // the latest record per id: a withdrawn alert no longer stands
        .sorted(Comparator.comparing(Alert::getFiredAt).thenComparing(Alert::getId))
        .toList();
  }

  private DatasetPublisher dataset() {
    return new DatasetPublisher(cluster().publisher(registry, "import"), config.topics(), PublishedAtRule.from(config));
  }

  /** Stops every stage; bounded so that Ctrl-C ends the process promptly. */
  @Override
  public void close() {
    if (ingest != null) {
      ingest.close();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (writer != null) {
      writer.close();
    }
    if (jdbcWriter != null) {
      jdbcWriter.close();
    }
    if (streams != null) {
      streams.close(Duration.ofSeconds(5));
    }
    if (cluster != null) {
      cluster.close();
    }
  }
}
