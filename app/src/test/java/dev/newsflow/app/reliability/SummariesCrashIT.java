package dev.newsflow.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.jdbc.JdbcSummaryWriter;
import dev.newsflow.consumer.jdbc.SqlDialect;
import dev.newsflow.consumer.jdbc.SummaryTables;
import dev.newsflow.consumer.summary.SummaryFileWriter;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.Headline;
import dev.newsflow.testkit.AbsentResource;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.TestTopics;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.TopicSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The summaries stage killed with SIGKILL twice while it writes files, SQLite and PostgreSQL: afterwards
 * every destination holds exactly the topic's latest summary of every company, and no temporary file is left.
 */
@Tag("reliability")
class SummariesCrashIT {
  private static final Logger log = LoggerFactory.getLogger(SummariesCrashIT.class);
  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  private static final int COMPANIES = 400;
  private static final int VERSIONS = 15;
  private static final long SEED = 20261131L;

  @TempDir Path work;

  @Test
  void twoKillsLeaveFilesSqliteAndPostgresEqualToTheTopicAndNoTemporaryFile() throws Exception {
    NewsflowConfig config = TestTopics.config("summaries-kill", work, 3);
    Topic<String, CompanySummary> topic = config.topics().companySummary();
    Path dir = work.resolve("summaries");
    String sqlite = "jdbc:sqlite:" + work.resolve("summaries.db");
    String schema = postgresSchema();
    String postgres = POSTGRES + "&currentSchema=" + schema;
    // What a writer killed between writing aside and renaming leaves behind, from an earlier run.
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(".co001.md1234567890.tmp"), "half a file");
    Random random = new Random(SEED);
    int total = COMPANIES * VERSIONS;
    try (StageJvm filesAndSqlite = StageJvm.start("summaries", config, Map.of(), List.of("--dir", dir.toString(),
            "--jdbc-url", sqlite), work.resolve("summaries-sqlite"));
        StageJvm pg = StageJvm.start("summaries", config, Map.of(), List.of("--no-files", "--jdbc-url", postgres),
            work.resolve("summaries-postgres"));
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
            config.bootstrapServers(), "acks", "all", "linger.ms", "5"), new StringSerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      String filesGroup = SummaryFileWriter.groupId(config, dir);
      String pgGroup = JdbcSummaryWriter.groupId(config, postgres);
      int sent = 0;
      for (int kill = 1; kill <= 2; kill++) {
        // publish a third of the versions, then kill both stages once they are part way through it
        for (int v = (kill - 1) * VERSIONS / 3 + 1; v <= kill * VERSIONS / 3; v++) {
          for (int c = 1; c <= COMPANIES; c++) {
            producer.send(record(topic, summary(c, v)));
            sent++;
          }
        }
        producer.flush();
        long point = sent - (long) (random.nextDouble() * COMPANIES * VERSIONS / 3 * 0.8);
        Poll.until(Duration.ofMinutes(5), "both writers past record " + point + " (kill " + kill + ")",
            Every.every(Duration.ofMillis(500), () -> {
              filesAndSqlite.requireAlive();
              pg.requireAlive();
              return committed(config, filesGroup) >= point && committed(config, pgGroup) >= point;
            }));
        filesAndSqlite.kill9();
        pg.kill9();
        log.info("kill {}: both summaries stages killed with SIGKILL past record {} of {}", kill, point, total);
        filesAndSqlite.restart();
        pg.restart();
      }
      for (int v = 2 * VERSIONS / 3 + 1; v <= VERSIONS; v++) {
        for (int c = 1; c <= COMPANIES; c++) {
          producer.send(record(topic, summary(c, v)));
          sent++;
        }
      }
      producer.flush();
      assertEquals(total, sent);

