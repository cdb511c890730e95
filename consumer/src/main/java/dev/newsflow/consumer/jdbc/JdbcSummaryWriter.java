package dev.newsflow.consumer.jdbc;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.ConsumerLoop;
import dev.newsflow.consumer.SinkConsumers;
import dev.newsflow.consumer.deadletter.DeadLetterSink;
import dev.newsflow.consumer.metrics.SinkMeters;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.TopicAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a table row per company from {@code company.summary} in SQLite or PostgreSQL, exactly once.
 *
 * <p>Each poll's rows and the offsets they were read up to are written in one database transaction. The
 * database, not Kafka, says where to resume: when partitions are assigned, the consumer seeks to the
 * offsets stored there. So a crash before the commit loses the batch from the database and from the
 * stored offsets alike (it is read again), and a crash after it finds the batch and its offsets both
 * stored (it is not read again). The offsets are also committed to Kafka after the database commit, only
 * so that lag monitoring sees progress; they are never read back.
 */
public final class JdbcSummaryWriter extends ConsumerLoop<String, byte[]> {
  public static final String GROUP_SUFFIX = "-summary-jdbc";
  public static final String URL = "jdbc.url";
  private static final String STAGE = "summary-jdbc";
  private static final Logger log = LoggerFactory.getLogger(JdbcSummaryWriter.class);

  /** Test seams around the database commit, to crash the writer at the worst moments. */
  interface CommitHooks {
    default void beforeDatabaseCommit() {}

    default void afterDatabaseCommit(Map<TopicPartition, Long> stored, long records) {}
  }

  private final String url;
  private final SqlDialect dialect;
  private final String groupId;
  private final Topic<String, CompanySummary> topic;
  private final DeadLetterSink deadLetters;
  private final Map<TopicPartition, Long> stored = new HashMap<>();
  private final Map<TopicPartition, Long> mirrored = new HashMap<>();
  private final Map<String, Object> adminProps;
  private String topicId;
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final CountDownLatch closed = new CountDownLatch(1);
  private CommitHooks hooks = new CommitHooks() {};
  private Connection connection;
  private SummaryTables tables;
  private final SinkMeters meters;

  public JdbcSummaryWriter(NewsflowConfig config, String jdbcUrl) {
    this(config, jdbcUrl, new CompositeMeterRegistry());
  }

  /** A writer whose meters ({@link SinkMeters}, stage {@code summary-jdbc}; dead letters) go to {@code registry}. */
  public JdbcSummaryWriter(NewsflowConfig config, String jdbcUrl, MeterRegistry registry) {
    super(SinkConsumers.inGroup(config, groupId(config, jdbcUrl), "newsflow-summary-jdbc"), new StringDeserializer(),
        new ByteArrayDeserializer(), "summary-jdbc-writer", "JDBC summary writer stopped", Duration.ofSeconds(15));
    this.url = jdbcUrl;
    this.dialect = SqlDialect.of(jdbcUrl);
    this.groupId = groupId(config, jdbcUrl);
    this.topic = config.topics().companySummary();
    this.adminProps = TopicAdmin.boundedAdminProperties(config.kafkaProperties(), Duration.ofSeconds(30));
    this.deadLetters = new DeadLetterSink(config, config.topics().deadLetters(), STAGE, registry);
    this.meters = new SinkMeters(registry, STAGE, topic.name(), consumer);
  }

  /** The database newsflow writes when no {@code jdbc.url} is set: SQLite in the output directory. */
  public static String jdbcUrl(NewsflowConfig config) {
    return config.get(URL).orElse("jdbc:sqlite:" + config.outputDir().resolve("newsflow.db"));
  }

  /**
   * The group of a writer to {@code jdbcUrl}: tied to the database (the SQLite file's absolute path, or
   * the URL without credentials), so a second {@code summaries} to another database reads every partition.
   */
  public static String groupId(NewsflowConfig config, String jdbcUrl) {
    return SinkConsumers.groupFor(config, GROUP_SUFFIX, destination(jdbcUrl));
  }

