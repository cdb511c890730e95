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
import java.util.TreeMap;
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
    List<Article> articles = new ArrayList<>(Ndjson.articles(SampleGoldTest.sample("articles.ndjson")));
    articles.addAll(RetoldNews.generate(20260302, 2000));
    Map<String, String> expected = DedupModel.expected(articles);
    long repeats = expected.values().stream().filter(v -> !v.startsWith("null|")).count();
    assertTrue(repeats > 500, "the set holds many repeats: " + repeats);

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
    Topics topics = config.topics();
    Properties props = NewsflowStreams.streamsConfig(config);
    StreamsBuilder builder = new StreamsBuilder();
    EnrichmentTopology.addTo(builder, topics, new CompanyDirectory());
    try (KafkaStreams streams = new KafkaStreams(builder.build(props), props);
        KafkaConsumer<byte[], byte[]> consumer = consumer(config)) {
      streams.start();
      Poll.until(Duration.ofSeconds(120), name + ": the application to run", () -> streams.state() == KafkaStreams.State.RUNNING);
      Topic<String, Article> raw = topics.articlesRaw();
      Map<String, Object> producerProps = new HashMap<>(config.kafkaProperties());
      producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
      // One request in flight: on a loaded machine a fresh partition's first batch can be refused
      // (NOT_LEADER_OR_FOLLOWER) while later ones are in flight, which then fail forever with
      // OUT_OF_ORDER_SEQUENCE_NUMBER; the order within a shuffle is part of what this test fixes anyway.
      producerProps.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
          new ByteArraySerializer())) {
        for (Article a : order) {
          producer.send(new ProducerRecord<>(raw.name(), raw.keySerde().serializer().serialize(raw.name(), a.getId()),
              raw.valueSerde().serializer().serialize(raw.name(), a)));
        }
      }
      Topic<String, EnrichedArticle> enriched = topics.articlesEnriched();
      consumer.subscribe(List.of(enriched.name()));
      Map<String, EnrichedArticle> latest = new TreeMap<>();
      return Poll.until(Duration.ofSeconds(300), name + ": articles.enriched to reach the model's final state", () -> {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          latest.put(enriched.keySerde().deserializer().deserialize(r.topic(), r.key()),
              enriched.valueSerde().deserializer().deserialize(r.topic(), r.value()));
        }
        return DedupModel.of(latest.values());
      }, expected::equals);
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
