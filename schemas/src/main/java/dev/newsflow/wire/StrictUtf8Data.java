package dev.newsflow.wire;

import dev.newsflow.io.StrictUtf8;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.ResolvingDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;

/**
 * The decoding model of {@link SingleObjectCodec}: a record's own {@link SpecificData} (its logical-type
 * conversions) whose readers refuse a string that is not valid UTF-8. Avro's decoders turn such bytes
 * into U+FFFD without a word, which would store a corrupt record as if it were fine.
 *
 * <p>Being a subclass turns off Avro's fast reader (it accepts only the exact {@code SpecificData}
 * class, and reads strings itself), and custom coders are refused too: both would read strings
 * without passing through {@link StrictUtf8Reader#readString}. Strings of writer fields the reader
 * does not have are skipped unread, so they are not checked.
 */
final class StrictUtf8Data extends SpecificData {
  private static final char REPLACEMENT = '\uFFFD';

  StrictUtf8Data(SpecificData recordModel) {
    super(recordModel.getClassLoader());
    recordModel.getConversions().forEach(this::addLogicalTypeConversion);
  }

  @Override
  public boolean useCustomCoders() {
    return false;
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public DatumReader createDatumReader(Schema writer, Schema reader) {
    return new StrictUtf8Reader(writer, reader, this);
  }

  /** A string whose bytes are not UTF-8, with the path of fields it sits in. */
  static final class InvalidUtf8Exception extends AvroRuntimeException {
    private String fieldPath = "";

    private final String byteAndOffset;

    InvalidUtf8Exception(StrictUtf8.MalformedUtf8Exception cause) {
      super(cause.getMessage(), cause);
      this.byteAndOffset = cause.byteAndOffset();
    }

    /** The first bad byte and its offset in the string's bytes, e.g. {@code byte 0xFF at offset 3}. */
    String byteAndOffset() {
      return byteAndOffset;
    }

    /** Dotted field names from the record down to the string, e.g. {@code mentions.alias}. */
    String fieldPath() {
      return fieldPath;
    }

    void enteredFrom(String field) {
      fieldPath = fieldPath.isEmpty() ? field : field + "." + fieldPath;
    }
  }

  private static final class StrictUtf8Reader<T> extends SpecificDatumReader<T> {
    StrictUtf8Reader(Schema writer, Schema reader, SpecificData data) {
      super(writer, reader, data);
    }

    // Every string goes through here: record fields, array items, union branches, map keys (readMapKey).
    @Override
    protected Object readString(Object old, Schema expected, Decoder in) throws IOException {
      Utf8 raw = in.readString((Utf8) null); // the bytes as written, not yet decoded
      String text = decode(raw);
      Class<?> stringClass = findStringClass(expected);
      if (stringClass == String.class) {
        return text;
      }
      if (stringClass == CharSequence.class) {
        return raw;
      }
      return newInstanceFromString(stringClass, text);
    }

    @Override
    protected void readField(Object record, Schema.Field field, Object oldDatum, ResolvingDecoder in, Object state)
        throws IOException {
      try {
        super.readField(record, field, oldDatum, in, state);
      } catch (InvalidUtf8Exception e) {
        e.enteredFrom(field.name());
        throw e;
      }
    }

    private static String decode(Utf8 raw) {
      String text = new String(raw.getBytes(), 0, raw.getByteLength(), StandardCharsets.UTF_8);
      // The JDK's own (fast) decoding puts U+FFFD wherever bytes are malformed: with none, all were valid.
      // With one, a strict decoder tells a malformed sequence from a U+FFFD that was validly encoded.
      if (text.indexOf(REPLACEMENT) >= 0) {
        try {
          StrictUtf8.decode(raw.getBytes(), 0, raw.getByteLength());
        } catch (StrictUtf8.MalformedUtf8Exception e) {
          throw new InvalidUtf8Exception(e);
        }
      }
      return text;
    }
  }
}
