package dev.newsflow.producer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.json.InvalidRecordException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads newline-delimited canonical JSON, one record per line. A line that is not a valid record (bad
 * JSON, a missing field, invalid UTF-8, over-long) is reported with its file and line number, and
 * reading goes on: one bad line never loses the rest.
 */
public final class NdjsonReader {
  /** Longest line read; a longer one is rejected without being held in memory. */
  public static final int MAX_LINE_CHARS = 4 * 1024 * 1024;

  private static final char REPLACEMENT = '\uFFFD';

  private NdjsonReader() {}

  /** A line that could not be read as a record. */
  public record Rejection(String file, long line, String reason) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + reason;
    }
  }

  /**
   * Reads every record of {@code type} from {@code file}; returns how many lines held a record. Each record
   * passes the same checks as every other door ({@link RecordChecks}: cleaned text, limits, http(s) links),
   * so a dataset read here is refused or accepted exactly as {@code import} and {@code ingest-server} would.
   */
  public static <T extends SpecificRecord> long read(Path file, Class<T> type, Consumer<T> records,
      Consumer<Rejection> rejections) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), type, records, rejections);
    }
  }

  public static <T extends SpecificRecord> long read(InputStream in, String name, Class<T> type, Consumer<T> records,
      Consumer<Rejection> rejections) throws IOException {
    long[] good = new long[1];
    forEachLine(in, name, (lineNo, text) -> {
      try {
        T record = CanonicalJson.read(text, type);
        java.util.List<dev.newsflow.json.FieldError> errors = RecordChecks.check(record);
        if (!errors.isEmpty()) {
          throw new InvalidRecordException(record.getSchema().getName(), errors);
        }
        records.accept(record);
        good[0]++;
      } catch (InvalidRecordException e) {
        rejections.accept(new Rejection(name, lineNo, e.getMessage()));
      }
    }, rejections);
    return good[0];
  }

  /** Refuses trailing content, so that {@code {"a":1} junk} is not silently read as {@code {"a":1}}. */
  private static final ObjectReader STRICT = CanonicalJson.mapper().reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** A line parsed as one JSON object: {@code object} when it is one, otherwise {@code error} says why not. */
  public record JsonObjectLine(JsonNode object, String error) {}

  /** Parses {@code text} as exactly one JSON object. */
  public static JsonObjectLine parseObject(String text) {
    try {
      JsonNode node = STRICT.readTree(text);
      return node != null && node.isObject() ? new JsonObjectLine(node, null)
          : new JsonObjectLine(null, "expected a JSON object");
    } catch (JsonProcessingException e) {
      return new JsonObjectLine(null, "not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** Receives each non-blank line that is valid UTF-8 and within the length limit. */
  @FunctionalInterface
  public interface LineHandler {
    void line(long lineNo, String text);
  }

  /**
   * Reads {@code in} line by line: blank lines are skipped, over-long lines and lines with invalid UTF-8
   * go to {@code rejections}, every other line (stripped) to {@code lines}. Returns the number of lines.
   */
  public static long forEachLine(InputStream in, String name, LineHandler lines, Consumer<Rejection> rejections)
      throws IOException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    long lineNo = 0;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder))) {
      StringBuilder line = new StringBuilder();
      while (true) {
        line.setLength(0);
        boolean overlong = false;
        int c;
        boolean any = false;
        while ((c = reader.read()) >= 0 && c != '\n') {
          any = true;
          if (line.length() < MAX_LINE_CHARS) {
            line.append((char) c);
          } else {
            overlong = true;
          }
        }
        if (!any && c < 0) {
          return lineNo;
        }
        lineNo++;
        String text = line.toString().strip();
        if (lineNo == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1).strip(); // a byte order mark some editors write
        }
        if (overlong) {
          rejections.accept(new Rejection(name, lineNo, "line is longer than " + MAX_LINE_CHARS + " characters"));
        } else if (text.indexOf(REPLACEMENT) >= 0) {
          rejections.accept(new Rejection(name, lineNo, "line holds bytes that are not valid UTF-8"));
        } else if (!text.isEmpty()) {
          lines.line(lineNo, text);
        }
        if (c < 0) {
          return lineNo;
        }
      }
    }
  }
}
