package dev.newsflow.streams.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.DriverSetup;
import dev.newsflow.streams.enrich.dedup.Bucket;
import dev.newsflow.streams.enrich.dedup.Fingerprint;
import dev.newsflow.streams.enrich.link.CompanyDirectory;
import dev.newsflow.streams.state.ArticleMemory;
import dev.newsflow.topic.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thousand near-identical articles ("loop body N Apple Computer Inc") share every bucket key but one.
 * The work per article stays bounded: no bucket holds more than {@code dedup.bucket.size} members, the
 * pairs compared grow linearly with the articles, not with their square, and every copy is marked a
 * duplicate of an earlier article.
 */
class HotBucketTest {
  static final int ARTICLES = 1000;
  static final int SIZE = 16;
  static final String PARAGRAPH = "Apple Computer Inc said on Monday that it would open a new campus for "
      + "engineers and designers, adding several thousand jobs over five years, and that its suppliers would "
      + "invest in the region as well. The company gave no figure for the cost of the project.";

  @TempDir Path stateDir;

  @Test
  void aThousandNearIdenticalArticlesDoBoundedWorkEach() {
    Properties props = DriverSetup.props(stateDir);
    Topics topics = Topics.defaults();
    StreamsBuilder builder = new StreamsBuilder();
    EnrichmentTopology.addTo(builder, topics, new CompanyDirectory(), Enricher.standard(),
        ArticleMemory.DEFAULT_RETENTION, new DedupSettings(SIZE));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(props), props)) {
      TestInputTopic<String, Article> in = DriverSetup.input(driver, topics.articlesRaw());
      TestOutputTopic<String, EnrichedArticle> out = DriverSetup.output(driver, topics.articlesEnriched());
      Instant at = Instant.parse("2026-01-01T00:00:00Z");
      // All at one instant, so the ids decide, and "loop-10" comes before "loop-2": arrival is out of order.
      for (int i = 1; i <= ARTICLES; i++) {
        String id = "loop-" + i;
        in.pipeInput(id, Article.newBuilder().setId(id).setTitle("Apple to open a new campus")
            .setBody(PARAGRAPH + " loop body " + i + " Apple Computer Inc").setPublishedAt(at).build());
      }

      int keysPerArticle = Fingerprint.BANDS + 2; // bands, content and headline (no URL)
      double compared = metric(driver, "dedup-comparisons-total");
      assertTrue(compared > 0, "pairs were compared");
      assertTrue(compared <= (double) ARTICLES * keysPerArticle * SIZE,
          compared + " comparisons for " + ARTICLES + " articles: more than " + SIZE + " per bucket key");

      int largest = 0;
      try (KeyValueIterator<String, Bucket> all = driver.<String, Bucket>getKeyValueStore(FileInBuckets.INDEX).all()) {
        while (all.hasNext()) {
          largest = Math.max(largest, all.next().value.entries().size());
        }
      }
      assertEquals(SIZE, largest, "the hot buckets are full and no larger");

      List<KeyValue<String, EnrichedArticle>> published = out.readKeyValuesToList();
      // loop-1 came first and is everyone's original: nothing needs correcting, so each is published once.
      assertEquals(ARTICLES, published.size(), "records published");
      TreeMap<String, EnrichedArticle> latest = new TreeMap<>();
      published.forEach(kv -> latest.put(kv.key, kv.value));
      assertEquals(ARTICLES, latest.size());
      String first = latest.firstKey();
      assertEquals(null, latest.get(first).getDuplicateOf(), "the earliest is the original");
      for (EnrichedArticle a : latest.values()) {
        if (!a.getId().equals(first)) {
          assertTrue(a.getDuplicateOf() != null && a.getDuplicateOf().compareTo(a.getId()) < 0,
              a.getId() + " is marked a repeat of an earlier article, not " + a.getDuplicateOf());
        }
      }
    }
  }

  private static double metric(TopologyTestDriver driver, String name) {
    double total = 0;
    for (Map.Entry<MetricName, ? extends Metric> e : driver.metrics().entrySet()) {
      if (e.getKey().name().equals(name) && e.getKey().group().equals("stream-newsflow-metrics")) {
        total += ((Number) e.getValue().metricValue()).doubleValue();
      }
    }
    return total;
  }
}
