package dev.newsflow.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * {@code schemas/fingerprints.json}: every released schema version's wire fingerprint (the 8 bytes
 * after {@code C3 01}, hex) mapped to its self-contained {@code .avsc} file, relative to the
 * {@code schemas/} folder. Readers in other languages look the writer's schema up here instead of
 * computing fingerprints themselves. {@code FingerprintsFileTest} keeps the committed file equal to
 * {@link #json(SchemaHistory)}, so a version added to the history is listed or the build fails.
 */
public final class FingerprintIndex {
  /** Where the history files sit relative to the {@code schemas/} module folder. */
  public static final String RESOURCES = "src/main/resources/";

  private FingerprintIndex() {}

  /** Fingerprint hex → file, sorted by fingerprint. */
  public static Map<String, String> entries(SchemaHistory history) {
    Map<String, String> entries = new TreeMap<>();
    for (String record : SchemaHistory.RECORDS) {
      List<Schema> versions = history.versions(record);
      for (int v = 1; v <= versions.size(); v++) {
        String hex = SchemaHistory.wireHex(SchemaHistory.fingerprint(versions.get(v - 1)));
        String previous = entries.put(hex, RESOURCES + SchemaHistory.file(record, v));
        if (previous != null) {
          throw new IllegalStateException(previous + " and " + record + " v" + v + " have the same fingerprint " + hex);
        }
      }
    }
    return entries;
  }

  /** The file's whole text: an indented JSON object, one entry per line, ending in a newline. */
  public static String json(SchemaHistory history) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    entries(history).forEach(root::put);
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
