package dev.newsflow.streams;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.contract.PublishedAtRule;
import dev.newsflow.http.HttpServerSettings;
import dev.newsflow.streams.aggregate.AggregationSettings;
import dev.newsflow.streams.aggregate.activity.ActivityQuery;
import dev.newsflow.streams.enrich.DedupSettings;
import dev.newsflow.streams.errors.DeadLetterHandler;
import dev.newsflow.streams.query.QueryServer;
import dev.newsflow.streams.state.StateStores;
import dev.newsflow.topic.AccessDenied;
import dev.newsflow.topic.Replication;
import dev.newsflow.topic.TopicAdmin;
import dev.newsflow.topic.Topics;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the newsflow topology: configuration, start, wait until running, clean close. With
 * {@code query.port} set it also answers interactive queries over HTTP ({@link QueryServer}), advertising
 * itself to the other instances as {@code application.server}.
 */
public final class NewsflowStreams implements AutoCloseable {
  /** Port of the interactive-query HTTP server; unset means no server, 0 picks a free port. */
  public static final String QUERY_PORT = "query.port";
  /** Address the HTTP server listens on (default localhost). */
  public static final String QUERY_HOST = "query.host";
  /** Host name other instances reach this one by (default: query.host). */
  public static final String QUERY_ADVERTISED_HOST = "query.advertised.host";
  /** Bearer token the query server requires (unset: none); every instance of one application shares it. */
  public static final String QUERY_TOKEN = "query.token";

  private static final Logger log = LoggerFactory.getLogger(NewsflowStreams.class);

  private final KafkaStreams streams;
  private final Topology topology;
  private final CountDownLatch running = new CountDownLatch(1);
  private final AggregationSettings settings;
  private final QueryServer queryServer;
  private final HostInfo advertised;

  /**
   * Reads every setting the application takes, as its constructor does, without binding a port or building the
   * topology: a wrong one is told before anything reaches the cluster (the streams command creates its topics).
   */
  public static void checkSettings(NewsflowConfig config) {
    streamsConfig(config);
    AggregationSettings.from(config);
    DedupSettings.from(config);
    PublishedAtRule.from(config);
    queryPort(config);
  }

  /** The port of the interactive-query server, when one is asked for. */
  private static Optional<Integer> queryPort(NewsflowConfig config) {
    return config.get(QUERY_PORT).map(p -> config.getPort(QUERY_PORT, 0));
  }

