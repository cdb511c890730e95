package dev.newsflow.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
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

/**
 * The one way newsflow reads newline-delimited JSON (imports, datasets, company lists, rule files, the
 * {@code enrich} and {@code eval} inputs): line by line, numbered from 1, blank lines skipped, a byte order
 * mark on the first line ignored. A line that is over-long or not valid UTF-8 is reported with its file and
 * number and reading goes on: one bad line never loses the rest.
 */
public final class NdjsonLines {
  /** Longest line read; a longer one is rejected without being held in memory. */
  public static final int MAX_LINE_CHARS = 4 * 1024 * 1024;

  private static final char REPLACEMENT = '\uFFFD';

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
      return new JsonObjectLine(null, "not valid JSON: " + e.getOriginalMessage());
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
