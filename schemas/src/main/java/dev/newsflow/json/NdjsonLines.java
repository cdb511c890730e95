package dev.newsflow.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.newsflow.io.StrictUtf8;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The one way newsflow reads newline-delimited JSON (imports, datasets, company lists, rule files, the
 * {@code enrich} and {@code eval} inputs): line by line, numbered from 1, blank lines skipped, a byte order
 * mark on the first line ignored. A line that is over-long or not valid UTF-8 is reported with its file and
 * number and reading goes on: one bad line never loses the rest.
 */
public final class NdjsonLines {
  /** Longest line read; a longer one is rejected without being held in memory. */
  public static final int MAX_LINE_CHARS = 4 * 1024 * 1024;

  /** Bytes held of one line: a UTF-8 character is at most 3 bytes per UTF-16 character, so more is over-long. */
  private static final int MAX_LINE_BYTES = 3 * MAX_LINE_CHARS;

  /** Refuses trailing content, so that {@code {"a":1} junk} is not silently read as {@code {"a":1}}. */
  private static final ObjectReader STRICT = CanonicalJson.mapper().reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private NdjsonLines() {}

  /** A line that could not be read. */
  public record Rejection(String file, long line, String reason) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + reason;
    }
  }

  /** Receives each non-blank line that is valid UTF-8 and within the length limit. */
  @FunctionalInterface
  public interface LineHandler {
    void line(long lineNo, String text);
  }

  /** A line parsed as one JSON object: {@code object} when it is one, otherwise {@code error} says why not. */
  public record JsonObjectLine(JsonNode object, String error) {}

  /** Parses {@code text} as exactly one JSON object. */
  public static JsonObjectLine parseObject(String text) {
    try {
      JsonNode node = STRICT.readTree(text);
      return node != null && node.isObject() ? new JsonObjectLine(node, null)
          : new JsonObjectLine(null, "expected a JSON object");
    } catch (JsonProcessingException e) {
      return new JsonObjectLine(null, "not valid JSON: " + CanonicalJson.message(e));
    }
  }

  /** {@link #forEachLine(InputStream, String, LineHandler, Consumer)} over a file, named by its path. */
  public static long forEachLine(Path file, LineHandler lines, Consumer<Rejection> rejections) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return forEachLine(in, file.toString(), lines, rejections);
    }
  }

  /**
   * Reads {@code in} line by line: blank lines are skipped, over-long lines and lines with invalid UTF-8
   * go to {@code rejections}, every other line (stripped) to {@code lines}. Returns the number of lines.
   * Each line's bytes are decoded strictly on their own, so a line that holds a real U+FFFD (text that was
   * decoded, with replacement characters, before it was written) is read like any other.
   */
  public static long forEachLine(InputStream in, String name, LineHandler lines, Consumer<Rejection> rejections)
      throws IOException {
    InputStream bytes = new BufferedInputStream(in, 1 << 16);
    byte[] line = new byte[8192];
    long lineNo = 0;
    while (true) {
      int length = 0;
      boolean overlong = false;
      boolean any = false;
      int b;
      while ((b = bytes.read()) >= 0 && b != '\n') { // a 0x0A byte is a newline wherever it is in UTF-8
        any = true;
        if (length == MAX_LINE_BYTES) {
          overlong = true;
          continue;
        }
        if (length == line.length) {
          line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, line.length * 2));
        }
        line[length++] = (byte) b;
      }
      if (!any && b < 0) {
        return lineNo;
      }
      lineNo++;
      String text = null;
      if (!overlong) {
        try {
          text = StrictUtf8.decode(line, 0, length).strip();
        } catch (StrictUtf8.MalformedUtf8Exception e) {
          rejections.accept(new Rejection(name, lineNo, "line holds bytes that are not valid UTF-8: "
              + e.byteAndOffset() + " of the line"));
        }
      }
      if (text != null && lineNo == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1).strip(); // a byte order mark some editors write
      }
      if (overlong || (text != null && text.length() > MAX_LINE_CHARS)) {
        rejections.accept(new Rejection(name, lineNo, "line is longer than " + MAX_LINE_CHARS + " characters"));
      } else if (text != null && !text.isEmpty()) {
        lines.line(lineNo, text);
      }
      if (b < 0) {
        return lineNo;
      }
    }
  }
}
