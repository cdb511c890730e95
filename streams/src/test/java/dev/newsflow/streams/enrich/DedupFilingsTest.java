package dev.newsflow.streams.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.Article;
import dev.newsflow.streams.DriverSetup;
import dev.newsflow.streams.enrich.dedup.Bucket;
import dev.newsflow.streams.enrich.dedup.ProbeBatch;
import dev.newsflow.streams.enrich.link.CompanyDirectory;
import dev.newsflow.streams.state.ArticleMemory;
import dev.newsflow.testkit.RetoldNews;
import dev.newsflow.topic.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dedup buckets are not logged: only each article's filing is, and a new instance derives the buckets from
 * the filings again ({@link FileInBuckets}). That holds only if the buckets are a function of the filings, whatever
 * order they are filed in. Here 1,200 retold stories go through the topology with buckets small enough to overflow
 * ({@value #SIZE} members); the buckets it built are compared with the buckets derived from its filings in three
 * other orders: the same members, the same originals.
 */
class DedupFilingsTest {
  static final int SIZE = 4;

  @TempDir Path stateDir;

  @Test
  void theBucketsDerivedFromTheFilingsInAnyOrderAreTheBucketsBuiltLive() {
    Built built = build(List.of(), SIZE);
    assertTrue(built.live.values().stream().anyMatch(members -> members.size() == SIZE), "some buckets are full");
    for (long seed : new long[] {1, 2, 3}) {
      assertEquals(List.of(), differences(built.live, built.derived(seed)), "buckets derived in order " + seed);
    }
  }

  /**
   * A revision that moves an article to other buckets takes it out of the ones it left, and the members that
   * remembered it as their original then remember the next earlier match, as filing anew would. (What filing anew
   * can give back, and the live bucket cannot, is a member a full bucket dropped before a revision made room; so
   * this holds for buckets that never overflowed, and here none does.)
   */
  @Test
  void afterRevisionsThatMoveArticlesTheDerivedBucketsAreTheLiveOnes() {
    List<Article> articles = RetoldNews.shuffled(RetoldNews.generate(20261201, 1200), 7);
    // A hundred articles come again with another story's text, so they leave their first buckets.
    Random random = new Random(11);
    List<Article> revised = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Article a = articles.get(random.nextInt(articles.size()));
      Article other = articles.get(random.nextInt(articles.size()));
      revised.add(Article.newBuilder(a).setTitle(other.getTitle()).setBody(other.getBody() + " revised").build());
    }
    Built built = build(revised, Bucket.DEFAULT_SIZE);
    for (long seed : new long[] {1, 2, 3}) {
      assertEquals(List.of(), differences(built.live, built.derived(seed)), "buckets derived in order " + seed);
    }
  }

  /**
   * The buckets the topology built, and its filings, after the retold stories and then {@code revisions}, with
   * buckets of {@code size} members.
   */
  private Built build(List<Article> revisions, int size) {
    List<Article> articles = RetoldNews.shuffled(RetoldNews.generate(20261201, 1200), 7);
    Properties props = DriverSetup.props(stateDir);
    Topics topics = Topics.defaults();
    StreamsBuilder builder = new StreamsBuilder();
    EnrichmentTopology.addTo(builder, topics, new CompanyDirectory(), Enricher.standard(),
        ArticleMemory.DEFAULT_RETENTION, new DedupSettings(size, 3));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(props), props)) {
      TestInputTopic<String, Article> in = DriverSetup.input(driver, topics.articlesRaw());
      articles.forEach(a -> in.pipeInput(a.getId(), a));
      revisions.forEach(a -> in.pipeInput(a.getId(), a));

      Map<String, List<String>> live = describe(driver.<String, Bucket>getKeyValueStore(FileInBuckets.INDEX));
      List<ProbeBatch> filings = new ArrayList<>();
      try (KeyValueIterator<String, ValueAndTimestamp<ProbeBatch>> all =
          driver.<String, ProbeBatch>getTimestampedKeyValueStore(FileInBuckets.FILINGS).all()) {
        all.forEachRemaining(kv -> filings.add(kv.value.value()));
      }
      assertTrue(filings.size() >= articles.size(), "every article filed: " + filings.size());
      return new Built(live, filings, size);
    }
  }

  private record Built(Map<String, List<String>> live, List<ProbeBatch> filings, int size) {
    /** The buckets derived from the filings, filed in an order drawn from {@code seed}. */
    Map<String, List<String>> derived(long seed) {
      List<ProbeBatch> order = new ArrayList<>(filings);
      Collections.shuffle(order, new Random(seed));
      Map<String, Bucket> derived = new HashMap<>();
      for (ProbeBatch filing : order) {
        filing.fileIn(ProbeBatch.Buckets.of(derived), size, Bucket.Comparisons.NONE);
      }
      return describe(derived);
    }
  }

  /** The buckets that differ, at most ten, as "key: live | derived". */
  private static List<String> differences(Map<String, List<String>> live, Map<String, List<String>> derived) {
    Set<String> keys = new TreeSet<>(live.keySet());
    keys.addAll(derived.keySet());
    return keys.stream()
        .filter(k -> !Objects.equals(live.get(k), derived.get(k)))
        .map(k -> k + ": " + live.get(k) + " | " + derived.get(k))
        .limit(10)
        .toList();
  }

  /** Each bucket as its members, earliest first: article, version and the original the bucket gave it. */
  private static Map<String, List<String>> describe(KeyValueStore<String, Bucket> store) {
    Map<String, Bucket> buckets = new HashMap<>();
    try (KeyValueIterator<String, Bucket> all = store.all()) {
      all.forEachRemaining((KeyValue<String, Bucket> kv) -> buckets.put(kv.key, kv.value));
    }
    return describe(buckets);
  }

  private static Map<String, List<String>> describe(Map<String, Bucket> buckets) {
    Map<String, List<String>> out = new TreeMap<>();
    buckets.forEach((key, bucket) -> out.put(key, bucket.entries().stream()
        .map(e -> e.probe().articleId() + "/" + e.probe().version() + "<-" + e.originalId()).toList()));
    return out;
  }
}
