package dev.newsflow.wire;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Process-wide Avro settings that make decoding untrusted bytes safe: caps on what one record may
 * allocate, so corrupt or hostile bytes fail with an error instead of an OutOfMemoryError, and
 * newsflow's generated record classes added to the classes Avro may instantiate. Avro reads the limit
 * properties once, when its limit class loads, so {@link #install()} runs before any decoding; every
 * codec in newsflow ensures it. A limit already set on the command line wins.
 */
public final class AvroSafety {
  /** Longest string in a record: 16 MiB (article bodies are capped far below this upstream). */
  public static final long MAX_STRING_BYTES = 16L * 1024 * 1024;
  /** Longest bytes field: 16 MiB (dead letters carry the original record). */
  public static final long MAX_BYTES = 16L * 1024 * 1024;
  /** Most items in one array or map. */
  public static final long MAX_COLLECTION_ITEMS = 1_000_000;

  private static final String RECORD_PACKAGE = "dev.newsflow.schema.";
  private static volatile boolean installed;

  private AvroSafety() {}

  public static void install() {
    if (installed) {
      return;
    }
    synchronized (AvroSafety.class) {
      if (installed) {
        return;
      }
      setIfAbsent("org.apache.avro.limits.string.maxLength", MAX_STRING_BYTES);
      setIfAbsent("org.apache.avro.limits.bytes.maxLength", MAX_BYTES);
      setIfAbsent("org.apache.avro.limits.collectionItems.maxLength", MAX_COLLECTION_ITEMS);
      ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
      ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
          type -> type.getName().startsWith(RECORD_PACKAGE)));
      installed = true;
    }
  }

  private static void setIfAbsent(String property, long value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Long.toString(value));
    }
  }
}
