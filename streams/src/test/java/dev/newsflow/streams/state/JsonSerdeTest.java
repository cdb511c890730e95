package dev.newsflow.streams.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {
  record Entry(String name, long count, Double score, List<String> tags, Map<String, Long> bySource) {}

  /** A plain class with private fields and a map keyed by numbers, as the company state is written. */
  static final class Hours {
    private long newest = Long.MIN_VALUE;
    private TreeMap<Long, Entry> hours = new TreeMap<>();
  }

  private final JsonSerde<Entry> entries = JsonSerde.of(Entry.class);

  @Test
  void writesSmileAndReadsItBack() {
    Entry e = new Entry("字节跳动 Seedance 2.0", 3, null, List.of("ai", "video"), Map.of("reuters.com", 2L));
    byte[] bytes = entries.serializer().serialize("t", e);
    assertTrue(JsonSerde.isSmile(bytes), "written with Smile's header");
    assertEquals(e, entries.deserializer().deserialize("t", bytes));
  }

  @Test
  void plainClassesWithPrivateFieldsRoundTrip() {
    JsonSerde<Hours> serde = JsonSerde.of(Hours.class);
    Hours h = new Hours();
    h.newest = 1_770_000_000_000L;
    h.hours.put(1_769_997_600_000L, new Entry("a", 1, 0.25, List.of(), Map.of()));
    Hours back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", h));
    assertEquals(h.newest, back.newest);
    assertEquals(h.hours, back.hours);
  }

  @Test
  void readsValuesAnEarlierReleaseWroteAsJson() {
    byte[] json = "{\"name\":\"Acme\",\"count\":2,\"tags\":[\"x\"],\"bySource\":{\"a.com\":2},\"dropped\":true}"
        .getBytes(StandardCharsets.UTF_8);
    assertEquals(new Entry("Acme", 2, null, List.of("x"), Map.of("a.com", 2L)),
        entries.deserializer().deserialize("t", json));
  }

  @Test
  void nullStaysNull() {
    assertNull(entries.serializer().serialize("t", null));
    assertNull(entries.deserializer().deserialize("t", null));
  }

  @Test
  void damagedBytesAreAClearError() {
    byte[] written = entries.serializer().serialize("t", new Entry("Acme", 1, null, List.of(), Map.of()));
    byte[] cut = java.util.Arrays.copyOf(written, written.length / 2);
    SerializationException e = assertThrows(SerializationException.class, () -> entries.deserializer().deserialize("t", cut));
    assertTrue(e.getMessage().startsWith("cannot read Entry from Smile"), e.getMessage());
    SerializationException j = assertThrows(SerializationException.class,
        () -> entries.deserializer().deserialize("t", "{\"name\":".getBytes(StandardCharsets.UTF_8)));
    assertTrue(j.getMessage().startsWith("cannot read Entry from JSON"), j.getMessage());
  }
}
