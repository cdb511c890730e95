package dev.newsflow.producer;

import dev.newsflow.contract.PublishedAtRule;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.json.InvalidRecordException;
import dev.newsflow.json.NdjsonLines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads newline-delimited canonical JSON, one record per line ({@link NdjsonLines}). A line that is not a
 * valid record (bad JSON, a missing field, invalid UTF-8, over-long) is reported with its file and line
 * number, and reading goes on: one bad line never loses the rest.
 */
public final class NdjsonReader {
  private NdjsonReader() {}

  /**
   * Reads every record of {@code type} from {@code file}; returns how many lines held a record. Each record
   * passes the same checks as every other door ({@link RecordChecks}: cleaned text, limits, http(s) links),
   * so a dataset read here is refused or accepted exactly as {@code import} and {@code ingest-server} would.
   */
  public static <T extends SpecificRecord> long read(Path file, Class<T> type, Consumer<T> records,
      Consumer<NdjsonLines.Rejection> rejections) throws IOException {
    return read(file, type, PublishedAtRule.standard(), records, rejections);
  }

  /** With {@code articles}: how far ahead an article's {@code publishedAt} may be ({@code articles.max.future}). */
  public static <T extends SpecificRecord> long read(Path file, Class<T> type, PublishedAtRule articles,
      Consumer<T> records, Consumer<NdjsonLines.Rejection> rejections) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), type, articles, records, rejections);
    }
  }

  public static <T extends SpecificRecord> long read(InputStream in, String name, Class<T> type, Consumer<T> records,
      Consumer<NdjsonLines.Rejection> rejections) throws IOException {
    return read(in, name, type, PublishedAtRule.standard(), records, rejections);
  }

  public static <T extends SpecificRecord> long read(InputStream in, String name, Class<T> type,
      PublishedAtRule articles, Consumer<T> records, Consumer<NdjsonLines.Rejection> rejections) throws IOException {
    long[] good = new long[1];
    NdjsonLines.forEachLine(in, name, (lineNo, text) -> {
      try {
        T record = CanonicalJson.read(text, type);
        java.util.List<dev.newsflow.json.FieldError> errors = RecordChecks.check(record, articles);
        if (!errors.isEmpty()) {
          throw new InvalidRecordException(record.getSchema().getName(), errors);
        }
        records.accept(record);
        good[0]++;
      } catch (InvalidRecordException e) {
        rejections.accept(new NdjsonLines.Rejection(name, lineNo, e.getMessage()));
      }
    }, rejections);
    return good[0];
  }
}
