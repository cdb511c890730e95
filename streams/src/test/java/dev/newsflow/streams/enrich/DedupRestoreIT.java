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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dedup buckets are not logged; each article's filing is, and an instance that restores the filings derives
 * the buckets from them ({@link FileInBuckets}). On a real broker, one application works through the sample and
 * 1,500 retold stories in three parts, each on its own instance: the first on state directory A, the second on a
 * fresh directory B (the filings restored from the changelog, no buckets at all), the third on A again (buckets
 * left from the first part, filings restored beyond them). Copies in each part repeat originals of the others,
 * and the final (id, duplicateOf, storyId) must be the pairwise model's, as if one instance had read them all.
 */
class DedupRestoreIT {
  @TempDir Path workDir;

  @Test
  void theBucketsFollowTheFilingsToAFreshInstanceAndBackToAStaleOne() throws Exception {
    DedupModel.Answered news = DedupModel.sampleAndRetold(20261201, 1500, 300);
    List<Article> order = RetoldNews.shuffled(news.articles(), 5);
    int third = order.size() / 3;
    List<List<Article>> parts = List.of(order.subList(0, third), order.subList(third, 2 * third),
        order.subList(2 * third, order.size()));

    NewsflowConfig config = TestTopics.config("DedupRestoreIT", workDir.resolve("run"), 3);
    Path a = workDir.resolve("state-a");
    Path b = workDir.resolve("state-b");
    Set<String> published = new java.util.HashSet<>();
    Map<String, EnrichedArticle> latest = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> reader = RawAndEnriched.reader(config)) {
      for (int part = 0; part < 3; part++) {
        RawAndEnriched.publish(config, parts.get(part));
        parts.get(part).forEach(x -> published.add(x.getId()));
        Predicate<Map<String, EnrichedArticle>> done = part < 2
            ? seen -> seen.keySet().containsAll(published)
            : seen -> DedupModel.of(seen.values()).equals(news.expected());
        run(config, part == 1 ? b : a, "part " + (part + 1), reader, latest, done);
      }
    }
    assertEquals(news.expected(), DedupModel.of(latest.values()));
  }

  /** One instance on {@code stateDir}, until what it published satisfies {@code done}; closed cleanly after. */
  private static void run(NewsflowConfig config, Path stateDir, String name, KafkaConsumer<byte[], byte[]> reader,
      Map<String, EnrichedArticle> latest, Predicate<Map<String, EnrichedArticle>> done) {
    try (KafkaStreams streams = RawAndEnriched.enrichment(config.with(NewsflowConfig.STATE_DIR, stateDir.toString()))) {
      streams.start();
      Poll.until(Duration.ofSeconds(300), name + ": articles.enriched to hold what it should",
          () -> RawAndEnriched.pollInto(config, reader, latest), done);
      streams.close(Duration.ofSeconds(60));
    }
  }
}
