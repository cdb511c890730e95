package dev.newsflow.producer;

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

  /** Reads every record of {@code type} from {@code file}; returns how many lines held a record. */
  public static <T extends SpecificRecord> long read(Path file, Class<T> type, Consumer<T> records,
      Consumer<Rejection> rejections) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), type, records, rejections);
    }
  }

  public static <T extends SpecificRecord> long read(InputStream in, String name, Class<T> type, Consumer<T> records,
      Consumer<Rejection> rejections) throws IOException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    long lineNo = 0;
    long good = 0;
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
          return good;
        }
        lineNo++;
        String text = line.toString().strip();
        if (overlong) {
          rejections.accept(new Rejection(name, lineNo, "line is longer than " + MAX_LINE_CHARS + " characters"));
        } else if (text.indexOf(REPLACEMENT) >= 0) {
          rejections.accept(new Rejection(name, lineNo, "line holds bytes that are not valid UTF-8"));
        } else if (!text.isEmpty()) {
          try {
            records.accept(CanonicalJson.read(text, type));
            good++;
          } catch (InvalidRecordException e) {
            rejections.accept(new Rejection(name, lineNo, e.getMessage()));
          }
        }
        if (c < 0) {
          return good;
        }
      }
    }
  }
}