      Map<String, String> expected = latestOnTopic(config, topic);
      assertEquals(COMPANIES, expected.size());
      Poll.until(Duration.ofMinutes(5), "files, SQLite and PostgreSQL equal to the topic",
          Every.every(Duration.ofSeconds(2), () -> List.of(files(dir), database(sqlite), database(postgres))),
          all -> all.stream().allMatch(expected::equals));
      assertEquals(expected, files(dir), "the JSON files");
      assertEquals(expected, database(sqlite), "SQLite");
      assertEquals(expected, database(postgres), "PostgreSQL");
      try (Stream<Path> left = Files.list(dir)) {
        assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
            "no temporary file left");
      }
      assertTrue(filesAndSqlite.log().contains("removed 1 temporary files an interrupted writer left in"),
          filesAndSqlite.log());
      for (String id : expected.keySet()) {
        assertTrue(Files.exists(dir.resolve(id + ".md")), id + ".md");
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve(id + ".json"))));
      }
    } finally {
      dropPostgresSchema(schema);
    }
  }

  private static CompanySummary summary(int company, int version) {
    String id = String.format("co%03d", company);
    Instant at = Instant.parse("2026-03-02T10:00:00Z").plusSeconds(version * 60L);
    return CompanySummary.newBuilder().setCompanyId(id).setName("Company " + company)
        .setArticleCount(version * 2L).setMentionCount(version * 3L).setLast24hArticles(version)
        .setTrendScore(version / 8.0).setSentiment(version % 2 == 0 ? 0.5 : -0.25).setTopTopics(List.of("t" + version))
        .setLatestReleases(List.of())
        .setLatestHeadlines(List.of(Headline.newBuilder().setArticleId(id + "-a" + version)
            .setTitle("Headline " + version + " of " + id).setSource("Wire").setPublishedAt(at).setSalience(0.5).build()))
        .setUpdatedAt(at).build();
  }

  private static ProducerRecord<String, byte[]> record(Topic<String, CompanySummary> topic, CompanySummary s) {
    return new ProducerRecord<>(topic.name(), s.getCompanyId(),
        topic.valueSerde().serializer().serialize(topic.name(), s));
  }

  private static long committed(NewsflowConfig config, String group) {
    try (Admin admin = Admin.create(config.kafkaProperties())) {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
          .values().stream().filter(o -> o != null).mapToLong(o -> o.offset()).sum();
    } catch (Exception e) {
      return 0;
    }
  }

  /** The topic's latest summary of every company, as canonical JSON. */
  private static Map<String, String> latestOnTopic(NewsflowConfig config, Topic<String, CompanySummary> topic) {
    Map<String, String> latest = new TreeMap<>();
    for (ConsumerRecord<String, CompanySummary> r : TopicSnapshot.records(config, topic, Duration.ofSeconds(60))) {
      latest.put(r.key(), CanonicalJson.write(r.value()));
    }
    return latest;
  }

  private static Map<String, String> files(Path dir) {
    Map<String, String> written = new TreeMap<>();
    try {
      List<Path> json;
      try (Stream<Path> list = Files.list(dir)) {
        json = list.filter(p -> p.toString().endsWith(".json") && !p.endsWith(SummaryFileWriter.INDEX_FILE)).toList();
      }
      for (Path f : json) {
        String name = f.getFileName().toString();
        written.put(name.substring(0, name.length() - 5),
            CanonicalJson.write(CanonicalJson.read(Files.readString(f), CompanySummary.class)));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return written;
  }

  private static Map<String, String> database(String url) {
    try (Connection c = DriverManager.getConnection(url)) {
      return new TreeMap<>(new SummaryTables(c, SqlDialect.of(url)).summaryJsonById());
    } catch (SQLException e) {
      return Map.of("(unreadable)", e.getMessage()); // not there yet: the writer creates its tables at start
    }
  }

  private static String postgresSchema() {
    String schema = "nf_rel_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      AbsentResource.skip("PostgreSQL not reachable at " + POSTGRES + ": " + e.getMessage());
    }
    return schema;
  }

  private static void dropPostgresSchema(String schema) {
    try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      log.warn("cannot drop test schema {}: {}", schema, e.getMessage());
    }
  }
}
