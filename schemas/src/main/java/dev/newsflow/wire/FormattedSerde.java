package dev.newsflow.wire;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.json.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of an output topic: writes one {@link ValueFormat} and says so in the record's
 * {@code content-type} header; reads either format, so newsflow's own consumers follow a topic whatever
 * format it was written in, before or after a change of {@code output.format}. Null is a tombstone.
 */
public final class FormattedSerde<T extends SpecificRecord> implements Serde<T> {
  private final SingleObjectCodec<T> codec;
  private final ValueFormat format;

  public FormattedSerde(SingleObjectCodec<T> codec, ValueFormat format) {
    this.codec = codec;
    this.format = format;
  }

  public ValueFormat format() {
    return format;
  }

  public Class<T> type() {
    return codec.type();
  }

  @Override
  public Serializer<T> serializer() {
    return new Serializer<>() {
      @Override
      public byte[] serialize(String topic, T record) {
        return record == null ? null : encode(record);
      }

      @Override
      public byte[] serialize(String topic, Headers headers, T record) {
        if (record == null) {
          return null;
        }
        if (headers != null) {
          // A header carried over from the input record (Kafka Streams forwards them) must not lie.
          headers.remove(ValueFormat.HEADER);
          headers.add(ValueFormat.HEADER, format.contentType().getBytes(StandardCharsets.UTF_8));
        }
        return encode(record);
      }
    };
  }

  private byte[] encode(T record) {
    return format == ValueFormat.JSON ? CanonicalJson.write(record).getBytes(StandardCharsets.UTF_8) : codec.encode(record);
  }

  @Override
  public Deserializer<T> deserializer() {
    return new Deserializer<>() {
      @Override
      public T deserialize(String topic, byte[] bytes) {
        return deserialize(topic, null, bytes);
      }

      @Override
      public T deserialize(String topic, Headers headers, byte[] bytes) {
        if (bytes == null) {
          return null;
        }
        if (ValueFormat.of(headers, bytes) == ValueFormat.AVRO) {
          return codec.decode(bytes);
        }
        try {
          return CanonicalJson.read(new String(bytes, StandardCharsets.UTF_8), codec.type());
        } catch (InvalidRecordException e) {
          throw new RecordDecodingException(RecordDecodingException.Kind.CORRUPT,
              codec.type().getSimpleName() + ": invalid JSON record (" + e.getMessage() + ")", e);
        }
      }
    };
  }
}
