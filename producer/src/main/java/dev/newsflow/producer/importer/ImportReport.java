package dev.newsflow.producer.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of an import: how many records were read, published (or, in a dry run, printed) and
 * rejected, which files were skipped, and each rejection and note with its file, line or item.
 */
public final class ImportReport {
  private long read;
  private long published;
  private final List<Problem> rejections = new ArrayList<>();
  private final List<Problem> skipped = new ArrayList<>();
  private final List<Problem> notes = new ArrayList<>();

  /** One problem: {@code where} is a line ("line 12"), an item ("item 3 'Title'") or empty for a whole file. */
  public record Problem(String file, String where, String reason) {
    @Override
    public String toString() {
      return file + (where == null || where.isEmpty() ? "" : ":" + where) + ": " + reason;
    }
  }

  public synchronized void published() {
    read++;
    published++;
  }

  public synchronized void rejected(String file, String where, String reason) {
    read++;
    rejections.add(new Problem(file, where, reason));
  }

  /** A whole input refused before any record could be read from it. */
  public synchronized void inputRejected(String file, String reason) {
    rejections.add(new Problem(file, "", reason));
  }

  public synchronized void skipped(String file, String reason) {
    skipped.add(new Problem(file, "", reason));
  }

  public synchronized void note(String file, String where, String note) {
    notes.add(new Problem(file, where, note));
  }

  public synchronized long read() {
    return read;
  }

  public synchronized long publishedCount() {
    return published;
  }

  public synchronized List<Problem> rejections() {
    return List.copyOf(rejections);
  }

  public synchronized List<Problem> skippedFiles() {
    return List.copyOf(skipped);
  }

  public synchronized List<Problem> notes() {
    return List.copyOf(notes);
  }

  /** True when every input was read without a rejection. */
  public synchronized boolean clean() {
    return rejections.isEmpty();
  }

  /** The closing summary line. */
  public synchronized String summary(boolean dryRun) {
    return "read " + read + ", " + (dryRun ? "would publish " : "published ") + published + ", rejected "
        + rejections.size() + (skipped.isEmpty() ? "" : ", skipped " + skipped.size() + " files");
  }
}
