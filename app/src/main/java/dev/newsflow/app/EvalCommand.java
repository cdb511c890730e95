package dev.newsflow.app;

import dev.newsflow.streams.eval.QualityReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the enrichment quality figures measured on the gold files of the shared data. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Measure enrichment quality on the gold files: Reuters company recall and predictions beyond gold,",
        "CLUENER company precision/recall/F1, BBC section accuracy and duplicate pairs."})
final class EvalCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "DIR",
      description = "The shared data directory (default: $NEWSFLOW_SHARED_DATA, else ../shared/data).")
  Path data;

  @Override
  public Integer call() {
    Path dir = data != null ? data : defaultData();
    boolean complete = QualityReport.print(dir, System.out);
    return complete ? 0 : 3;
  }

  private static Path defaultData() {
    String configured = System.getenv("NEWSFLOW_SHARED_DATA");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String home = System.getProperty("newsflow.home", ".");
    return Path.of(home).toAbsolutePath().getParent().resolve("shared").resolve("data");
  }
}
