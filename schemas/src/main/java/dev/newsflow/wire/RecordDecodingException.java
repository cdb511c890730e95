package dev.newsflow.wire;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that are not a record newsflow can read. It is a Kafka {@link SerializationException}, so
 * consumers and Kafka Streams' deserialization handlers treat it as a poison record, not a crash.
 */
public final class RecordDecodingException extends SerializationException {
  /** Why the bytes could not be decoded. */
  public enum Kind {
    /** Not Avro single-object encoding: the two-byte marker is missing or the record is truncated. */
    BAD_HEADER,
    /** Well-formed header, but no known schema version has this fingerprint. */
    UNKNOWN_SCHEMA,
    /** The body does not decode with the writer's schema, or exceeds a size limit. */
    CORRUPT
  }

  private final Kind kind;

  public RecordDecodingException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
