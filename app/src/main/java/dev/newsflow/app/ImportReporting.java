package dev.newsflow.app;

import dev.newsflow.producer.importer.ImportReport;
import java.io.PrintStream;

/** Prints an import's notes, rejections and summary on standard error, one problem per line. */
final class ImportReporting {
  private ImportReporting() {}

  /** Returns the exit status: 0 when nothing was rejected. */
  static int print(ImportReport report, boolean dryRun, boolean verbose, PrintStream err) {
    for (ImportReport.Problem note : report.notes()) {
      boolean fileLevel = note.where() == null || note.where().isEmpty();
      if (verbose || !fileLevel) {
        err.println(note.file() + (fileLevel ? "" : ":" + note.where()) + ": note: " + note.reason());
      }
    }
    if (verbose) {
      report.skippedFiles().forEach(s -> err.println(s.file() + ": skipped: " + s.reason()));
    }
    report.warnings().forEach(w -> err.println(w.file() + ":" + w.where() + ": warning: " + w.reason()));
    report.rejections().forEach(err::println);
    err.println("newsflow: " + report.summary(dryRun)
        + (!verbose && !report.skippedFiles().isEmpty() ? " (--verbose lists them)" : ""));
    err.flush();
    return report.clean() ? 0 : 1;
  }
}
