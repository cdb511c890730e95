package dev.newsflow.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * {@code schemas/fingerprints.json} is what other languages decode by: it must list every released
 * version with the fingerprint a writer puts on the wire, and each file must parse on its own.
 */
class FingerprintsFileTest {
  static final Path FILE = Path.of("fingerprints.json");

  @Test
  void theCommittedFileListsEveryReleasedVersion() throws IOException {
    String expected = FingerprintIndex.json(SchemaHistory.bundled());
    String committed = Files.exists(FILE) ? Files.readString(FILE, StandardCharsets.UTF_8) : "";
    if (!expected.equals(committed)) {
      Path fresh = Path.of("target", "fingerprints.json");
      Files.createDirectories(fresh.getParent());
      Files.writeString(fresh, expected, StandardCharsets.UTF_8);
      fail("schemas/fingerprints.json does not match the schema history (a version was added?): "
          + "cp " + fresh.toAbsolutePath() + " " + FILE.toAbsolutePath());
    }
  }

  @Test
  void everyListedFileIsSelfContainedAndHasItsFingerprint() throws IOException {
    Map<String, String> entries = FingerprintIndex.entries(SchemaHistory.bundled());
    int versions = SchemaHistory.RECORDS.stream().mapToInt(r -> SchemaHistory.bundled().versions(r).size()).sum();
    assertEquals(versions, entries.size(), "one entry per released version");
    for (Map.Entry<String, String> e : entries.entrySet()) {
      // A fresh parser: no named type may come from another file.
      Schema schema = new Schema.Parser().parse(Files.readString(Path.of(e.getValue()), StandardCharsets.UTF_8));
      assertEquals(e.getKey(), SchemaHistory.wireHex(SchemaHistory.fingerprint(schema)), e.getValue());
    }
  }

  @Test
  void theFingerprintIgnoresLogicalTypes() {
    // The rule other languages must follow: a primitive with a logicalType canonicalizes to the bare
    // primitive name (python-avro 1.11 writes {"type":"long"} and gets another fingerprint).
    Schema withLogical = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}}]}");
    Schema plain = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"at\",\"type\":\"long\"}]}");
    assertEquals(SchemaHistory.fingerprint(plain), SchemaHistory.fingerprint(withLogical));
    assertTrue(org.apache.avro.SchemaNormalization.toParsingForm(withLogical).contains("\"type\":\"long\"}]"));
  }

  @Test
  void theWireHexIsTheLittleEndianBytes() {
    assertEquals("efcdab8967452301", SchemaHistory.wireHex(0x0123456789abcdefL));
  }
}
