package dev.newsflow.app;

import dev.newsflow.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code newsflow} command line. */
@Command(name = "newsflow", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Real-time company news intelligence on Apache Kafka.",
    subcommands = {
        DemoCommand.class,
        BrokerCommand.class,
        TopicsCommand.class,
        StreamsCommand.class,
        SummariesCommand.class,
        ProduceCommand.class,
        ImportCommand.class,
        IngestServerCommand.class,
        CompaniesCommand.class,
        AlertsCommand.class,
        FeedCommand.class,
        TailCommand.class,
        RulesCommand.class,
        EnrichCommand.class,
        EvalCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command and returns its exit status; errors are one clear line on stderr, not a stack trace. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (e instanceof ConfigException || e instanceof IllegalArgumentException || e instanceof IllegalStateException
          || e instanceof java.io.UncheckedIOException) {
        err.println("newsflow: " + e.getMessage());
        if (System.getenv("NEWSFLOW_DEBUG") != null) {
          e.printStackTrace(err);
        }
      } else {
        err.println("newsflow: unexpected error");
        e.printStackTrace(err);
      }
      err.flush();
      return 1;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"newsflow " + (v == null ? "(development build)" : v)};
    }
  }
}
