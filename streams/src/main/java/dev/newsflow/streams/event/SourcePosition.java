package dev.newsflow.streams.event;

import java.util.Optional;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Where a record came from (topic, partition, offset), carried along so a later dead letter can say so. */
public record SourcePosition(String topic, Integer partition, Long offset) {
  public static SourcePosition of(Optional<RecordMetadata> metadata) {
    return metadata.map(m -> new SourcePosition(m.topic(), m.partition(), m.offset()))
        .orElse(new SourcePosition(null, null, null));
  }
}
