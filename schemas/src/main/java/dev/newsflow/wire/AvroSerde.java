package dev.newsflow.wire;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde for one newsflow record type in Avro single-object encoding; null is a tombstone. */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
  private final SingleObjectCodec<T> codec;

  public AvroSerde(Class<T> type) {
    this.codec = new SingleObjectCodec<>(type);
  }

  public SingleObjectCodec<T> codec() {
    return codec;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, record) -> record == null ? null : codec.encode(record);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
  }
}
