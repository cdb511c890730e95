package dev.newsflow.app;

import dev.newsflow.eval.QualityReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the enrichment quality figures measured on the gold files of the shared data. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Measure enrichment quality on the third-party gold data.",
        "Reuters company recall and predictions beyond gold, CLUENER company precision/recall/F1, BBC section",
        "accuracy and duplicate pairs. The data: --data DIR, else $NEWSFLOW_SHARED_DATA, else shared/data above",
        "the project."})
final class EvalCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "DIR",
      description = "The shared data directory (default: $NEWSFLOW_SHARED_DATA, else the first shared/data above the project).")
  Path data;

  @Override
  public Integer call() {
    Path dir = data != null ? data : defaultData();
    boolean complete = QualityReport.print(dir, System.out);
    if (!complete) {
      Console.say("the gold data is missing or incomplete in " + dir.toAbsolutePath().normalize()
          + "; point eval at the folder that holds news/ and zh/ with --data DIR or NEWSFLOW_SHARED_DATA=DIR");
    }
    return complete ? 0 : 3;
  }

  private static Path defaultData() {
    return dev.newsflow.io.SharedDataDir.locate(Path.of(System.getProperty("newsflow.home", ".")));
  }

}
