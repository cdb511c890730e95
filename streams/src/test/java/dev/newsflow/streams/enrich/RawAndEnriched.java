package dev.newsflow.streams.enrich;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.NewsflowStreams;
import dev.newsflow.streams.enrich.link.CompanyDirectory;
import dev.newsflow.topic.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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

/**
 * The dedup ITs on a real broker: articles published in a given order, the enrichment application between, and
 * articles.enriched read back.
 */
final class RawAndEnriched {
  private RawAndEnriched() {}

  /** The enrichment topology alone, as a Kafka Streams application of {@code config} (not yet started). */
  static KafkaStreams enrichment(NewsflowConfig config) {
    Properties props = NewsflowStreams.streamsConfig(config);
    StreamsBuilder builder = new StreamsBuilder();
    EnrichmentTopology.addTo(builder, config.topics(), new CompanyDirectory());
    return new KafkaStreams(builder.build(props), props);
  }

  /** Publishes {@code articles} to articles.raw in this order, keyed by id, and waits until all are acknowledged. */
  static void publish(NewsflowConfig config, List<Article> articles) {
    Topic<String, Article> raw = config.topics().articlesRaw();
    Map<String, Object> props = new HashMap<>(config.kafkaProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // One request in flight: on a loaded machine a fresh partition's first batch can be refused
    // (NOT_LEADER_OR_FOLLOWER) while later ones are in flight, which then fail forever with
    // OUT_OF_ORDER_SEQUENCE_NUMBER; the order is part of what these tests fix anyway.
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      for (Article a : articles) {
        producer.send(new ProducerRecord<>(raw.name(), raw.keySerde().serializer().serialize(raw.name(), a.getId()),
            raw.valueSerde().serializer().serialize(raw.name(), a)));
      }
    }
  }

  /** A read_committed consumer of articles.enriched from its start, in a group of its own. */
  static KafkaConsumer<byte[], byte[]> reader(NewsflowConfig config) {
    Map<String, Object> props = new HashMap<>(config.kafkaProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.applicationId() + "-reader");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    consumer.subscribe(List.of(config.topics().articlesEnriched().name()));
    return consumer;
  }

  /** One poll of {@code reader}, each record's value kept in {@code latest} by id; returns {@code latest}. */
  static Map<String, EnrichedArticle> pollInto(NewsflowConfig config, KafkaConsumer<byte[], byte[]> reader,
      Map<String, EnrichedArticle> latest) {
    Topic<String, EnrichedArticle> enriched = config.topics().articlesEnriched();
    for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(500))) {
      latest.put(enriched.keySerde().deserializer().deserialize(r.topic(), r.key()),
          enriched.valueSerde().deserializer().deserialize(r.topic(), r.value()));
    }
    return latest;
  }
}