  public NewsflowStreams(NewsflowConfig config) {
    Properties props = streamsConfig(config);
    if (StreamsConfig.AT_LEAST_ONCE.equals(config.processingGuarantee())) {
      log.warn("{}=at_least_once: a crash may repeat outputs, and may leave some derived records missing until they"
          + " change again (activity windows, some summaries, withdrawals of alerts and stories: RELIABILITY.md,"
          + " \"What at_least_once can still lose\"); exactly_once_v2, the default, loses none",
          NewsflowConfig.PROCESSING_GUARANTEE);
    }
    this.settings = AggregationSettings.from(config);
    Optional<Integer> httpPort = queryPort(config);
    if (httpPort.isPresent()) {
      String host = config.get(QUERY_HOST, "localhost");
      this.queryServer = QueryServer.bind(HttpServerSettings.of("query", host, httpPort.get())
          .withToken(config.get(QUERY_TOKEN).orElse(null)));
      this.advertised = new HostInfo(config.get(QUERY_ADVERTISED_HOST, host), queryServer.port());
      props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised.host() + ":" + advertised.port());
    } else {
      this.queryServer = null;
      this.advertised = null;
    }
    try {
      this.topology = NewsflowTopology.build(config.topics(), settings, DedupSettings.from(config),
          PublishedAtRule.from(config), props);
      this.streams = new KafkaStreams(topology, props);
    } catch (RuntimeException e) {
      if (queryServer != null) {
        queryServer.close(); // do not keep the port bound for an application that never started
      }
      throw e;
    }
    streams.setStateListener((now, before) -> {
      log.info("streams application {}: {} -> {}", config.applicationId(), before, now);
      if (now == KafkaStreams.State.RUNNING) {
        running.countDown();
      }
    });
    streams.setUncaughtExceptionHandler(e -> {
      Optional<String> denied = AccessDenied.explain(e, config, "READ or WRITE");
      if (denied.isPresent()) {
        // A replaced thread would be refused again, forever: stop, and say once what permission is missing.
        log.error("the streams application stops: {}", denied.get());
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      }
      log.error("a stream thread failed; replacing it", e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
  }

  /**
   * How long a fetch of the global consumer (companies, alert rules) may wait at the broker for data. Restoring a
   * global store at start took several such fetches that came back empty after Kafka's default 500 ms: 2.6 s of
   * the demo's 7.8 s from start to running, against 0.6 s at 100 ms. Idle, the global consumer then asks every
   * 100 ms, a small request; and a changed company or rule reaches the application sooner.
   */
  static final String GLOBAL_FETCH_MAX_WAIT = StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
  static final int GLOBAL_FETCH_MAX_WAIT_MS = 100;

  /**
   * How long the application's producer waits to fill a batch before sending it. Kafka Streams sets 100 ms (the plain
   * producer's default is 5 ms since Kafka 4.0). Under {@code at_least_once} an internal record is read by the next
   * sub-topology only once it is sent, so each hop of an article waited for it: at 40 articles/s publish → enriched
   * took a median 290 ms at 100 ms and 80 to 170 ms at 5 ms, publish → alert p99 660 to 910 ms against 285 to 400
   * (BENCHMARKS.md, twentieth step). Set without a prefix, so that {@code kafka.linger.ms} and
   * {@code kafka.producer.linger.ms} both override it. Under {@code exactly_once_v2}, {@link #EXACTLY_ONCE_LINGER_MS}.
   */
  static final int LINGER_MS = 5;

  /**
   * The producer's linger under {@code exactly_once_v2}: as long as a commit interval. There every commit flushes the
   * producer, and a record is read downstream only once its transaction commits, so a batch sent before the commit
   * is read no sooner than one the commit sends. A 5 ms linger sent many small batches between commits: the
   * producer's network thread woke for each and the broker took a request for each. At 50 ms, two full bench runs
   * sustained 170 and 180 articles/s where three at 5 ms sustained 120 to 150, with a quarter less CPU an article in
   * the producer's network thread and a fifth or more less in the broker, and the same latency at 20 to 30
   * articles/s (BENCHMARKS.md, twenty-second step).
   */
  static final int EXACTLY_ONCE_LINGER_MS = 50;

  /**
   * How often a task commits under {@code exactly_once_v2} (Kafka Streams' default there is 100 ms). A record written
   * inside a transaction is read by the next sub-topology only once the transaction commits, so each internal hop
   * of an article waits for a commit: at 20 articles/s publish → enriched took a median 440 ms at 100 ms and 290 to
   * 300 ms at 50 ms, publish → alert p99 1.0 s against 0.6 to 0.7 s (BENCHMARKS.md, twentieth step). More commits
   * cost the stream thread and the broker more work; full runs of the bench could not tell the throughput apart
   * from the machine's spread. Under {@code at_least_once} Kafka's own default (30 s) stands: an output is read as
   * soon as it is sent, and the interval only bounds what a crash repeats.
   */
  static final int EXACTLY_ONCE_COMMIT_INTERVAL_MS = 50;

  /** Kafka Streams settings from newsflow's configuration; {@code kafka.*} keys override the defaults here. */
  public static Properties streamsConfig(NewsflowConfig config) {
    Topics topics = config.topics();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    props.put("processing.exception.handler.global.enabled", true);
    props.put(DeadLetterHandler.TOPIC_CONFIG, topics.deadLetters().name());
    props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
    props.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
        StateStores.suppliersFor(config.get(StateStores.SETTING, "rocksdb")));
    props.put(GLOBAL_FETCH_MAX_WAIT, GLOBAL_FETCH_MAX_WAIT_MS);
    if (StreamsConfig.EXACTLY_ONCE_V2.equals(config.processingGuarantee())) {
      props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, EXACTLY_ONCE_COMMIT_INTERVAL_MS);
      props.put(ProducerConfig.LINGER_MS_CONFIG, EXACTLY_ONCE_LINGER_MS);
    } else {
      props.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    }
    // Internal topics carry each record's event time (CreateTime), up to articles.max.future ahead: see TopicAdmin.
    props.put(StreamsConfig.topicPrefix(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG), TopicAdmin.ANY_TIME_AHEAD);
    // Internal topics (changelogs, repartitions) are replicated like newsflow's own; unset, the broker's default.
    config.replicationFactor().map(Replication::forFactor).ifPresent(r -> {
      props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) r.factor());
      props.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), r.minInsyncReplicas());
    });
    props.putAll(config.kafkaProperties());
    return props;
  }

  public NewsflowStreams start() {
    streams.start();
    if (queryServer != null) {
      queryServer.start(streams, advertised, new ActivityQuery(settings.grace(), settings.top()));
    }
    return this;
  }

  /** Where this instance answers interactive queries, if it does. */
  public Optional<HostInfo> queryAddress() {
    return Optional.ofNullable(advertised);
  }

  public AggregationSettings settings() {
    return settings;
  }

  /** Waits until every task is assigned and running; false on timeout. */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public Topology topology() {
    return topology;
  }

  public KafkaStreams kafkaStreams() {
    return streams;
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(8));
  }

  /**
   * Closes and leaves the consumer group, so that the next start (or another instance) gets the tasks
   * at once instead of waiting for this member's session to time out.
   */
  public void close(Duration timeout) {
    if (queryServer != null) {
      queryServer.close();
    }
    boolean closed = streams.close(CloseOptions.timeout(timeout)
        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    if (!closed) {
      log.warn("streams did not close within {} s", timeout.toSeconds());
    }
  }
}
