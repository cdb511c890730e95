package dev.newsflow.streams.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.RetoldNews;
import dev.newsflow.testkit.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker with three partitions, the bundled sample and a seeded set of retold stories,
 * published in three different shuffles (each into its own topics and application), end with the same
 * final (id, duplicateOf, storyId) in {@code articles.enriched}: the pairwise model's answer.
 */
class DedupOrderIT {
  @TempDir Path workDir;

  @Test
  void threeShufflesOnThreePartitionsEndWithTheSameOriginalsAndStories() throws Exception {
    DedupModel.Answered news = DedupModel.sampleAndRetold(20260302, 2000, 500);

    List<Map<String, String>> finals = new ArrayList<>();
    for (long seed : new long[] {1, 2, 3}) {
      finals.add(run(RetoldNews.shuffled(news.articles(), seed), "DedupOrderIT-" + seed, news.expected()));
    }
    assertEquals(finals.get(0), finals.get(1));
    assertEquals(finals.get(0), finals.get(2));
    assertEquals(news.expected(), finals.get(0));
  }

  /** One application over its own topics: publishes in this order, waits for the model's final state. */
  private Map<String, String> run(List<Article> order, String name, Map<String, String> expected) throws Exception {
    NewsflowConfig config = TestTopics.config(name, workDir.resolve(name), 3);
    try (KafkaStreams streams = RawAndEnriched.enrichment(config);
        KafkaConsumer<byte[], byte[]> reader = RawAndEnriched.reader(config)) {
      streams.start();
      Poll.until(Duration.ofSeconds(120), name + ": the application to run", () -> streams.state() == KafkaStreams.State.RUNNING);
      RawAndEnriched.publish(config, order);
      Map<String, EnrichedArticle> latest = new TreeMap<>();
      return Poll.until(Duration.ofSeconds(300), name + ": articles.enriched to reach the model's final state",
          () -> DedupModel.of(RawAndEnriched.pollInto(config, reader, latest).values()), expected::equals);
    }
  }
}
