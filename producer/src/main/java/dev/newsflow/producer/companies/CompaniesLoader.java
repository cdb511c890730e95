package dev.newsflow.producer.companies;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.json.FieldError;
import dev.newsflow.json.InvalidRecordException;
import dev.newsflow.json.NdjsonLines;
import dev.newsflow.producer.RecordChecks;
import dev.newsflow.producer.RecordSink;
import dev.newsflow.producer.importer.ImportReport;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.Release;
import dev.newsflow.io.FileProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Loads company reference data into the compacted companies topic, keyed by company id. A file is
 * NDJSON (optionally gzipped), one record per line:
 * <ul>
 *   <li>a canonical Company ({@code {"id": "acme", "name": "Acme Corp", ...}}) adds the company or
 *       replaces it whole: fields left out are removed, not kept from before;</li>
 *   <li>{@code {"id": "acme", "deleted": true}} deletes it: a tombstone (null value) for key
 *       {@code acme}, which compaction eventually removes and the pipeline's gazetteer drops at once.</li>
 * </ul>
 * Companies not mentioned in the file are left as they are. Later lines win over earlier ones: an id
 * that appears again is reported as a warning naming both lines and which one wins, and counted in the
 * summary, so that "969 read, 967 in the gazetteer" never goes unexplained.
 */
public final class CompaniesLoader {
  public static final String DELETED = "deleted";

  private final RecordSink sink;
  /** The line each company id was last seen on in the file being loaded. */
  private final Map<String, String> seenAt = new HashMap<>();

  public CompaniesLoader(RecordSink sink) {
    this.sink = sink;
  }

  /** The companies a file leaves in place, in file order, and the report of reading it. */
  public record Gazetteer(List<Company> companies, ImportReport report) {}

  /**
   * Reads {@code file} with the same checks as {@link #load} and returns the gazetteer it describes, for the
   * commands that work without a broker ({@code enrich}): later lines replace earlier ones, deletions remove.
   */
  public static Gazetteer read(Path file) {
    Map<String, Company> byId = new LinkedHashMap<>();
    ImportReport report = new CompaniesLoader(new RecordSink() {
      @Override
      public void article(Article article) {
        throw new IllegalStateException("a companies file holds no articles");
      }

      @Override
      public void release(Release release) {
        throw new IllegalStateException("a companies file holds no releases");
      }

      @Override
      public void company(Company company) {
        byId.remove(company.getId()); // a later line replaces the company and takes its place in the order
        byId.put(company.getId(), company);
      }

      @Override
      public void companyDeleted(String companyId) {
        byId.remove(companyId);
      }

      @Override
      public void flush() {}
    }).load(file);
    return new Gazetteer(new ArrayList<>(byId.values()), report);
  }

  /** Reads {@code file} and publishes every valid line; returns what was published and refused. */
  public ImportReport load(Path file) {
    ImportReport report = new ImportReport();
    seenAt.clear();
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      report.inputRejected(name, Files.exists(file) ? "not a file" : "no such file");
      return report;
    }
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      NdjsonLines.forEachLine(in, name, (lineNo, text) -> line(report, name, "line " + lineNo, text),
          r -> report.rejected(name, "line " + r.line(), r.reason()));
    } catch (IOException e) {
      report.inputRejected(name, "cannot read: " + FileProblem.reason(e));
    } catch (UncheckedIOException e) {
      report.inputRejected(name, "cannot read: " + e.getCause().getMessage());
    }
    sink.flush();
    return report;
  }

  private void line(ImportReport report, String file, String where, String text) {
    NdjsonLines.JsonObjectLine line = NdjsonLines.parseObject(text);
    if (line.error() != null) {
      report.rejected(file, where, line.error());
      return;
    }
    JsonNode tree = line.object();
    JsonNode deleted = tree.get(DELETED);
    if (deleted != null && !deleted.isNull()) {
      if (!deleted.isBoolean()) {
        report.rejected(file, where, "deleted: expected true or false");
        return;
      }
      if (deleted.booleanValue()) {
        JsonNode id = tree.get("id");
        if (id == null || !id.isTextual() || id.textValue().isBlank()) {
          report.rejected(file, where, "a deletion needs the id of the company to delete");
          return;
        }
        noteRepeat(report, file, where, id.textValue());
        sink.companyDeleted(id.textValue());
        report.published();
        return;
      }
    }
    Company company;
    try {
      company = CanonicalJson.read(tree, Company.class);
    } catch (InvalidRecordException e) {
      report.rejected(file, where, e.getMessage());
      return;
    }
    List<FieldError> errors = RecordChecks.check(company);
    if (!errors.isEmpty()) {
      report.rejected(file, where, new InvalidRecordException("Company", errors).getMessage());
      return;
    }
    noteRepeat(report, file, where, company.getId());
    sink.company(company);
    report.published();
  }

  /** An id seen before in this file: the later line replaces the earlier one, and the report says so. */
  private void noteRepeat(ImportReport report, String file, String where, String id) {
    String earlier = seenAt.put(id, where);
    if (earlier != null) {
      report.repeated(file, where, "company id " + id + " repeats " + earlier + "; this " + where
          + " wins (a later line replaces an earlier one whole)");
    }
  }
}
