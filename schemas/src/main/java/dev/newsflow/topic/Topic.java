package dev.newsflow.topic;

import org.apache.kafka.common.serialization.Serde;

/**
 * A newsflow topic: its full name and the serdes of its keys and values, so that no topic name or
 * serde is spelled twice. {@code compacted} topics keep the latest value per key.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {
  @Override
  public String toString() {
    return name;
  }
}
