package dev.newsflow.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding, the one way newsflow reads bytes that must be UTF-8: bytes that are not are refused,
 * never turned into U+FFFD, and the refusal names where the first bad byte is and what it is, so that a user
 * can find it ({@code byte 0xE9 at offset 17 (line 2)}: Latin-1 text, most likely).
 */
public final class StrictUtf8 {
  private StrictUtf8() {}

  /** Bytes that are not UTF-8: the first bad one (the start of the sequence that cannot be decoded), and where. */
  public static final class MalformedUtf8Exception extends CharacterCodingException {
    private final int offset;
    private final int value;
    private final int line;

    MalformedUtf8Exception(int offset, int value, int line) {
      this.offset = offset;
      this.value = value;
      this.line = line;
    }

    /** Counted from 0, from the start of the bytes decoded. */
    public int offset() {
      return offset;
    }

    /** The byte, 0 to 255. */
    public int value() {
      return value;
    }

    /** Counted from 1: one more than the newline bytes before the bad one. */
    public int line() {
      return line;
    }

    /** E.g. {@code byte 0xFF at offset 3}: for bytes that are not lines of text (an Avro string, one line). */
    public String byteAndOffset() {
      return String.format("byte 0x%02X at offset %d", value, offset);
    }

    /** E.g. {@code not valid UTF-8: byte 0xFF at offset 17 (line 2)}. */
    @Override
    public String getMessage() {
      return "not valid UTF-8: " + byteAndOffset() + " (line " + line + ")";
    }
  }

  public static String decode(byte[] bytes) throws MalformedUtf8Exception {
    return decode(bytes, 0, bytes.length);
  }

  /** Decodes {@code length} bytes from {@code from}; the offset and line of a bad byte count from {@code from}. */
  public static String decode(byte[] bytes, int from, int length) throws MalformedUtf8Exception {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, length);
    CharBuffer out = CharBuffer.allocate(length); // UTF-8 never gives more UTF-16 characters than bytes
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      // the input stops at the start of the malformed sequence (a truncated one at the end included)
      int at = in.position();
      int line = 1;
      for (int i = from; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new MalformedUtf8Exception(at - from, bytes[at] & 0xFF, line);
    }
    return out.flip().toString();
  }
}
