package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.jdbc.JdbcSummaryWriter;
import dev.newsflow.consumer.jdbc.SqlDialect;
import dev.newsflow.consumer.jdbc.SummaryTables;
import dev.newsflow.consumer.summary.SummaryFileWriter;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.TestTopics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer started beside a running pipeline, to a destination of its own, gets every company: its
 * consumer group follows its destination, so it never shares the partitions of the pipeline's writer.
 */
class WriterGroupsIT {
  @TempDir Path work;

  @Test
  void aSecondDestinationBesideARunningPipelineGetsEveryCompany(TestInfo test) throws Exception {
    // 1. a demo-like pipeline on the sample data, three partitions, writing files and a database
    NewsflowConfig config = TestTopics.config(test.getDisplayName(), work, 3);
    try (Pipeline pipeline = new Pipeline(config)) {
      pipeline.publishCompanies(PipelineIT.SAMPLE);
      pipeline.startStreams();
      pipeline.startSummaryWriter(work.resolve("summaries"));
      pipeline.startJdbcWriter("jdbc:sqlite:" + work.resolve("demo.db"));
      pipeline.publishNews(PipelineIT.SAMPLE);
      pipeline.awaitProcessed(Duration.ofMinutes(3));
      Map<String, String> expected = pipeline.databaseSummaries();

      // 2. `summaries` to a second database and a second folder, while the pipeline's writers run on
      String secondUrl = "jdbc:sqlite:" + work.resolve("second.db");
      try (JdbcSummaryWriter database = new JdbcSummaryWriter(config, secondUrl).start();
          SummaryFileWriter files = new SummaryFileWriter(config, work.resolve("second-summaries")).start()) {
        assertNotEquals(JdbcSummaryWriter.groupId(config, "jdbc:sqlite:" + work.resolve("demo.db")),
            database.groupId());
        // 3. every company reaches the second destination
        Poll.until(Duration.ofMinutes(2), "every company in " + secondUrl, () -> rows(secondUrl),
            rows -> rows.equals(expected));
        Poll.until(Duration.ofMinutes(2), "every company in the second folder", files::latest,
            latest -> latest.keySet().equals(pipeline.summaries().keySet()));
        assertEquals(expected.keySet(), files.latest().keySet());
      }
    }
  }

  private static Map<String, String> rows(String url) {
    try (Connection c = DriverManager.getConnection(url)) {
      return new SummaryTables(c, SqlDialect.SQLITE).summaryJsonById();
    } catch (SQLException e) {
      return Map.of(); // not created yet
    }
  }
}
