package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.jdbc.JdbcSummaryWriter;
import dev.newsflow.consumer.jdbc.SqlDialect;
import dev.newsflow.consumer.summary.SummaryFileWriter;
import dev.newsflow.http.NewsflowHttpServer;
import dev.newsflow.metrics.StageMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes company summaries to files and to a database until Ctrl-C. */
@Command(name = "summaries", mixinStandardHelpOptions = true,
    description = {"Write each company's summary to files and to a database, exactly once.",
        "Reads company.summary; writes <id>.json and <id>.md per company and a row in a database (SQLite",
        "out/newsflow.db by default, or PostgreSQL by URL). Its consumer group follows its destination, so a",
        "second 'summaries' to another folder or database gets every company."})
final class SummariesCommand extends ConfiguredCommand {
  @Option(names = "--dir", paramLabel = "DIR", description = "Where to write files (default: <output.dir>/summaries).")
  Path dir;

  @Option(names = "--jdbc-url", paramLabel = "URL",
      description = "Database: jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB?user=... (default: jdbc.url, "
          + "else jdbc:sqlite:<output.dir>/newsflow.db).")
  String jdbcUrl;

  @Option(names = "--no-files", description = "Do not write files.")
  boolean noFiles;

  @Option(names = "--no-jdbc", description = "Do not write to a database.")
  boolean noJdbc;

  @Override
  int run(NewsflowConfig config) throws InterruptedException {
    if (noFiles && noJdbc) {
      throw new IllegalArgumentException("--no-files and --no-jdbc together leave nothing to write");
    }
    Path target = dir != null ? dir : config.outputDir().resolve("summaries");
    String url = jdbcUrl != null ? jdbcUrl : JdbcSummaryWriter.jdbcUrl(config);
    KafkaCluster.open(config).close();
    PrometheusMeterRegistry registry = StageMetrics.newRegistry();
    SummaryFileWriter files = noFiles ? null : new SummaryFileWriter(config, target, registry);
    JdbcSummaryWriter database = noJdbc ? null : new JdbcSummaryWriter(config, url, registry);
    if (files != null) {
      files.start();
      Console.say("writing summaries to " + target.toAbsolutePath() + " (consumer group " + files.groupId() + ")");
    }
    if (database != null) {
      database.start();
      Console.say("writing summaries to " + SqlDialect.redact(url) + " (consumer group " + database.groupId() + ")");
    }
    NewsflowHttpServer admin = StageAdmin.start(config, registry, () -> files != null && files.failure() != null
        ? files.failure() : database == null ? null : database.failure());
    UntilStopped.await("summaries", ClusterWatch.start("summaries", config), admin, files, database);
    return 0;
  }
}
