package dev.newsflow.streams.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import dev.newsflow.json.CanonicalJson;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for the streams application's internal values (state stores and repartition topics): a Java record
 * or plain class in Jackson's data model, written as Smile (Jackson's binary form of JSON: the same model,
 * field names said once per value, numbers in binary). These values never leave the application, so their
 * form is its own affair; unknown fields are ignored and missing ones take their defaults, so a newer release
 * reads older state.
 *
 * <p>Values are read in either form: Smile opens with its header ({@code :)\n}), which no JSON document can,
 * so a store or topic written as JSON by an earlier release is read as it is and rewritten as Smile the next
 * time its key changes. Smile over JSON because it is measured cheaper: the company state, company events
 * and digest lists were 15 % of the topology's own CPU as JSON (BENCHMARKS.md). Smile over Avro because Avro's
 * reflection cannot write these types as they are (records without a no-argument constructor, null fields, maps
 * keyed by longs), so Avro would need a schema and a mapping each way per type, and where a mapping was measured
 * it was no faster ({@code InternalSerdeCost}; BENCHMARKS.md, "Internal values: Smile, hand-written and Avro").
 */
public final class JsonSerde<T> implements Serde<T> {
  private static final ObjectMapper JSON = configured(CanonicalJson.mapper().copy());
  private static final ObjectMapper SMILE = configured(CanonicalJson.mapper().copyWith(smileFactory()));

  private final Class<T> type;
  /** Readers bound to the type: its deserializer found once, not looked up for every value read. */
  private final ObjectReader smileReader;
  private final ObjectReader jsonReader;

  private JsonSerde(Class<T> type) {
    this.type = type;
    this.smileReader = SMILE.readerFor(type);
    this.jsonReader = JSON.readerFor(type);
  }

  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type);
  }

  private static SmileFactory smileFactory() {
    SmileFactory factory = SmileFactory.builder().build();
    // The same input limits as newsflow's JSON.
    factory.setStreamReadConstraints(CanonicalJson.mapper().getFactory().streamReadConstraints());
    return factory;
  }

  private static ObjectMapper configured(ObjectMapper mapper) {
    return mapper
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false)
        .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
        .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
        .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
        .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
        .registerModule(new BlackbirdModule());
  }

  /** Whether {@code bytes} open with Smile's header; JSON starts with a brace, a bracket or white space. */
  static boolean isSmile(byte[] bytes) {
    return bytes.length >= 3 && bytes[0] == ':' && bytes[1] == ')' && bytes[2] == '\n';
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        return SMILE.writeValueAsBytes(value);
      } catch (IOException e) {
        throw new SerializationException("cannot write " + type.getSimpleName() + ": " + e.getMessage(), e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      boolean smile = isSmile(bytes);
      try {
        return (smile ? smileReader : jsonReader).readValue(bytes);
      } catch (IOException e) {
        throw new SerializationException("cannot read " + type.getSimpleName() + " from " + (smile ? "Smile" : "JSON")
            + ": " + e.getMessage(), e);
      }
    };
  }
}
