package dev.newsflow.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * {@code schemas/test-vectors/<Record>.json}: one record per type as single-object bytes (hex) and as
 * canonical JSON. Both directions must hold: the JSON encodes to exactly those bytes, and the bytes
 * decode to exactly that JSON. When a schema version is released the bytes change; the test writes
 * the new file under {@code target/test-vectors/} and says to copy it.
 */
class TestVectorsTest {
  static final List<String> RECORDS = SchemaHistory.RECORDS;

  @ParameterizedTest
  @FieldSource("RECORDS")
  @SuppressWarnings("unchecked")
  <T extends SpecificRecord> void theBytesAndTheJsonAreTheSameRecord(String record) throws Exception {
    Path file = Path.of("test-vectors", record + ".json");
    JsonNode vector = CanonicalJson.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    Class<T> type = (Class<T>) Class.forName("dev.newsflow.schema." + record);
    SingleObjectCodec<T> codec = new SingleObjectCodec<>(type);

    T fromJson = CanonicalJson.read(vector.get("json"), type);
    String hex = HexFormat.of().formatHex(codec.encode(fromJson));
    String json = CanonicalJson.write(fromJson);
    if (!hex.equals(vector.path("hex").asText()) || !json.equals(CanonicalJson.mapper().writeValueAsString(vector.get("json")))) {
      ObjectNode fresh = CanonicalJson.mapper().createObjectNode();
      fresh.put("record", record).put("hex", hex).set("json", CanonicalJson.toTree(fromJson));
      Path out = Path.of("target", "test-vectors", record + ".json");
      Files.createDirectories(out.getParent());
      Files.writeString(out, CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(fresh) + "\n");
      fail(file + " is out of date (schema released, or JSON not in canonical form): cp " + out.toAbsolutePath()
          + " " + file.toAbsolutePath());
    }
    T fromBytes = codec.decode(HexFormat.of().parseHex(vector.get("hex").asText()));
    assertEquals(json, CanonicalJson.write(fromBytes), "the bytes decode to the JSON");
    assertEquals(SchemaHistory.wireHex(SchemaHistory.fingerprint(fromJson.getSchema())), hex.substring(4, 20),
        "bytes 2..9 are the fingerprint listed in fingerprints.json");
  }
}
