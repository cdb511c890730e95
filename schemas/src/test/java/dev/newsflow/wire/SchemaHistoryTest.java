package dev.newsflow.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

class SchemaHistoryTest {
  static final List<String> RECORDS = SchemaHistory.RECORDS;

  @ParameterizedTest
  @FieldSource("RECORDS")
  void everyReleasedVersionIsFullTransitiveCompatible(String record) {
    List<Schema> versions = SchemaHistory.bundled().versions(record);
    assertEquals(List.of(), CompatibilityCheck.fullTransitive(versions), record);
  }

  @ParameterizedTest
  @FieldSource("RECORDS")
  void theCurrentSchemaIsTheLatestReleasedVersion(String record) throws Exception {
    Schema current = SpecificData.get().getSchema(Class.forName("dev.newsflow.schema." + record));
    List<Schema> versions = SchemaHistory.bundled().versions(record);
    Schema latest = versions.get(versions.size() - 1);
    if (!SchemaNormalization.toParsingForm(current).equals(SchemaNormalization.toParsingForm(latest))) {
      // Tell the developer exactly how to release the change.
      Path release = Path.of("target", "schema-release", record, "v" + (versions.size() + 1) + ".avsc");
      Files.createDirectories(release.getParent());
      Files.writeString(release, current.toString(true) + "\n");
      fail(record + " changed since its last released version (v" + versions.size() + "). If the change is "
          + "meant to ship, copy " + release.toAbsolutePath() + " to src/main/resources/" + SchemaHistory.ROOT
          + record + "/ and keep every earlier version.");
    }
  }

  @Test
  void theCheckFailsOnAnIncompatibleChange() throws IOException {
    List<Schema> versions = List.of(fixture("incompatible/Article/v1.avsc"), fixture("incompatible/Article/v2.avsc"));
    List<String> problems = CompatibilityCheck.fullTransitive(versions);
    assertFalse(problems.isEmpty(), "adding a required field without a default must be reported");
    assertTrue(problems.get(0).contains("v2 cannot read v1"), problems.toString());
    assertTrue(problems.get(0).contains("wordCount"), problems.toString());
  }

  @Test
  void theCheckAcceptsAnOptionalFieldWithADefault() throws IOException {
    Schema older = fixture("evolved/Article/v0.avsc");
    Schema current = SchemaHistory.bundled().latest("Article");
    assertEquals(List.of(), CompatibilityCheck.fullTransitive(List.of(older, current)));
  }

  static Schema fixture(String path) throws IOException {
    try (InputStream in = SchemaHistoryTest.class.getClassLoader().getResourceAsStream(path)) {
      return new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
