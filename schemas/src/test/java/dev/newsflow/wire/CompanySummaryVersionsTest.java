package dev.newsflow.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.CompanySummary;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * CompanySummary v3 added the digest: a reader of v2 still reads a v3 summary (without its digest), and a v3
 * reader reads a v2 summary with no digest. The summary of the test vector carries a digest.
 */
class CompanySummaryVersionsTest {
  private final SchemaHistory history = SchemaHistory.bundled();
  private final Schema v2 = history.versions("CompanySummary").get(1);
  private final Schema v3 = history.versions("CompanySummary").get(2);

  private CompanySummary withDigest() throws Exception {
    String vector = Files.readString(Path.of("test-vectors", "CompanySummary.json"), StandardCharsets.UTF_8);
    return CanonicalJson.read(CanonicalJson.mapper().readTree(vector).get("json"), CompanySummary.class);
  }

  @Test
  void aVersion2ReaderReadsAVersion3SummaryWithoutItsDigest() throws Exception {
    CompanySummary summary = withDigest();
    byte[] bytes = new SingleObjectCodec<>(CompanySummary.class).encode(summary);
    byte[] body = Arrays.copyOfRange(bytes, 10, bytes.length);
    GenericRecord old = new GenericDatumReader<GenericRecord>(v3, v2)
        .read(null, DecoderFactory.get().binaryDecoder(body, null));
    assertEquals(summary.getCompanyId(), old.get("companyId").toString());
    assertEquals(summary.getLatestHeadlines().size(), ((java.util.List<?>) old.get("latestHeadlines")).size());
    assertNull(old.getSchema().getField("digest"));
  }

  @Test
  void aVersion3ReaderReadsAVersion2SummaryWithNoDigest() throws Exception {
    CompanySummary summary = withDigest();
    byte[] current = new SingleObjectCodec<>(CompanySummary.class).encode(summary);
    GenericRecord asV3 = new GenericDatumReader<GenericRecord>(v3)
        .read(null, DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(current, 10, current.length), null));
    GenericRecord asV2 = new GenericData.Record(v2);
    v2.getFields().forEach(f -> asV2.put(f.name(), asV3.get(f.name())));

    CompanySummary decoded = new SingleObjectCodec<>(CompanySummary.class).decode(singleObject(v2, asV2));
    assertNull(decoded.getDigest(), "the default");
    summary.setDigest(null);
    assertEquals(CanonicalJson.write(summary), CanonicalJson.write(decoded));
  }

  private static byte[] singleObject(Schema schema, GenericRecord record) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0xC3, 0x01});
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(SchemaHistory.fingerprint(schema)).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema, GenericData.get()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