  private static String destination(String jdbcUrl) {
    if (SqlDialect.of(jdbcUrl) == SqlDialect.SQLITE) {
      String file = jdbcUrl.substring("jdbc:sqlite:".length());
      int query = file.indexOf('?');
      file = query < 0 ? file : file.substring(0, query);
      if (!file.isEmpty() && !file.startsWith(":memory:") && !file.startsWith("file:")) {
        return "jdbc:sqlite:" + Path.of(file).toAbsolutePath().normalize();
      }
    }
    return SqlDialect.redact(jdbcUrl);
  }

  /** This writer's consumer group. */
  public String groupId() {
    return groupId;
  }

  void setHooks(CommitHooks hooks) {
    this.hooks = hooks;
  }

  public JdbcSummaryWriter start() {
    startThread(false);
    return this;
  }

  /** Summaries (and tombstones) applied to the database by this writer since it started. */
  public long appliedRecords() {
    return applied.get();
  }

  /** Records sent to the dead-letter topic instead: unreadable bytes, or a key that is not the summary's company. */
  public long rejectedRecords() {
    return rejected.get();
  }

  @Override
  protected void open() throws SQLException {
    topicId = topicId();
    connect();
    consumer.subscribe(List.of(topic.name()), new ResumeFromDatabase());
  }

  @Override
  protected void pollOnce() {
    try {
      apply(consumer.poll(Duration.ofMillis(500)));
      meters.sampleLag(consumer);
    } catch (SQLException e) {
      recover(e);
    } catch (KafkaException e) {
      SQLException sql = sqlCause(e);
      if (sql == null || e instanceof WakeupException) {
        throw e;
      }
      recover(sql);
    }
  }

  @Override
  protected void release() {
    meters.close();
    deadLetters.close();
    closeConnection();
  }

