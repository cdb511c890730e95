package dev.newsflow.consumer.jdbc;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.ReleaseRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The SQL of the summary tables: upsert or delete a company's row (and its release rows), and read or
 * store a consumer group's offsets. Every method runs inside the caller's transaction.
 */
public final class SummaryTables {
  private final Connection connection;
  private final SqlDialect dialect;

  public SummaryTables(Connection connection, SqlDialect dialect) {
    this.connection = connection;
    this.dialect = dialect;
  }

  /** Inserts the company's row or replaces its columns; {@code updates} counts how many summaries it received. */
  public void upsert(CompanySummary s, int partition, long offset) throws SQLException {
    upsert(s, partition, offset, 1);
  }

  /**
   * As {@link #upsert(CompanySummary, int, long)} for the latest of {@code received} summaries of the company
   * read together: the earlier ones are replaced unwritten, but still counted in {@code updates}.
   */
  public void upsert(CompanySummary s, int partition, long offset, int received) throws SQLException {
    try (PreparedStatement p = connection.prepareStatement("""
        INSERT INTO newsflow_company_summary (company_id, name, article_count, mention_count, last24h_articles,
          trend_score, sentiment, top_topics, summary_json, updated_at, source_partition, source_offset, updates)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (company_id) DO UPDATE SET
          name = excluded.name, article_count = excluded.article_count, mention_count = excluded.mention_count,
          last24h_articles = excluded.last24h_articles, trend_score = excluded.trend_score,
          sentiment = excluded.sentiment, top_topics = excluded.top_topics, summary_json = excluded.summary_json,
          updated_at = excluded.updated_at, source_partition = excluded.source_partition,
          source_offset = excluded.source_offset, updates = newsflow_company_summary.updates + excluded.updates""")) {
      p.setString(1, s.getCompanyId());
      p.setString(2, s.getName());
      p.setLong(3, s.getArticleCount());
      p.setLong(4, s.getMentionCount());
      p.setLong(5, s.getLast24hArticles());
      setDouble(p, 6, s.getTrendScore());
      setDouble(p, 7, s.getSentiment());
      p.setString(8, String.join(",", s.getTopTopics()));
      p.setString(9, CanonicalJson.write(s));
      dialect.setInstant(p, 10, s.getUpdatedAt());
      p.setInt(11, partition);
      p.setLong(12, offset);
      p.setInt(13, received);
      p.executeUpdate();
    }
    deleteReleases(s.getCompanyId());
    List<ReleaseRef> releases = s.getLatestReleases();
    if (releases.isEmpty()) {
      return;
    }
    try (PreparedStatement p = connection.prepareStatement("""
        INSERT INTO newsflow_company_release (company_id, release_id, position, product, version, category,
          released_at, url, first_of_family) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (company_id, release_id) DO NOTHING""")) {
      for (int i = 0; i < releases.size(); i++) {
        ReleaseRef r = releases.get(i);
        p.setString(1, s.getCompanyId());
        p.setString(2, r.getId());
        p.setInt(3, i);
        p.setString(4, r.getProduct());
        p.setString(5, r.getVersion());
        p.setString(6, r.getCategory());
        dialect.setInstant(p, 7, r.getReleasedAt());
        p.setString(8, r.getUrl());
        p.setBoolean(9, r.getFirstOfFamily());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** A tombstone: the company is gone from the summaries. */
  public void delete(String companyId) throws SQLException {
    deleteReleases(companyId);
    try (PreparedStatement p = connection.prepareStatement("DELETE FROM newsflow_company_summary WHERE company_id = ?")) {
      p.setString(1, companyId);
      p.executeUpdate();
    }
  }

  private void deleteReleases(String companyId) throws SQLException {
    try (PreparedStatement p = connection.prepareStatement("DELETE FROM newsflow_company_release WHERE company_id = ?")) {
      p.setString(1, companyId);
      p.executeUpdate();
    }
  }

  /**
   * The next offset to read per partition of {@code topic}, as the group last stored it; only offsets
   * stored for the topic with id {@code topicId} count (null: any), so that a topic deleted and created
   * again under the same name is read from its beginning, not from where the old one ended.
   */
  public Map<Integer, Long> offsets(String groupId, String topic, String topicId) throws SQLException {
    Map<Integer, Long> offsets = new HashMap<>();
    try (PreparedStatement p = connection.prepareStatement("SELECT partition_id, next_offset, topic_id "
        + "FROM newsflow_consumer_offsets WHERE group_id = ? AND topic = ?")) {
      p.setString(1, groupId);
      p.setString(2, topic);
      try (ResultSet rows = p.executeQuery()) {
        while (rows.next()) {
          if (topicId == null || topicId.equals(rows.getString(3))) {
            offsets.put(rows.getInt(1), rows.getLong(2));
          }
        }
      }
    }
    return offsets;
  }

  public void storeOffsets(String groupId, String topicId, Map<TopicPartition, Long> nextOffsets) throws SQLException {
    try (PreparedStatement p = connection.prepareStatement("""
        INSERT INTO newsflow_consumer_offsets (group_id, topic, partition_id, next_offset, topic_id) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (group_id, topic, partition_id) DO UPDATE SET next_offset = excluded.next_offset,
          topic_id = excluded.topic_id""")) {
      for (Map.Entry<TopicPartition, Long> e : nextOffsets.entrySet()) {
        p.setString(1, groupId);
        p.setString(2, e.getKey().topic());
        p.setInt(3, e.getKey().partition());
        p.setLong(4, e.getValue());
        p.setString(5, topicId);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** Every company row: id to its canonical summary JSON, sorted by id. */
  public Map<String, String> summaryJsonById() throws SQLException {
    Map<String, String> rows = new TreeMap<>();
    try (PreparedStatement p = connection.prepareStatement("SELECT company_id, summary_json FROM newsflow_company_summary");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        rows.put(r.getString(1), r.getString(2));
      }
    }
    return rows;
  }

  private static void setDouble(PreparedStatement p, int index, Double value) throws SQLException {
    if (value == null || !Double.isFinite(value)) {
      p.setNull(index, Types.DOUBLE);
    } else {
      p.setDouble(index, value);
    }
  }
}
