package dev.newsflow.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Mention;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

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

  @Test
  void theSerdeTreatsNullAsATombstone() {
    AvroSerde<Article> serde = new AvroSerde<>(Article.class);
    assertNull(serde.serializer().serialize("t", null));
    assertNull(serde.deserializer().deserialize("t", null));
    byte[] bytes = serde.serializer().serialize("t", article());
    assertArrayEquals(codec.encode(article()), bytes);
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
