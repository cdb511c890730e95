package dev.newsflow.consumer.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.TestRecords;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.testkit.TestTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code newsflow tail} prints a topic's records as canonical JSON lines, filtered by company. */
class TopicTailIT {
  @TempDir Path dir;

  @Test
  void printsCanonicalJsonLinesOfTheRecordsAboutACompany() {
    java.time.Instant started = java.time.Instant.now().minusSeconds(1);
    NewsflowConfig config = TestTopics.config("tail", dir, 1);
    EnrichedArticle acme = TestRecords.article("a1", "Acme news", null, TestRecords.T0, "ai", 0.9, "acme");
    EnrichedArticle beta = TestRecords.article("a2", "Beta news", null, TestRecords.T0, "ai", 0.9, "beta");
    EnrichedArticle both = TestRecords.article("a3", "Both", null, TestRecords.T0, "ai", 0.5, "beta", "acme");
    try (TestRecords records = new TestRecords(config)) {
      for (EnrichedArticle a : List.of(acme, beta)) {
        records.send(config.topics().articlesEnriched(), a.getId(), a, TestRecords.T0);
      }
      records.sendRaw(config.topics().articlesEnriched().name(), "bad", new byte[] {1, 2, 3}, null);
      records.send(config.topics().articlesEnriched(), both.getId(), both);
    }
    var topic = TopicTail.resolve(config.topics(), "articles.enriched");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (TopicTail tail = new TopicTail(config, topic, new TopicTail.Options(true, "acme", false, 0, true))) {
      assertEquals(2, tail.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }
    assertEquals(CanonicalJson.write(acme) + "\n" + CanonicalJson.write(both) + "\n", out.toString(StandardCharsets.UTF_8));
    assertEquals("newsflow tail: skipped " + topic.name() + "-0@2: ", err.toString(StandardCharsets.UTF_8).substring(0,
        ("newsflow tail: skipped " + topic.name() + "-0@2: ").length()));

    ByteArrayOutputStream withKeys = new ByteArrayOutputStream();
    try (TopicTail tail = new TopicTail(config, topic, new TopicTail.Options(true, null, true, 1, false))) {
      tail.run(new PrintStream(withKeys, true, StandardCharsets.UTF_8), System.err);
    }
    // newsflow's topics keep arrival time (LogAppendTime): the timestamp is when the broker wrote it.
    String line = withKeys.toString(StandardCharsets.UTF_8);
    java.time.Instant stamped = java.time.Instant.parse(line.replaceAll("(?s).*\"timestamp\":\"([^\"]+)\".*", "$1"));
    assertTrue(!stamped.isBefore(started), "timestamp " + stamped + " is the arrival time");
    assertEquals("{\"topic\":\"" + topic.name() + "\",\"partition\":0,\"offset\":0,\"key\":\"a1\",\"timestamp\":\""
        + stamped + "\",\"value\":" + CanonicalJson.write(acme) + "}\n", line);
  }

  @Test
  void namesTheTopicsWhenOneIsUnknown() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> TopicTail.resolve(dev.newsflow.topic.Topics.defaults(), "articles"));
    assertEquals("no newsflow topic articles; the topics are articles.raw, releases.raw, companies, articles.enriched, "
        + "company.summary, stories, company.activity, company.activity.final, alert.rules, alerts, dlq, alerts.dlq, digests.delivered", e.getMessage());
  }
}
