package dev.newsflow.streams.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.newsflow.json.CanonicalJson;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for the streams application's internal values (state stores and repartition topics): JSON of a
 * Java record or plain class. JSON rather than Avro because these values never leave the application;
 * unknown fields are ignored and missing ones take their defaults, so a newer release reads older state.
 */
public final class JsonSerde<T> implements Serde<T> {
  private static final ObjectMapper MAPPER = CanonicalJson.mapper().copy()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false)
      .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
      .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
      .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
      .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);

  private final Class<T> type;

  private JsonSerde(Class<T> type) {
    this.type = type;
  }

  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type);
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        return MAPPER.writeValueAsBytes(value);
      } catch (IOException e) {
        throw new SerializationException("cannot write " + type.getSimpleName() + " as JSON: " + e.getMessage(), e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return MAPPER.readValue(bytes, type);
      } catch (IOException e) {
        throw new SerializationException("cannot read " + type.getSimpleName() + " from JSON: " + e.getMessage(), e);
      }
    };
  }
}
