package dev.newsflow.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.Alert;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Mention;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SingleObjectCodecTest {
  private final SingleObjectCodec<Article> codec = new SingleObjectCodec<>(Article.class);

  static Article article() {
    return Article.newBuilder()
        .setId("a-1")
        .setTitle("ByteDance releases Seedance 2.0")
        .setBody("字节跳动 发布 Seedance 2.0 视频生成模型。")
        .setUrl("https://example.com/seedance")
        .setSource("Example Wire")
        .setPublishedAt(Instant.parse("2026-02-10T08:30:00Z"))
        .setLanguage("en")
        .build();
  }

  @Test
  void roundTripsARecord() {
    Article original = article();
    assertEquals(original, codec.decode(codec.encode(original)));
  }

  @Test
  void writesSingleObjectEncodingWithTheSchemaFingerprint() {
    byte[] bytes = codec.encode(article());
    assertEquals((byte) 0xC3, bytes[0]);
    assertEquals((byte) 0x01, bytes[1]);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(SchemaHistory.fingerprint(Article.getClassSchema()), fingerprint);
  }

  @Test
  void roundTripsNestedRecords() {
    SingleObjectCodec<EnrichedArticle> enriched = new SingleObjectCodec<>(EnrichedArticle.class);
    EnrichedArticle record = EnrichedArticle.newBuilder()
        .setId("a-1").setTitle("t").setBody("b")
        .setMentions(List.of(Mention.newBuilder().setCompanyId("bytedance").setAlias("字节跳动")
            .setCount(2).setSalience(0.8).setInTitle(true).build()))
        .setStoryId("s-1").setEnrichmentVersion("test")
        .build();
    assertEquals(record, enriched.decode(enriched.encode(record)));
  }

  @Test
  void readsARecordWrittenWithAnOlderReleasedSchema() throws Exception {
    Schema older = SchemaHistoryTest.fixture("evolved/Article/v0.avsc");
    SchemaHistory history = SchemaHistory.of(Map.of("Article", List.of(older, Article.getClassSchema())));
    SingleObjectCodec<Article> reader = new SingleObjectCodec<>(Article.class, history);

    GenericRecord old = new GenericData.Record(older);
    old.put("id", "old-1");
    old.put("title", "Old title");
    old.put("body", "Old body");
    old.put("publishedAt", 1_700_000_000_000L);
    old.put("legacyScore", 3.5);

    Article decoded = reader.decode(singleObject(older, old));
    assertEquals("old-1", decoded.getId());
    assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), decoded.getPublishedAt());
    assertNull(decoded.getLanguage(), "a field the writer did not have takes its default");
  }

  @Test
  void anUnknownFingerprintIsATypedError() {
    byte[] bytes = codec.encode(article());
    bytes[5] ^= 0x5A; // corrupt the fingerprint
    RecordDecodingException e = assertThrows(RecordDecodingException.class, () -> codec.decode(bytes));
    assertEquals(RecordDecodingException.Kind.UNKNOWN_SCHEMA, e.kind());
    assertTrue(e.getMessage().contains("Article"), e.getMessage());
  }

  @Test
  void bytesThatAreNotSingleObjectEncodingAreATypedError() {
    byte[] json = "{\"id\":\"a-1\"}".getBytes();
    RecordDecodingException e = assertThrows(RecordDecodingException.class, () -> codec.decode(json));
    assertEquals(RecordDecodingException.Kind.BAD_HEADER, e.kind());
  }

  @Test
  void aTruncatedBodyIsATypedError() {
    byte[] bytes = codec.encode(article());
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 12);
    RecordDecodingException e = assertThrows(RecordDecodingException.class, () -> codec.decode(truncated));
    assertEquals(RecordDecodingException.Kind.CORRUPT, e.kind());
  }

  @Test
  void aHugeLengthPrefixFailsFastInsteadOfAllocating() {
    // Header + fingerprint of the current schema, then a string length of ~2^62 (zig-zag varint).
    byte[] header = Arrays.copyOf(codec.encode(article()), 10);
    byte[] hostile = new byte[header.length + 10];
    System.arraycopy(header, 0, hostile, 0, header.length);
    Arrays.fill(hostile, header.length, hostile.length - 1, (byte) 0xFE);
    hostile[hostile.length - 1] = 0x7F;
    RecordDecodingException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> assertThrows(RecordDecodingException.class, () -> codec.decode(hostile)));
    assertEquals(RecordDecodingException.Kind.CORRUPT, e.kind());
  }

  @Test
  void aHugeCollectionCountFailsFast() {
    SingleObjectCodec<EnrichedArticle> enriched = new SingleObjectCodec<>(EnrichedArticle.class);
    EnrichedArticle record = EnrichedArticle.newBuilder()
        .setId("a").setTitle("t").setBody("b").setStoryId("s").setEnrichmentVersion("v").build();
    byte[] bytes = enriched.encode(record);
    // Fields: id, title, body (1+1 bytes each), 5 null unions (1 byte each), then the mentions count.
    int mentionsCountAt = 10 + 2 * 3 + 5;
    byte[] hostile = Arrays.copyOf(bytes, bytes.length + 8);
    System.arraycopy(new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}, 0, hostile, mentionsCountAt, 5);
    RecordDecodingException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> assertThrows(RecordDecodingException.class, () -> enriched.decode(hostile)));
    assertEquals(RecordDecodingException.Kind.CORRUPT, e.kind());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "c328",     // a lead byte followed by ASCII instead of a continuation byte
      "eda080",   // a UTF-16 surrogate (U+D800) encoded as if it were a character
      "c0af",     // an overlong '/'
      "80",       // a continuation byte with no lead
      "f4908080", // past U+10FFFF
      "ff"})      // never valid in UTF-8
  void aStringThatIsNotUtf8IsCorruptAndNamesItsField(String hex) {
    byte[] invalid = HexFormat.of().parseHex(hex);
    Article article = Article.newBuilder(article()).setTitle("before " + marker(invalid.length) + " after").build();
    byte[] bytes = replaceOnce(codec.encode(article), marker(invalid.length), invalid);

    RecordDecodingException e = assertThrows(RecordDecodingException.class, () -> codec.decode(bytes));
    assertEquals(RecordDecodingException.Kind.CORRUPT, e.kind());
    // the first byte that starts no valid sequence, and where it is in the string ("before " is 7 bytes)
    assertEquals("Article: invalid UTF-8 in a string (field title): byte 0x" + hex.substring(0, 2).toUpperCase(Locale.ROOT)
        + " at offset 7 of the string", e.getMessage());
  }

  @Test
  void invalidUtf8IsRefusedInUnionsNestedRecordsArraysAndMapKeys() {
    byte[] invalid = {(byte) 0xC3, 0x28};
    String mark = marker(invalid.length);

    byte[] url = replaceOnce(codec.encode(Article.newBuilder(article()).setUrl("https://x/" + mark).build()), mark, invalid);
    assertEquals("Article: invalid UTF-8 in a string (field url): byte 0xC3 at offset 10 of the string", corruption(codec, url));

    SingleObjectCodec<EnrichedArticle> enriched = new SingleObjectCodec<>(EnrichedArticle.class);
    EnrichedArticle withMention = EnrichedArticle.newBuilder()
        .setId("a-1").setTitle("t").setBody("b").setStoryId("s-1").setEnrichmentVersion("test")
        .setMentions(List.of(Mention.newBuilder().setCompanyId("c").setAlias(mark).setCount(1).setSalience(0.5)
            .setInTitle(false).build()))
        .build();
    byte[] alias = replaceOnce(enriched.encode(withMention), mark, invalid);
    assertEquals("EnrichedArticle: invalid UTF-8 in a string (field mentions.alias): byte 0xC3 at offset 0 "
        + "of the string", corruption(enriched, alias));

    SingleObjectCodec<Alert> alerts = new SingleObjectCodec<>(Alert.class);
    Alert alert = Alert.newBuilder().setId("al-1").setRuleId("r").setRuleType("WATCH").setTitle("t")
        .setFiredAt(Instant.parse("2026-02-10T08:30:00Z"))
        .setEvidence(List.of("a-1", "a-" + mark)).setMetrics(Map.of("ok", 1.0)).build();
    byte[] evidence = replaceOnce(alerts.encode(alert), mark, invalid);
    assertEquals("Alert: invalid UTF-8 in a string (field evidence): byte 0xC3 at offset 2 of the string", corruption(alerts, evidence));

    Alert keyed = Alert.newBuilder(alert).setEvidence(List.of()).setMetrics(Map.of("m" + mark, 2.0)).build();
    byte[] mapKey = replaceOnce(alerts.encode(keyed), mark, invalid);
    assertEquals("Alert: invalid UTF-8 in a string (field metrics): byte 0xC3 at offset 1 of the string", corruption(alerts, mapKey));
  }

  @Test
  void validUtf8DecodesUnchangedIncludingAnEncodedReplacementCharacter() {
    String text = "字节跳动 发布 🎬🤖 mañana \uFFFD end"; // CJK, 4-byte emoji, Latin-1 range, a real U+FFFD
    Article original = Article.newBuilder(article()).setTitle(text).setBody(text).setUrl(text).build();
    byte[] bytes = codec.encode(original);
    assertTrue(indexOf(bytes, new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD}) > 0, "U+FFFD is on the wire");

    Article decoded = codec.decode(bytes);
    assertEquals(original, decoded);
    assertEquals(text, decoded.getTitle());
    assertEquals(Instant.parse("2026-02-10T08:30:00Z"), decoded.getPublishedAt(), "logical types still convert");
  }

  @Test
  void theSerdeTreatsNullAsATombstone() {
    AvroSerde<Article> serde = new AvroSerde<>(Article.class);
    assertNull(serde.serializer().serialize("t", null));
    assertNull(serde.deserializer().deserialize("t", null));
    byte[] bytes = serde.serializer().serialize("t", article());
    assertArrayEquals(codec.encode(article()), bytes);
  }

  private static String corruption(SingleObjectCodec<?> codec, byte[] bytes) {
    RecordDecodingException e = assertThrows(RecordDecodingException.class, () -> codec.decode(bytes));
    assertEquals(RecordDecodingException.Kind.CORRUPT, e.kind());
    return e.getMessage();
  }

  /** ASCII placeholder as long as the bytes that will replace it on the wire (so length prefixes hold). */
  private static String marker(int length) {
    return "#".repeat(length);
  }

  private static byte[] replaceOnce(byte[] bytes, String marker, byte[] replacement) {
    byte[] target = marker.getBytes(StandardCharsets.US_ASCII);
    int at = indexOf(bytes, target);
    assertTrue(at >= 0 && indexOf(Arrays.copyOfRange(bytes, at + 1, bytes.length), target) < 0,
        "the marker occurs exactly once");
    byte[] patched = bytes.clone();
    System.arraycopy(replacement, 0, patched, at, replacement.length);
    return patched;
  }

  private static int indexOf(byte[] bytes, byte[] target) {
    for (int i = 0; i + target.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + target.length, target, 0, target.length)) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] singleObject(Schema schema, GenericRecord record) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0xC3, 0x01});
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(SchemaHistory.fingerprint(schema)).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    GenericData model = new GenericData();
    model.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.TimestampMillisConversion());
    new GenericDatumWriter<GenericRecord>(schema, GenericData.get()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
