package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.consumer.jdbc.SqlDialect;
import dev.newsflow.consumer.jdbc.SummaryTables;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.testkit.KafkaFixture;
import dev.newsflow.testkit.TestTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code newsflow demo --once} leaves a SQLite database with a row per company, equal to the JSON summaries. */
class DemoDatabaseIT {
  @TempDir Path dir;

  @Test
  void theDatabaseHoldsARowPerCompanyMatchingTheJsonSummaries() throws Exception {
    Path fixture = Path.of("src", "test", "resources", "fixture").toAbsolutePath();
    String prefix = TestTopics.uniquePrefix("demo-db");
    Path out = dir.resolve("out");
    int status = Main.run("demo", "--once", "--data", fixture.toString(),
        "--bootstrap-servers", KafkaFixture.bootstrapServers(),
        "-D", "topic.prefix=" + prefix, "-D", "application.id=" + prefix + "app",
        "-D", "state.dir=" + dir.resolve("state"), "-D", "output.dir=" + out,
        "-D", "kafka.commit.interval.ms=100");
    assertEquals(0, status);

    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> summaries = Files.list(out.resolve("summaries"))) {
      for (Path f : summaries.filter(f -> f.toString().endsWith(".json") && !f.endsWith("_index.json")).toList()) {
        CompanySummary s = CanonicalJson.read(Files.readString(f), CompanySummary.class);
        files.put(s.getCompanyId(), CanonicalJson.write(s));
      }
    }
    String url = "jdbc:sqlite:" + out.resolve("newsflow.db");
    try (Connection c = DriverManager.getConnection(url)) {
      Map<String, String> rows = new SummaryTables(c, SqlDialect.SQLITE).summaryJsonById();
      assertTrue(rows.size() > 0);
      assertEquals(files, rows);
    }
  }
}
