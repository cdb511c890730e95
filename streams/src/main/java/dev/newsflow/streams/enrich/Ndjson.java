package dev.newsflow.streams.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.json.InvalidRecordException;
import dev.newsflow.schema.Article;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Reads NDJSON files of canonical records or plain JSON objects; a bad line fails with its file and line. */
public final class Ndjson {
  private Ndjson() {}

  public static <T extends SpecificRecord> List<T> records(Path file, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Line line : lines(file)) {
      out.add(read(file, line.number(), line.tree(), type));
    }
    return out;
  }

  /**
   * Articles, read leniently: a blank title is allowed (the stream's own check wants a title or a body,
   * and sentence corpora such as CLUENER have no titles), everything else as canonical JSON.
   */
  public static List<Article> articles(Path file) {
    List<String> rejected = new ArrayList<>();
    List<Article> out = articles(file, rejected);
    if (!rejected.isEmpty()) {
      throw new IllegalArgumentException(rejected.get(0));
    }
    return out;
  }

  /** Articles read leniently; each unreadable line is reported as {@code file:line: reason} in {@code rejected}. */
  public static List<Article> articles(Path file, List<String> rejected) {
    List<Article> out = new ArrayList<>();
    List<Line> lines = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String text = r.readLine(); text != null; text = r.readLine()) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        try {
          lines.add(new Line(number, CanonicalJson.mapper().readTree(text)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          rejected.add(file + ":" + number + ": not JSON: " + e.getOriginalMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    for (Line line : lines) {
      try {
        out.add(article(file, line));
      } catch (IllegalArgumentException e) {
        rejected.add(e.getMessage());
      }
    }
    return out;
  }

  private static Article article(Path file, Line line) {
    JsonNode tree = line.tree();
    if (tree instanceof ObjectNode object && object.path("title").asText("").isBlank()) {
      ObjectNode titled = object.deepCopy();
      titled.put("title", "-");
      Article a = read(file, line.number(), titled, Article.class);
      a.setTitle("");
      return a;
    }
    return read(file, line.number(), tree, Article.class);
  }

  private static <T extends SpecificRecord> T read(Path file, int number, JsonNode tree, Class<T> type) {
    try {
      return CanonicalJson.read(tree, type);
    } catch (InvalidRecordException e) {
      throw new IllegalArgumentException(file + ":" + number + ": " + e.getMessage(), e);
    }
  }

  /** One parsed line. */
  public record Line(int number, JsonNode tree) {}

  public static List<Line> lines(Path file) {
    List<Line> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(new Line(number, CanonicalJson.mapper().readTree(line)));
        } catch (IOException e) {
          throw new IllegalArgumentException(file + ":" + number + ": not JSON: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }
}
