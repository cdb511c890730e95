package dev.newsflow.consumer.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.newsflow.consumer.TestRecords;
import dev.newsflow.json.CanonicalJson;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application creates and upgrades its tables: each version once, in order, keeping the rows. */
class SchemaMigrationsTest {
  @TempDir Path dir;

  @Test
  void upgradesAVersionOneDatabaseKeepingItsRows() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("old.db"))) {
      assertEquals(1, SchemaMigrations.migrate(c, SqlDialect.SQLITE, 1));
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO newsflow_company_summary VALUES ('acme', 'Acme', 1, 2, 0, NULL, NULL, '', '{}', "
            + "'2026-03-01T08:00:00Z', 0, 5, 1)");
      }

      assertEquals(2, SchemaMigrations.migrate(c, SqlDialect.SQLITE));
      assertEquals(2, SchemaMigrations.migrate(c, SqlDialect.SQLITE), "running again changes nothing");

      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT version, description FROM newsflow_schema_version ORDER BY version")) {
        r.next();
        assertEquals("1 summaries and consumed offsets", r.getInt(1) + " " + r.getString(2));
        r.next();
        assertEquals("2 latest releases as rows, companies by coverage", r.getInt(1) + " " + r.getString(2));
      }
      c.setAutoCommit(false);
      SummaryTables tables = new SummaryTables(c, SqlDialect.SQLITE);
      tables.upsert(TestRecords.summary("beta", 2), 1, 9);
      c.commit();
      assertEquals(Map.of("acme", "{}", "beta", CanonicalJson.write(TestRecords.summary("beta", 2))),
          tables.summaryJsonById());
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT release_id, version FROM newsflow_company_release")) {
        r.next();
        assertEquals("beta-r2 2.0", r.getString(1) + " " + r.getString(2));
      }
    }
  }

  @Test
  void upsertReplacesTheRowAndCountsUpdates() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("u.db"))) {
      SchemaMigrations.migrate(c, SqlDialect.SQLITE);
      c.setAutoCommit(false);
      SummaryTables tables = new SummaryTables(c, SqlDialect.SQLITE);
      tables.upsert(TestRecords.summary("acme", 1), 0, 1);
      tables.upsert(TestRecords.summary("acme", 3), 0, 2);
      c.commit();
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT article_count, updates, updated_at, source_offset FROM newsflow_company_summary")) {
        r.next();
        assertEquals("9 2 2026-03-01T08:00:03Z 2", r.getLong(1) + " " + r.getLong(2) + " " + r.getString(3) + " " + r.getLong(4));
      }
      tables.delete("acme");
      c.commit();
      assertEquals(Map.of(), tables.summaryJsonById());
    }
  }

  @Test
  void refusesUrlsOfOtherDatabases() {
    var e = assertThrows(IllegalArgumentException.class, () -> SqlDialect.of("jdbc:mysql://h/db?password=secret"));
    assertEquals("unsupported JDBC URL jdbc:mysql://h/db?...: use jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DATABASE",
        e.getMessage());
  }
}
