package dev.newsflow.streams.aggregate;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * How many articles mention a company and how many mentions they hold. Also used as a change (+1 article
 * with 3 mentions, or −1 article with 2 when a revision drops the company).
 */
public record Tally(long articles, long mentions) {
  public static final Tally ZERO = new Tally(0, 0);

  public Tally plus(Tally other) {
    return new Tally(articles + other.articles, mentions + other.mentions);
  }

  public Tally negate() {
    return new Tally(-articles, -mentions);
  }

  /** Sixteen bytes: articles then mentions, big-endian. */
  public static final Serde<Tally> SERDE = Serdes.serdeFrom(
      (Serializer<Tally>) (topic, t) -> t == null ? null
          : ByteBuffer.allocate(16).putLong(t.articles).putLong(t.mentions).array(),
      (Deserializer<Tally>) (topic, bytes) -> {
        if (bytes == null) {
          return null;
        }
        if (bytes.length != 16) {
          throw new SerializationException("a tally is 16 bytes, got " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new Tally(b.getLong(), b.getLong());
      });
}
