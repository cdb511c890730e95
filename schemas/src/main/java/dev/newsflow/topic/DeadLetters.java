package dev.newsflow.topic;

import dev.newsflow.schema.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Builds the records of the dead-letter topics ({@code dlq}, {@code alerts.dlq}): the rejected bytes, why,
 * and where they came from. Every stage that dead-letters builds its records here, so they all read alike.
 */
public final class DeadLetters {
  private DeadLetters() {}

  public static DeadLetter of(String stage, String errorType, String reason, String sourceTopic, Integer partition,
      Long offset, byte[] key, byte[] value, Instant failedAt) {
    return DeadLetter.newBuilder()
        .setStage(stage)
        .setErrorType(errorType)
        .setReason(reason)
        .setSourceTopic(sourceTopic)
        .setSourcePartition(partition)
        .setSourceOffset(offset)
        .setKey(key == null ? null : ByteBuffer.wrap(key))
        .setValue(value == null ? null : ByteBuffer.wrap(value))
        .setFailedAt(failedAt)
        .build();
  }

  /** The dead letter as a raw record for Kafka Streams' error handlers, keyed by its source position. */
  public static ProducerRecord<byte[], byte[]> toRecord(Topic<String, DeadLetter> topic, DeadLetter letter) {
    String key = letter.getSourceTopic() + "/" + letter.getSourcePartition() + "@" + letter.getSourceOffset();
    return new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), key),
        topic.valueSerde().serializer().serialize(topic.name(), letter));
  }
}
