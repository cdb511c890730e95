package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.summary.SummaryFileWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes company summaries to files until Ctrl-C. */
@Command(name = "summaries", mixinStandardHelpOptions = true,
    description = "Write each company's summary from company.summary as JSON and Markdown files.")
final class SummariesCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(names = "--dir", paramLabel = "DIR", description = "Where to write (default: <output.dir>/summaries).")
  Path dir;

  @Override
  public Integer call() throws InterruptedException {
    NewsflowConfig config = options.load();
    Path target = dir != null ? dir : config.outputDir().resolve("summaries");
    CountDownLatch stopped = new CountDownLatch(1);
    SummaryFileWriter writer = new SummaryFileWriter(config, target);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      writer.close();
      stopped.countDown();
    }, "summaries-stop"));
    writer.start();
    System.err.println("writing summaries to " + target.toAbsolutePath() + "; Ctrl-C stops");
    stopped.await();
    return 0;
  }
}
