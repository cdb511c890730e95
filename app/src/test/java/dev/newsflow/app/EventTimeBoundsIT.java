package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.DeadLetter;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Release;
import dev.newsflow.schema.ReleaseRef;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.TestTopics;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.TopicSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event times at the edges of what the doors take, through a real broker with Kafka's default limits: an article
 * and a release dated three hours ahead (within {@code articles.max.future}, beyond the broker's default hour for a
 * record's own time) go through, and a release dated 1960 that bypassed the door is dead-lettered with its reason
 * while the pipeline carries on. Before, the first stopped every stream thread that sent it on, again and again,
 * and the second was a "Malformed Record" of an internal topic.
 */
class EventTimeBoundsIT {
  @TempDir Path work;

  @Test
  void timesAheadWithinTheToleranceGoThroughAndAReleaseBefore1970IsDeadLetteredWithItsReason(TestInfo test)
      throws Exception {
    NewsflowConfig config = TestTopics.config(test.getDisplayName(), work, 1);
    Instant ahead = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    Path data = Files.createDirectories(work.resolve("data"));
    Files.copy(PipelineIT.SAMPLE.resolve("companies.ndjson"), data.resolve("companies.ndjson"));
    Files.writeString(data.resolve("articles.ndjson"), "{\"id\": \"ahead-1\", \"title\": \"ByteDance ships Seedance"
        + " 9.0\", \"body\": \"ByteDance released Seedance 9.0 today.\", \"publishedAt\": \"" + ahead + "\"}\n");
    Files.writeString(data.resolve("releases.ndjson"), "{\"id\": \"rel-ahead\", \"company\": \"bytedance\", "
        + "\"product\": \"Seedance\", \"version\": \"9.0\", \"releasedAt\": \"" + ahead + "\"}\n");
    Topic<String, Release> releases = config.topics().releasesRaw();
    try (Pipeline pipeline = new Pipeline(config)) {
      pipeline.publishCompanies(data);
      pipeline.startStreams();
      pipeline.startSummaryWriter(work.resolve("summaries"));
      try (KafkaProducer<String, Release> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
          config.bootstrapServers()), new StringSerializer(), releases.valueSerde().serializer())) {
        producer.send(new ProducerRecord<>(releases.name(), "rel-1960", Release.newBuilder().setId("rel-1960")
            .setCompany("bytedance").setProduct("Seedance").setVersion("0.1")
            .setReleasedAt(Instant.parse("1960-05-01T00:00:00Z")).build())).get();
      }
      assertEquals(List.of(), pipeline.publishNews(data).rejections(), "three hours ahead is within the tolerance");

      List<DeadLetter> letters = Poll.until(Duration.ofSeconds(90), "the 1960 release dead-lettered",
          () -> TopicSnapshot.readAll(config, config.topics().deadLetters(), Duration.ofSeconds(10)),
          l -> !l.isEmpty());
      assertEquals(1, letters.size(), letters.toString());
      assertEquals("INVALID_RELEASE", letters.get(0).getErrorType());
      assertEquals("release rel-1960: releasedAt must be 1970-01-01T00:00:00Z or later (a Kafka record's time cannot "
          + "be earlier), got 1960-05-01T00:00:00Z", letters.get(0).getReason());
      assertEquals(releases.name(), letters.get(0).getSourceTopic());

      List<EnrichedArticle> enriched = Poll.until(Duration.ofSeconds(90), "the article dated ahead enriched",
          () -> TopicSnapshot.readAll(config, config.topics().articlesEnriched(), Duration.ofSeconds(10)),
          l -> !l.isEmpty());
      assertEquals(ahead, enriched.get(0).getPublishedAt());
      CompanySummary bytedance = Poll.until(Duration.ofSeconds(90), "ByteDance's summary with the release ahead",
          () -> pipeline.summaries().get("bytedance"), s -> s != null && s.getArticleCount() == 1
              && s.getLatestReleases().stream().map(ReleaseRef::getId).anyMatch("rel-ahead"::equals));
      assertTrue(bytedance.getUpdatedAt().compareTo(ahead) >= 0, bytedance.toString());
    }
  }
}
