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
  private long repeated;
  private long refusedInputs;
  private final List<Problem> rejections = new ArrayList<>();
  private final List<Problem> skipped = new ArrayList<>();
  private final List<Problem> notes = new ArrayList<>();
  private final List<Problem> warnings = new ArrayList<>();

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
    refusedInputs++;
    rejections.add(new Problem(file, "", reason));
  }

  public synchronized void skipped(String file, String reason) {
    skipped.add(new Problem(file, "", reason));
  }

  public synchronized void note(String file, String where, String note) {
    notes.add(new Problem(file, where, note));
  }

  /**
   * A record whose key an earlier record of the same input already had: it is published (and replaces
   * the earlier one), and the note says so, so a count that shrinks downstream is explained.
   */
  public synchronized void repeated(String file, String where, String warning) {
    repeated++;
    warnings.add(new Problem(file, where, warning));
  }

  /** What was published but deserves a look (repeated keys), each with its file and line. */
  public synchronized List<Problem> warnings() {
    return List.copyOf(warnings);
  }

  /** Records that repeat an earlier record's key (see {@link #repeated}). */
  public synchronized long repeatedCount() {
    return repeated;
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
    // Records and whole inputs are counted apart, so that read = published + rejected.
    return "read " + read + ", " + (dryRun ? "would publish " : "published ") + published + ", rejected "
        + (rejections.size() - refusedInputs) + (refusedInputs == 0 ? "" : ", refused " + files(refusedInputs))
        + (repeated == 0 ? "" : ", repeated ids " + repeated + " (the later line wins)")
        + (skipped.isEmpty() ? "" : ", skipped " + skipped.size() + " files");
  }

  private static String files(long count) {
    return count + (count == 1 ? " file" : " files");
  }
}
