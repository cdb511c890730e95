package dev.newsflow.streams.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.DeadLetter;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.NewsflowStreams;
import dev.newsflow.testkit.InvalidUtf8;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.TestTopics;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.TopicSnapshot;
import dev.newsflow.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker (the test driver does not keep the records a deserialization handler returns): a
 * record the codec refuses lands in the dead-letter topic with its reason, position and bytes, and the
 * article after it on the same partition is enriched.
 */
class DeadLetterIT {
  @TempDir Path workDir;

  @Test
  void anArticleWithInvalidUtf8IsDeadLetteredAndTheNextIsEnriched(TestInfo test) throws Exception {
    // 1. Configure: one partition, so the poison is read before the valid article.
    NewsflowConfig config = TestTopics.config(test.getDisplayName(), workDir, 1);
    Topics topics = config.topics();

    try (NewsflowStreams streams = new NewsflowStreams(config).start()) {
      // 2. Produce the poison, then a valid article.
      byte[] poison = InvalidUtf8.inTitle(article("bad"));
      RecordMetadata where;
      try (KafkaProducer<byte[], byte[]> producer = producer(config)) {
        where = producer.send(record(topics.articlesRaw(), "bad", poison)).get();
        producer.send(record(topics.articlesRaw(), "a1",
            topics.articlesRaw().valueSerde().serializer().serialize(topics.articlesRaw().name(), article("a1")))).get();
      }

      // 3. Verify: exactly the valid article out, exactly the poison dead-lettered, with the reason.
      Topic<String, EnrichedArticle> enriched = topics.articlesEnriched();
      List<String> ids = Poll.until(Duration.ofSeconds(120), "the valid article enriched",
          () -> TopicSnapshot.readAll(config, enriched, Duration.ofSeconds(10)).stream().map(EnrichedArticle::getId).toList(), l -> !l.isEmpty());
      assertEquals(List.of("a1"), ids);

      List<DeadLetter> letters = Poll.until(Duration.ofSeconds(60), "a dead letter",
          () -> TopicSnapshot.readAll(config, topics.deadLetters(), Duration.ofSeconds(10)), l -> !l.isEmpty());
      assertEquals(1, letters.size(), letters::toString);
      DeadLetter letter = letters.get(0);
      assertEquals("RecordDecodingException", letter.getErrorType());
      // the poison byte follows the title and a space: "Unitree shows a humanoid bad " is 29 bytes
      assertEquals("Article: invalid UTF-8 in a string (field title): byte 0xC3 at offset 29 of the string",
          letter.getReason());
      assertEquals(topics.articlesRaw().name(), letter.getSourceTopic());
      assertEquals(where.partition(), letter.getSourcePartition());
      assertEquals(where.offset(), letter.getSourceOffset());
      assertEquals(ByteBuffer.wrap(poison), letter.getValue());
    }
  }

  private static Article article(String id) {
    return Article.newBuilder().setId(id).setTitle("Unitree shows a humanoid " + id).setBody("Unitree's H2 walks.")
        .setPublishedAt(Instant.parse("2026-03-02T10:30:00Z")).setLanguage("en").build();
  }

  private static ProducerRecord<byte[], byte[]> record(Topic<String, Article> topic, String key, byte[] value) {
    return new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), key), value);
  }

  private static KafkaProducer<byte[], byte[]> producer(NewsflowConfig config) {
    Map<String, Object> props = new HashMap<>(config.kafkaProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
