package dev.newsflow.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding ({@code C3 01}, the writer schema's 8-byte CRC-64-AVRO fingerprint, the
 * binary body) for one record type. Decoding resolves any released writer version to the current
 * reader schema; anything else raises a {@link RecordDecodingException}, including a string whose
 * bytes are not valid UTF-8 (Avro alone would replace them with U+FFFD).
 */
public final class SingleObjectCodec<T extends SpecificRecord> {
  static {
    AvroSafety.install();
  }

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  public SingleObjectCodec(Class<T> type) {
    this(type, SchemaHistory.bundled());
  }

  public SingleObjectCodec(Class<T> type, SchemaHistory history) {
    this.type = type;
    Schema schema = SpecificData.get().getSchema(type);
    SpecificData model = SpecificData.getForClass(type);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(new StrictUtf8Data(model), schema, history);
    // Current schema first, so a record written by this build never needs the store.
    this.decoder.addSchema(schema);
  }

  public Class<T> type() {
    return type;
  }

  public byte[] encode(T record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NullPointerException | ClassCastException | AvroRuntimeException e) {
      // Avro reports a missing required field as an NPE deep in the writer; say which record.
      throw new IllegalArgumentException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  public T decode(byte[] bytes) {
    String what = type.getSimpleName();
    try {
      return decoder.decode(bytes);
    } catch (MissingSchemaException e) {
      throw new RecordDecodingException(RecordDecodingException.Kind.UNKNOWN_SCHEMA,
          what + ": no released schema has the writer's fingerprint (" + e.getMessage()
              + "); was it written by a newer newsflow?", e);
    } catch (BadHeaderException e) {
      throw new RecordDecodingException(RecordDecodingException.Kind.BAD_HEADER,
          what + ": not Avro single-object encoding (" + e.getMessage() + ")", e);
    } catch (StrictUtf8Data.InvalidUtf8Exception e) {
      throw new RecordDecodingException(RecordDecodingException.Kind.CORRUPT,
          what + ": invalid UTF-8 in a string" + (e.fieldPath().isEmpty() ? "" : " (field " + e.fieldPath() + ")")
              + ": " + e.byteAndOffset() + " of the string", e);
    } catch (IOException | RuntimeException e) {
      // Truncated bodies surface as EOFException; garbage as AvroRuntimeException, a size-limit
      // error (AvroSafety) or an index error from a bad union branch.
      throw new RecordDecodingException(RecordDecodingException.Kind.CORRUPT,
          what + ": corrupt record body (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
  }
}
