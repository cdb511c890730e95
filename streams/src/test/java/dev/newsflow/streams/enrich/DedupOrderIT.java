package dev.newsflow.streams.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.NewsflowStreams;
import dev.newsflow.streams.enrich.link.CompanyDirectory;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.RetoldNews;
import dev.newsflow.testkit.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
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
    List<Article> articles = DedupModel.sampleAndRetold(20260302, 2000);
    Map<String, String> expected = DedupModel.expected(articles);
    assertTrue(DedupModel.repeats(expected) > 500, "the set holds many repeats: " + DedupModel.repeats(expected));

    List<Map<String, String>> finals = new ArrayList<>();
    for (long seed : new long[] {1, 2, 3}) {
      finals.add(run(RetoldNews.shuffled(articles, seed), "DedupOrderIT-" + seed, expected));
    }
    assertEquals(finals.get(0), finals.get(1));
    assertEquals(finals.get(0), finals.get(2));
    assertEquals(expected, finals.get(0));
  }

  /** One application over its own topics: publishes in this order, waits for the model's final state. */
  private Map<String, String> run(List<Article> order, String name, Map<String, String> expected) throws Exception {
    NewsflowConfig config = TestTopics.config(name, workDir.resolve(name), 3);
    Properties props = NewsflowStreams.streamsConfig(config);
    StreamsBuilder builder = new StreamsBuilder();
    EnrichmentTopology.addTo(builder, config.topics(), new CompanyDirectory());
    try (KafkaStreams streams = new KafkaStreams(builder.build(props), props);
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
