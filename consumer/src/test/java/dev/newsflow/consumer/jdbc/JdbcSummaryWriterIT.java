package dev.newsflow.consumer.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.TestRecords;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.TestTopics;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.TopicSnapshot;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exactly once into the database, on SQLite and on the real PostgreSQL server: the writer is crashed
 * at the two worst moments, restarted, and the tables compared with what was published.
 */
class JdbcSummaryWriterIT {
  private static final int COMPANIES = 8;
  private static final int VERSIONS = 5;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  void crashAfterTheDatabaseCommitBeforeTheKafkaCommitAppliesNothingTwice(String kind) throws Exception {
    try (TestDatabase db = TestDatabase.of(kind, dir)) {
      // 1. configure: small polls, so that the crash falls in the middle of the data
      NewsflowConfig config = TestTopics.config("jdbc-after-" + kind, dir, 3).with("kafka.max.poll.records", "4");
      Topic<String, CompanySummary> topic = config.topics().companySummary();
      Map<String, CompanySummary> expected = publishSummaries(config);

      // 2. the first writer dies right after its second database commit, before mirroring offsets to Kafka
      AtomicInteger commits = new AtomicInteger();
      long appliedBeforeCrash = runUntilCrash(config, db, new JdbcSummaryWriter.CommitHooks() {
        @Override
        public void afterDatabaseCommit(Map<TopicPartition, Long> stored, long records) {
          if (records > 0 && commits.incrementAndGet() == 2) {
            throw new IllegalStateException("simulated crash after the database commit");
          }
        }
      });
      assertTrue(appliedBeforeCrash > 0 && appliedBeforeCrash < COMPANIES * VERSIONS, "crashed mid-way: " + appliedBeforeCrash);

      Map<Integer, Long> inDatabase = storedOffsets(db, config);
      Map<Integer, Long> inKafka = kafkaOffsets(config, db.url(), topic);
      assertTrue(inDatabase.entrySet().stream().anyMatch(e -> e.getValue() > inKafka.getOrDefault(e.getKey(), 0L)),
          "the database is ahead of Kafka's committed offsets (a restart from Kafka's would apply twice): db "
              + inDatabase + ", kafka " + inKafka);

      // 3. restart: the second writer resumes from the database and finishes
      assertEquals(COMPANIES * VERSIONS, appliedBeforeCrash + restartUntilEnd(config, db),
          "every record applied by exactly one of the two runs");
      assertTables(db, expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  void crashBeforeTheDatabaseCommitLosesNothing(String kind) throws Exception {
    try (TestDatabase db = TestDatabase.of(kind, dir)) {
      NewsflowConfig config = TestTopics.config("jdbc-before-" + kind, dir, 3).with("kafka.max.poll.records", "4");
      Map<String, CompanySummary> expected = publishSummaries(config);

      AtomicInteger commits = new AtomicInteger();
      long appliedBeforeCrash = runUntilCrash(config, db, new JdbcSummaryWriter.CommitHooks() {
        @Override
        public void beforeDatabaseCommit() {
          if (commits.incrementAndGet() == 3) {
            throw new IllegalStateException("simulated crash inside the database transaction");
          }
        }
      });

      assertEquals(COMPANIES * VERSIONS, appliedBeforeCrash + restartUntilEnd(config, db));
      assertTables(db, expected);
    }
  }

  @org.junit.jupiter.api.Test
  void offsetsStoredForAnEarlierTopicOfTheSameNameAreNotUsed() throws Exception {
    try (TestDatabase db = TestDatabase.sqlite(dir)) {
      NewsflowConfig config = TestTopics.config("jdbc-topic-id", dir, 3);
      Map<String, CompanySummary> expected = publishSummaries(config);
      try (Connection c = db.connect()) {
        SchemaMigrations.migrate(c, SqlDialect.SQLITE);
        Map<TopicPartition, Long> old = new HashMap<>();
        for (int p = 0; p < 3; p++) {
          old.put(new TopicPartition(config.topics().companySummary().name(), p), 2L);
        }
        new SummaryTables(c, SqlDialect.SQLITE).storeOffsets(JdbcSummaryWriter.groupId(config, db.url()), "an-earlier-topic-id", old);
      }
      restartUntilEnd(config, db);
      assertTables(db, expected);
    }
  }

  @org.junit.jupiter.api.Test
  void unreadableOrMiskeyedSummariesGoToTheDeadLetterTopicAndStopNothing() throws Exception {
    try (TestDatabase db = TestDatabase.sqlite(dir)) {
      NewsflowConfig config = TestTopics.config("jdbc-dlq", dir, 1);
      try (TestRecords records = new TestRecords(config)) {
        records.sendRaw(config.topics().companySummary().name(), "acme", new byte[] {(byte) 0xC3, 1, 9, 9}, null);
        records.send(config.topics().companySummary(), "beta", TestRecords.summary("gamma", 1));
      }
      Map<String, CompanySummary> expected = publishSummaries(config);
      long applied;
      try (JdbcSummaryWriter writer = new JdbcSummaryWriter(config, db.url()).start()) {
        awaitEnd(db, config, config.topics().companySummary());
        applied = writer.appliedRecords();
        assertEquals(2, writer.rejectedRecords());
      }
      assertEquals(COMPANIES * VERSIONS, applied);
      assertTables(db, expected);
      var dead = TopicSnapshot.records(config, config.topics().deadLetters(), Duration.ofSeconds(30));
      assertEquals(List.of("summary-jdbc", "summary-jdbc"), dead.stream().map(r -> r.value().getStage()).toList());
      assertEquals(List.of(0L, 1L), dead.stream().map(r -> r.value().getSourceOffset()).toList());
      assertTrue(dead.get(0).value().getReason().startsWith("unreadable summary: "), dead.get(0).value().getReason());
      assertEquals("record key beta is not the summary's company id gamma", dead.get(1).value().getReason());
    }
  }

  /** Runs a writer with {@code hooks} until they crash it; returns how many records it applied. */
  private static long runUntilCrash(NewsflowConfig config, TestDatabase db, JdbcSummaryWriter.CommitHooks hooks) {
    JdbcSummaryWriter crashing = new JdbcSummaryWriter(config, db.url());
    crashing.setHooks(hooks);
    crashing.start();
    Poll.until(TIMEOUT, "the writer to crash", () -> crashing.failure() != null);
    crashing.close();
    return crashing.appliedRecords();
  }

  /** Runs a writer until the database's offsets reach the end of the topic; returns how many records it applied. */
  private static long restartUntilEnd(NewsflowConfig config, TestDatabase db) {
    try (JdbcSummaryWriter writer = new JdbcSummaryWriter(config, db.url()).start()) {
      awaitEnd(db, config, config.topics().companySummary());
      return writer.appliedRecords();
    }
  }

  /** Summaries of every company in several versions; returns the last of each, which the table must hold. */
  private static Map<String, CompanySummary> publishSummaries(NewsflowConfig config) {
    Map<String, CompanySummary> latest = new TreeMap<>();
    try (TestRecords records = new TestRecords(config)) {
      for (int v = 1; v <= VERSIONS; v++) {
        for (int c = 0; c < COMPANIES; c++) {
          CompanySummary s = TestRecords.summary("company-" + c, v);
          records.send(config.topics().companySummary(), s.getCompanyId(), s);
          latest.put(s.getCompanyId(), s);
        }
      }
    }
    return latest;
  }

  private static void assertTables(TestDatabase db, Map<String, CompanySummary> expected) throws SQLException {
    Map<String, String> expectedJson = new TreeMap<>();
    expected.forEach((id, s) -> expectedJson.put(id, CanonicalJson.write(s)));
    try (Connection c = db.connect()) {
      assertEquals(expectedJson, new SummaryTables(c, SqlDialect.of(db.url())).summaryJsonById());
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT SUM(updates), COUNT(*), MIN(updates), MAX(updates) FROM newsflow_company_summary")) {
        r.next();
        assertEquals(List.of((long) COMPANIES * VERSIONS, (long) COMPANIES, (long) VERSIONS, (long) VERSIONS),
            List.of(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)),
            "each company's row received each of its summaries exactly once");
      }
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT company_id, release_id FROM newsflow_company_release ORDER BY company_id")) {
        for (String id : expected.keySet()) {
          assertTrue(r.next());
          assertEquals(id + " " + id + "-r" + VERSIONS, r.getString(1) + " " + r.getString(2));
        }
      }
    }
  }

