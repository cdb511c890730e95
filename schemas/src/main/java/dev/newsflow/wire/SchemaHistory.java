package dev.newsflow.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every released version of every newsflow record schema, read from the classpath
 * ({@code dev/newsflow/schema/history/<Record>/v<N>.avsc}, self-contained JSON). A reader looks up
 * the writer's schema here by its CRC-64-AVRO fingerprint, so records written by any release decode.
 */
public final class SchemaHistory implements SchemaStore {
  /** The record types whose history newsflow keeps. */
  public static final List<String> RECORDS =
      List.of("Article", "Release", "Company", "EnrichedArticle", "CompanySummary", "Alert", "DeadLetter",
          "CompanyActivity", "AlertRule", "Story", "DigestDelivery");

  public static final String ROOT = "dev/newsflow/schema/history/";

  private static final SchemaHistory BUNDLED = load(SchemaHistory.class.getClassLoader());

  private final Map<String, List<Schema>> versionsByRecord;
  private final Map<Long, Schema> byFingerprint;

  private SchemaHistory(Map<String, List<Schema>> versionsByRecord) {
    this.versionsByRecord = versionsByRecord;
    Map<Long, Schema> index = new HashMap<>();
    versionsByRecord.values().forEach(list -> list.forEach(s -> index.put(fingerprint(s), s)));
    this.byFingerprint = Map.copyOf(index);
  }

  /** The history shipped with this build. */
  public static SchemaHistory bundled() {
    return BUNDLED;
  }

  private static SchemaHistory load(ClassLoader loader) {
    Map<String, List<Schema>> versions = new LinkedHashMap<>();
    for (String record : RECORDS) {
      List<Schema> list = new ArrayList<>();
      for (int v = 1; ; v++) {
        String path = file(record, v);
        try (InputStream in = loader.getResourceAsStream(path)) {
          if (in == null) {
            break;
          }
          list.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read schema " + path, e);
        }
      }
      if (list.isEmpty()) {
        throw new IllegalStateException("no released schema for " + record + " under " + ROOT);
      }
      versions.put(record, Collections.unmodifiableList(list));
    }
    return new SchemaHistory(Collections.unmodifiableMap(versions));
  }

  /** A history made of the given versions, for tests and tools. */
  public static SchemaHistory of(Map<String, List<Schema>> versionsByRecord) {
    return new SchemaHistory(Map.copyOf(versionsByRecord));
  }

  /** All released versions of a record, oldest first. */
  public List<Schema> versions(String record) {
    List<Schema> list = versionsByRecord.get(record);
    if (list == null) {
      throw new IllegalArgumentException("unknown record type " + record);
    }
    return list;
  }

  public Schema latest(String record) {
    List<Schema> list = versions(record);
    return list.get(list.size() - 1);
  }

  @Override
  public Schema findByFingerprint(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }

  /**
   * CRC-64-AVRO of the schema's Parsing Canonical Form, as the Avro specification defines it: logical
   * types and every other non-parsing attribute are dropped ({@code {"type":"long","logicalType":
   * "timestamp-millis"}} becomes {@code "long"}).
   */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  /**
   * The fingerprint as it travels: the 8 bytes after {@code C3 01} (little-endian), in lowercase hex,
   * so a reader in any language looks up {@code bytes[2:10]} as written.
   */
  public static String wireHex(long fingerprint) {
    byte[] bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint).array();
    return HexFormat.of().formatHex(bytes);
  }

  /** The classpath resource of a released version, e.g. {@code dev/newsflow/schema/history/Alert/v1.avsc}. */
  public static String file(String record, int version) {
    return ROOT + record + "/v" + version + ".avsc";
  }
}
