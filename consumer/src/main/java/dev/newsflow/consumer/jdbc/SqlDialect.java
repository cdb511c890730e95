package dev.newsflow.consumer.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What differs between the databases the summary writer supports. Both understand
 * {@code INSERT ... ON CONFLICT ... DO UPDATE}, so only the timestamp type differs: PostgreSQL has a real
 * one, SQLite stores ISO-8601 text, which sorts in time order.
 */
public enum SqlDialect {
  SQLITE("TEXT"),
  POSTGRESQL("TIMESTAMP WITH TIME ZONE");

  private final String timestampType;

  SqlDialect(String timestampType) {
    this.timestampType = timestampType;
  }

  /** The dialect of a JDBC URL; only SQLite and PostgreSQL are supported. */
  public static SqlDialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("unsupported JDBC URL " + redact(jdbcUrl)
        + ": use jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DATABASE");
  }

  /** A URL fit for logs: query parameters (which may hold a password) removed. */
  public static String redact(String jdbcUrl) {
    int q = jdbcUrl.indexOf('?');
    return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q) + "?...";
  }

  String timestampType() {
    return timestampType;
  }

  void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
    if (value == null) {
      statement.setNull(index, this == POSTGRESQL ? Types.TIMESTAMP_WITH_TIMEZONE : Types.VARCHAR);
    } else if (this == POSTGRESQL) {
      statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    } else {
      statement.setString(index, value.toString());
    }
  }

  Instant getInstant(ResultSet rows, String column) throws SQLException {
    if (this == POSTGRESQL) {
      OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
      return value == null ? null : value.toInstant();
    }
    String value = rows.getString(column);
    return value == null ? null : Instant.parse(value);
  }
}