  private static void awaitEnd(TestDatabase db, NewsflowConfig config, Topic<String, CompanySummary> topic) {
    Map<Integer, Long> ends = endOffsets(config, topic);
    Poll.until(TIMEOUT, "the database offsets to reach the end of the topic " + ends, () -> {
      try {
        return storedOffsets(db, config);
      } catch (SQLException e) {
        return Map.<Integer, Long>of();
      }
    }, ends::equals);
  }

  private static Map<Integer, Long> storedOffsets(TestDatabase db, NewsflowConfig config) throws SQLException {
    try (Connection c = db.connect()) {
      return new SummaryTables(c, SqlDialect.of(db.url()))
          .offsets(JdbcSummaryWriter.groupId(config, db.url()), config.topics().companySummary().name(), null);
    }
  }

  private static Map<Integer, Long> kafkaOffsets(NewsflowConfig config, String jdbcUrl, Topic<?, ?> topic) throws Exception {
    try (Admin admin = Admin.create(config.kafkaProperties())) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin
          .listConsumerGroupOffsets(JdbcSummaryWriter.groupId(config, jdbcUrl)).partitionsToOffsetAndMetadata()
          .get(10, TimeUnit.SECONDS);
      Map<Integer, Long> offsets = new HashMap<>();
      committed.forEach((tp, o) -> {
        if (tp.topic().equals(topic.name()) && o != null) {
          offsets.put(tp.partition(), o.offset());
        }
      });
      return offsets;
    }
  }

  private static Map<Integer, Long> endOffsets(NewsflowConfig config, Topic<?, ?> topic) {
    try (Admin admin = Admin.create(config.kafkaProperties())) {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (int p = 0; p < config.partitions(); p++) {
        request.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
      }
      Map<Integer, Long> ends = new HashMap<>();
      admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).forEach((tp, i) -> ends.put(tp.partition(), i.offset()));
      assertNotNull(ends);
      return ends;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
