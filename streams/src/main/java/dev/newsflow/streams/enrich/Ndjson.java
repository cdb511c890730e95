package dev.newsflow.streams.enrich;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.json.InvalidRecordException;
import dev.newsflow.json.NdjsonLines;
import dev.newsflow.schema.Article;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads NDJSON files ({@link NdjsonLines}) of canonical records or plain JSON objects; a bad line fails with
 * its file and line.
 */
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
   * Articles, read leniently for evaluation: a blank title is allowed (sentence corpora such as CLUENER
   * have no titles, though the article contract refuses such an article at every door), everything else as
   * canonical JSON.
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
    for (Line line : lines(file, rejected::add)) {
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

  /** Every line parsed as JSON; the first that is not fails the whole read with its file and number. */
  public static List<Line> lines(Path file) {
    return lines(file, problem -> {
      throw new IllegalArgumentException(problem);
    });
  }

  /** Every line parsed as JSON; each one that is not goes to {@code problems} as {@code file:line: reason}. */
  private static List<Line> lines(Path file, Consumer<String> problems) {
    List<Line> out = new ArrayList<>();
    try {
      NdjsonLines.forEachLine(file, (number, text) -> {
        try {
          out.add(new Line((int) number, CanonicalJson.mapper().readTree(text)));
        } catch (JsonProcessingException e) {
          problems.accept(file + ":" + number + ": not JSON: " + e.getOriginalMessage());
        }
      }, rejection -> problems.accept(rejection.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }
}
