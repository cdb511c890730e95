package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.producer.JsonLinesSink;
import dev.newsflow.producer.KafkaRecordSink;
import dev.newsflow.producer.RecordSink;
import dev.newsflow.producer.importer.ImportReport;
import java.io.PrintStream;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Runs an import into Kafka or, for {@code --dry-run}, onto standard output, and prints its notes, rejections
 * and summary on standard error, one problem per line. The commands that import take it as a mixin, so that
 * their {@code --dry-run} is one option with one meaning.
 */
final class ImportReporting {
  @Option(names = "--dry-run", description = "Print the canonical JSON of every record instead of publishing; "
      + "no broker needed.")
  boolean dryRun;

  /**
   * Gives {@code importer} a sink (canonical JSON lines on standard output when {@code --dry-run}, no broker
   * needed; else the cluster of {@code config}), then prints its report; returns the exit status.
   * {@code empty} says what input that held no record at all held none of, e.g. {@code "companies.ndjson holds
   * no companies"}.
   */
  int publishOrPrint(NewsflowConfig config, boolean verbose, String empty, Function<RecordSink, ImportReport> importer) {
    if (dryRun) {
      PrintStream out = Console.records(false);
      ImportReport report = importer.apply(new JsonLinesSink(out));
      out.flush();
      return print(report, true, verbose, empty, System.err);
    }
    try (KafkaCluster cluster = KafkaCluster.open(config)) {
      ImportReport report = importer.apply(new KafkaRecordSink(cluster.publisher(), config.topics()));
      return print(report, false, verbose, empty, System.err);
    }
  }

  /**
   * Returns the exit status: 0 when nothing was rejected; 2, a usage error, when the input held no record at
   * all (an empty file, say: most likely the wrong one), saying so with {@code empty}.
   */
  static int print(ImportReport report, boolean dryRun, boolean verbose, String empty, PrintStream err) {
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
    String skipped = !verbose && !report.skippedFiles().isEmpty() ? " (--verbose lists them)" : "";
    if (report.read() == 0 && report.clean()) {
      err.println("newsflow: " + empty + ": nothing " + (dryRun ? "to publish" : "published") + skipped);
      err.flush();
      return 2;
    }
    err.println("newsflow: " + report.summary(dryRun) + skipped);
    err.flush();
    return report.clean() ? 0 : 1;
  }
}