  /** The topic's id, which changes when a topic is deleted and created again under the same name. */
  private String topicId() {
    try (Admin admin = Admin.create(adminProps)) {
      return admin.describeTopics(List.of(topic.name())).allTopicNames().get(30, TimeUnit.SECONDS)
          .get(topic.name()).topicId().toString();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe topic " + topic.name() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void connect() throws SQLException {
    if (dialect == SqlDialect.SQLITE) {
      createParentDirectory();
    }
    connection = DriverManager.getConnection(url);
    SchemaMigrations.migrate(connection, dialect);
    connection.setAutoCommit(false);
    tables = new SummaryTables(connection, dialect);
  }

  private void createParentDirectory() {
    String file = url.substring("jdbc:sqlite:".length());
    int query = file.indexOf('?');
    file = query < 0 ? file : file.substring(0, query);
    if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
      return;
    }
    Path parent = Path.of(file).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + parent + " for the database", e);
    }
  }

  /** One transaction: the records of this poll and the positions they bring each partition to. */
  private void apply(ConsumerRecords<String, byte[]> records) throws SQLException {
    Map<TopicPartition, Long> next = new HashMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      // The position also moves past transaction markers, which no record reports: storing it lets lag reach zero.
      long position = consumer.position(tp);
      if (!Long.valueOf(position).equals(stored.get(tp))) {
        next.put(tp, position);
      }
    }
    if (records.isEmpty() && next.isEmpty()) {
      commitToKafka(); // retries a mirror that failed earlier
      return;
    }
    meters.read(records.count());
    // One row write per company per poll: a company's later summaries in the batch replace its earlier ones
    // (a summary is the company's whole state, so only the latest matters).
    Map<String, Latest> latest = new java.util.LinkedHashMap<>();
    long count = 0;
    for (ConsumerRecord<String, byte[]> r : records) {
      CompanySummary summary;
      try {
        summary = r.value() == null ? null : topic.valueSerde().deserializer().deserialize(r.topic(), r.headers(), r.value());
      } catch (RuntimeException e) {
        reject(r, e.getClass().getSimpleName(), "unreadable summary: " + e.getMessage());
        continue;
      }
      if (r.key() == null || (summary != null && !r.key().equals(summary.getCompanyId()))) {
        reject(r, "KeyMismatch", "record key " + r.key() + " is not the summary's company id "
            + (summary == null ? null : summary.getCompanyId()));
        continue;
      }
      Latest earlier = latest.remove(r.key()); // re-inserted last, so rows are written in the order read
      latest.put(r.key(), new Latest(r, summary, earlier == null ? 1 : earlier.received() + 1));
      count++; // applied, if only by being replaced by a later summary of its company in the same transaction
    }
    for (Latest l : latest.values()) {
      if (l.summary() == null) {
        tables.delete(l.record().key());
      } else {
        tables.upsert(l.summary(), l.record().partition(), l.record().offset(), l.received());
      }
    }
    tables.storeOffsets(groupId, topicId, next);
    hooks.beforeDatabaseCommit();
    connection.commit();
    stored.putAll(next);
    applied.addAndGet(count);
    meters.wrote((int) count);
    hooks.afterDatabaseCommit(Map.copyOf(next), count);
    commitToKafka();
  }

  /** A company's latest record in a poll, its summary (null for a tombstone), and how many of its records the poll held. */
  private record Latest(ConsumerRecord<String, byte[]> record, CompanySummary summary, int received) {}

  private void reject(ConsumerRecord<String, byte[]> r, String errorType, String reason) {
    log.warn("{}-{}@{} sent to {}: {}", r.topic(), r.partition(), r.offset(), deadLetters.topic(), reason);
    byte[] key = r.key() == null ? null : r.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    deadLetters.send(r.topic() + "/" + r.partition() + "@" + r.offset(), errorType, reason, r.topic(), r.partition(),
        r.offset(), key, r.value());
    rejected.incrementAndGet();
  }

  /** Mirrors the stored offsets to Kafka where they differ, so that lag monitoring sees the progress. */
  private void commitToKafka() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    stored.forEach((tp, offset) -> {
      if (!offset.equals(mirrored.get(tp))) {
        offsets.put(tp, new OffsetAndMetadata(offset));
      }
    });
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets);
      offsets.forEach((tp, o) -> mirrored.put(tp, o.offset()));
    } catch (KafkaException e) {
      // Harmless: the database holds the offsets the writer resumes from; Kafka's copy is for lag only.
      log.info("could not mirror offsets to Kafka ({}); the database has them", e.getMessage());
    }
  }

  /** The database failed: drop the transaction, reconnect, and rewind every partition to what the database holds. */
  private void recover(SQLException cause) {
    log.warn("database error, reconnecting to {}: {}", SqlDialect.redact(url), cause.getMessage());
    closeConnection();
    long backoffMs = 500;
    while (!closing()) {
      try {
        connect();
        stored.clear();
        seekToStored(consumer.assignment());
        log.info("reconnected to {}", SqlDialect.redact(url));
        return;
      } catch (SQLException e) {
        closeConnection();
        log.warn("database still unavailable: {}; retrying in {} ms", e.getMessage(), backoffMs);
        awaitClose(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 30_000);
      }
    }
  }

  private void seekToStored(Collection<TopicPartition> partitions) throws SQLException {
    if (partitions.isEmpty()) {
      return;
    }
    Map<Integer, Long> offsets = tables.offsets(groupId, topic.name(), topicId);
    connection.commit();
    if (offsets.isEmpty() && !tables.offsets(groupId, topic.name(), null).isEmpty()) {
      log.warn("the database holds offsets of an earlier topic named {}; reading the new one from its beginning",
          topic.name());
    }
    for (TopicPartition tp : partitions) {
      Long offset = offsets.get(tp.partition());
      if (offset == null) {
        consumer.seekToBeginning(List.of(tp));
      } else {
        consumer.seek(tp, offset);
        stored.put(tp, offset);
      }
    }
  }

  private final class ResumeFromDatabase implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      try {
        seekToStored(partitions);
      } catch (SQLException e) {
        throw new KafkaException("cannot read the stored offsets from the database", e);
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Nothing to flush: every applied record was committed with its offsets.
      partitions.forEach(tp -> {
        stored.remove(tp);
        mirrored.remove(tp);
      });
    }
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }

  private void closeConnection() {
    if (connection == null) {
      return;
    }
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the connection may be broken already
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // nothing left to release
    }
    connection = null;
  }

  private void awaitClose(long millis) {
    try {
      closed.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      endAfterThisPoll();
    }
  }

  @Override
  public void close() {
    stop();
    closed.countDown();
    join();
  }
}
