package dev.newsflow.consumer.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The summary tables, created and upgraded by the application: each migration runs once, in version
 * order, in its own transaction together with the row in {@code newsflow_schema_version} that records it.
 * Add a migration by appending to {@link #migrations}; never edit one that has shipped.
 */
public final class SchemaMigrations {
  public static final String VERSION_TABLE = "newsflow_schema_version";
  private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

  /** One step of the schema: its version, what it does, and its statements. */
  public record Migration(int version, String description, List<String> statements) {}

  private SchemaMigrations() {}

  public static List<Migration> migrations(SqlDialect dialect) {
    String ts = dialect.timestampType();
    return List.of(
        new Migration(1, "summaries and consumed offsets", List.of(
            """
            CREATE TABLE newsflow_consumer_offsets (
              group_id TEXT NOT NULL,
              topic TEXT NOT NULL,
              partition_id INTEGER NOT NULL,
              next_offset BIGINT NOT NULL,
              topic_id TEXT NOT NULL,
              PRIMARY KEY (group_id, topic, partition_id))""",
            """
            CREATE TABLE newsflow_company_summary (
              company_id TEXT PRIMARY KEY,
              name TEXT NOT NULL,
              article_count BIGINT NOT NULL,
              mention_count BIGINT NOT NULL,
              last24h_articles BIGINT NOT NULL,
              trend_score DOUBLE PRECISION,
              sentiment DOUBLE PRECISION,
              top_topics TEXT NOT NULL,
              summary_json TEXT NOT NULL,
              updated_at %s NOT NULL,
              source_partition INTEGER NOT NULL,
              source_offset BIGINT NOT NULL,
              updates BIGINT NOT NULL)""".formatted(ts))),
        new Migration(2, "latest releases as rows, companies by coverage", List.of(
            """
            CREATE TABLE newsflow_company_release (
              company_id TEXT NOT NULL,
              release_id TEXT NOT NULL,
              position INTEGER NOT NULL,
              product TEXT NOT NULL,
              version TEXT,
              category TEXT,
              released_at %s,
              url TEXT,
              first_of_family BOOLEAN NOT NULL,
              PRIMARY KEY (company_id, release_id))""".formatted(ts),
            "CREATE INDEX newsflow_company_summary_by_articles ON newsflow_company_summary (article_count DESC)")));
  }

  /** Brings the database up to the latest version; returns it. */
  public static int migrate(Connection connection, SqlDialect dialect) throws SQLException {
    return migrate(connection, dialect, Integer.MAX_VALUE);
  }

  /** Brings the database up to {@code target} (tests use it to build an older database). */
  static int migrate(Connection connection, SqlDialect dialect, int target) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      try (Statement s = connection.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE
            + " (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
      }
      connection.commit();
      int current = currentVersion(connection);
      for (Migration m : migrations(dialect)) {
        if (m.version() <= current || m.version() > target) {
          continue;
        }
        try (Statement s = connection.createStatement()) {
          if (dialect == SqlDialect.POSTGRESQL) {
            // Two writers starting together: the second waits here, then sees the version row and skips.
            s.execute("LOCK TABLE " + VERSION_TABLE + " IN EXCLUSIVE MODE");
          }
          if (currentVersion(connection) >= m.version()) {
            connection.rollback();
            continue;
          }
          for (String sql : m.statements()) {
            s.execute(sql);
          }
        }
        try (PreparedStatement p = connection.prepareStatement(
            "INSERT INTO " + VERSION_TABLE + " (version, description, applied_at) VALUES (?, ?, ?)")) {
          p.setInt(1, m.version());
          p.setString(2, m.description());
          p.setString(3, Instant.now().toString());
          p.executeUpdate();
        }
        connection.commit();
        log.info("database schema migrated to version {}: {}", m.version(), m.description());
      }
      return currentVersion(connection);
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  static int currentVersion(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rows = s.executeQuery("SELECT MAX(version) FROM " + VERSION_TABLE)) {
      return rows.next() ? rows.getInt(1) : 0;
    }
  }
}
