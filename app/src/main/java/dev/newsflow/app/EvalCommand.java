package dev.newsflow.app;

import dev.newsflow.eval.QualityReport;
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
      description = "The shared data directory (default: $NEWSFLOW_SHARED_DATA, else the first shared/data above the project).")
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
    Path home = Path.of(System.getProperty("newsflow.home", ".")).toAbsolutePath().normalize();
    for (Path dir = home; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data");
      if (java.nio.file.Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return home.resolveSibling("shared").resolve("data");
  }
}
