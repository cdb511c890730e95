package dev.newsflow.wire;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * FULL_TRANSITIVE compatibility: every version can read data written by every other version, in both
 * directions. This is what lets old and new newsflow stages share topics during a rolling upgrade.
 */
public final class CompatibilityCheck {
  private CompatibilityCheck() {}

  /** Every incompatible (reader, writer) pair among {@code versions}, described; empty when compatible. */
  public static List<String> fullTransitive(List<Schema> versions) {
    List<String> problems = new ArrayList<>();
    for (int r = 0; r < versions.size(); r++) {
      for (int w = 0; w < versions.size(); w++) {
        if (r == w) {
          continue;
        }
        SchemaPairCompatibility result =
            SchemaCompatibility.checkReaderWriterCompatibility(versions.get(r), versions.get(w));
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
          problems.add("v" + (r + 1) + " cannot read v" + (w + 1) + ": " + result.getResult().getIncompatibilities());
        }
      }
    }
    return problems;
  }
}
