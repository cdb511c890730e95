package dev.newsflow.consumer.jdbc;

import dev.newsflow.testkit.AbsentResource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A database for one test: a fresh SQLite file, or a fresh schema on the real PostgreSQL server of this
 * machine (127.0.0.1:5432, user postgres, database test), dropped again by {@link #close()}.
 */
record TestDatabase(String name, String url, Runnable cleanup) implements AutoCloseable {
  static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  static TestDatabase sqlite(Path dir) {
    try {
      java.nio.file.Files.createDirectories(dir.resolve("db"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new TestDatabase("sqlite", "jdbc:sqlite:" + dir.resolve("db").resolve("newsflow.db"), () -> {});
  }

  /** A schema of its own on the PostgreSQL server; skipped with the reason when no server runs (fails under CI). */
  static TestDatabase postgres() {
    String schema = "nf_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      String reason = "PostgreSQL not reachable at " + POSTGRES + ": " + e.getMessage();
      AbsentResource.skip(reason);
    }
    return new TestDatabase("postgresql", POSTGRES + "&currentSchema=" + schema, () -> {
      try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot drop test schema " + schema, e);
      }
    });
  }

  static TestDatabase of(String kind, Path dir) {
    return kind.equals("postgresql") ? postgres() : sqlite(dir);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Override
  public void close() {
    cleanup.run();
  }

  @Override
  public String toString() {
    return name;
  }
}
