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
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
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
    List<Article> articles = new ArrayList<>(Ndjson.articles(SampleGoldTest.sample("articles.ndjson")));
    articles.addAll(RetoldNews.generate(20261201, 1500));
    Map<String, String> expected = DedupModel.expected(articles);
    List<Article> order = RetoldNews.shuffled(articles, 5);
    int third = order.size() / 3;
    List<List<Article>> parts = List.of(order.subList(0, third), order.subList(third, 2 * third),
        order.subList(2 * third, order.size()));

    NewsflowConfig config = TestTopics.config("DedupRestoreIT", workDir.resolve("run"), 3);
    Path a = workDir.resolve("state-a");
    Path b = workDir.resolve("state-b");
    Set<String> published = new java.util.HashSet<>();
    Map<String, EnrichedArticle> latest = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(config)) {
      consumer.subscribe(List.of(config.topics().articlesEnriched().name()));
      for (int part = 0; part < 3; part++) {
        publish(config, parts.get(part));
        parts.get(part).forEach(x -> published.add(x.getId()));
        Predicate<Map<String, EnrichedArticle>> done = part < 2
            ? seen -> seen.keySet().containsAll(published)
            : seen -> DedupModel.of(seen.values()).equals(expected);
        run(config, part == 1 ? b : a, "part " + (part + 1), consumer, latest, done);
      }
    }
    Map<String, String> got = DedupModel.of(latest.values());
    assertEquals(expected, got);
    long repeats = expected.values().stream().filter(v -> !v.startsWith("null|")).count();
    assertTrue(repeats > 300, "the set holds many repeats: " + repeats);
  }

  /** One instance on {@code stateDir}, until what it published satisfies {@code done}; closed cleanly after. */
  private static void run(NewsflowConfig config, Path stateDir, String name, KafkaConsumer<byte[], byte[]> consumer,
      Map<String, EnrichedArticle> latest, Predicate<Map<String, EnrichedArticle>> done) {
    Properties props = NewsflowStreams.streamsConfig(config);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    StreamsBuilder builder = new StreamsBuilder();
    EnrichmentTopology.addTo(builder, config.topics(), new CompanyDirectory());
    Topic<String, EnrichedArticle> enriched = config.topics().articlesEnriched();
    try (KafkaStreams streams = new KafkaStreams(builder.build(props), props)) {
      streams.start();
      Poll.until(Duration.ofSeconds(300), name + ": articles.enriched to hold what it should", () -> {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          latest.put(enriched.keySerde().deserializer().deserialize(r.topic(), r.key()),
              enriched.valueSerde().deserializer().deserialize(r.topic(), r.value()));
        }
        return latest;
      }, done);
      streams.close(Duration.ofSeconds(60));
    }
  }

  private static void publish(NewsflowConfig config, List<Article> articles) {
    Topics topics = config.topics();
    Topic<String, Article> raw = topics.articlesRaw();
    Map<String, Object> producerProps = new HashMap<>(config.kafkaProperties());
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      for (Article x : articles) {
        producer.send(new ProducerRecord<>(raw.name(), raw.keySerde().serializer().serialize(raw.name(), x.getId()),
            raw.valueSerde().serializer().serialize(raw.name(), x)));
      }
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(NewsflowConfig config) {
    Map<String, Object> props = new HashMap<>(config.kafkaProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.applicationId() + "-reader");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
