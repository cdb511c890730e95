package dev.newsflow.app.reliability;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.schema.Article;
import dev.newsflow.testkit.InvalidUtf8;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Records no reader should accept on {@code articles.raw}, in the kinds a broken or hostile producer
 * writes: random bytes, truncated Avro, a wrong header, an unknown schema fingerprint, lengths over the
 * limits (a string length prefix far beyond any buffer, and a title over the article limit), text
 * that is not even UTF-8 (a Latin-1 JSON line), and a well-formed Avro article whose title holds invalid
 * UTF-8 (which a lenient reader would turn into U+FFFD). Seeded: the same seed gives the same bytes.
 */
final class PoisonRecords {
  /** One poison record: its key, its bytes and what kind of damage it carries. */
  record Poison(String key, byte[] value, String kind) {}

  private PoisonRecords() {}

  static List<Poison> make(NewsflowConfig config, long seed, int count) {
    Random random = new Random(seed);
    var serializer = config.topics().articlesRaw().valueSerde().serializer();
    String topic = config.topics().articlesRaw().name();
    List<Poison> poison = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String key = String.format("poison-%03d", i);
      Article valid = Article.newBuilder().setId(key).setTitle("Poison " + i).setBody("body " + i)
          .setPublishedAt(Instant.parse("2026-03-02T10:30:00Z")).setSource("poison").setLanguage("en").build();
      byte[] good = serializer.serialize(topic, valid);
      byte[] bytes;
      String kind;
      switch (i % 8) {
        case 0 -> {
          kind = "random bytes";
          bytes = new byte[16 + random.nextInt(200)];
          random.nextBytes(bytes);
          bytes[0] = 0x7b; // never the C3 01 marker
        }
        case 1 -> {
          kind = "truncated Avro";
          bytes = Arrays.copyOf(good, 10 + random.nextInt(Math.max(1, good.length / 2 - 10)));
        }
        case 2 -> {
          kind = "wrong header";
          bytes = good.clone();
          bytes[1] = 0x02;
        }
        case 3 -> {
          kind = "unknown fingerprint";
          bytes = good.clone();
          for (int b = 2; b < 10; b++) {
            bytes[b] = (byte) random.nextInt(256);
          }
        }
        case 4 -> {
          kind = "length prefix over the limit";
          bytes = Arrays.copyOf(good, 10 + 5);
          // The first field's length as a zig-zag varint of about 1 GB.
          long zigzag = 1_000_000_000L << 1;
          for (int b = 10; b < 15; b++) {
            bytes[b] = (byte) ((zigzag & 0x7f) | (b < 14 ? 0x80 : 0));
            zigzag >>>= 7;
          }
        }
        case 5 -> {
          kind = "title over the limit";
          Article oversized = Article.newBuilder(valid).setTitle("x".repeat(5_000)).build();
          bytes = serializer.serialize(topic, oversized);
        }
        case 6 -> {
          kind = "invalid UTF-8 inside an Avro string";
          bytes = InvalidUtf8.inTitle(valid);
        }
        default -> {
          kind = "not UTF-8 (a Latin-1 JSON line)";
          bytes = ("{\"id\":\"" + key + "\",\"title\":\"Caf\u00e9 fran\u00e7ais\"}").getBytes(StandardCharsets.ISO_8859_1);
        }
      }
      poison.add(new Poison(key, bytes, kind));
    }
    return poison;
  }
}
