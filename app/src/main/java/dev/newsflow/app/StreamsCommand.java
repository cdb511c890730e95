package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.streams.NewsflowStreams;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the streams application (enrichment and aggregation) until Ctrl-C. */
@Command(name = "streams", mixinStandardHelpOptions = true,
    description = "Run the Kafka Streams application: articles.raw -> articles.enriched -> company.summary.")
final class StreamsCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Override
  public Integer call() throws InterruptedException {
    NewsflowConfig config = options.load();
    ConfigOptions.validate(config);
    CountDownLatch stopped = new CountDownLatch(1);
    NewsflowStreams streams = new NewsflowStreams(config);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close();
      stopped.countDown();
    }, "streams-stop"));
    streams.start();
    stopped.await();
    return 0;
  }
}
