package dev.newsflow.app;

import dev.newsflow.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;
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
        DigestCommand.class,
        RulesCommand.class,
        EnrichCommand.class,
        EvalCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class
    })
public final class Main implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  // Read before the command runs (see run(String...)), so even start-up lines come in the chosen format;
  // declared here so that every command accepts and documents it.
  @CommandLine.Option(names = "--log-format", scope = CommandLine.ScopeType.INHERIT, paramLabel = "text|json",
      description = "Log lines as readable text (default) or as JSON objects, one per line "
          + "(also NEWSFLOW_LOG_FORMAT).")
  String logFormat;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command and returns its exit status; errors are one clear line on stderr, not a stack trace. */
  public static int run(String... args) {
    try {
      LogFormat format = logFormat(args);
      if (format != LogFormat.TEXT) {
        format.apply();
      }
    } catch (IllegalArgumentException e) {
      System.err.println("newsflow: " + e.getMessage());
      return 2;
    }
    CommandLine cli = new CommandLine(new Main());
    cli.setParameterExceptionHandler(Main::badArguments);
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
      // a setting that is wrong is a usage error, as a mistyped option is: nothing was tried
      return e instanceof ConfigException ? 2 : 1;
    });
    return cli.execute(args);
  }

  /** The log format named by {@code --log-format} (last one wins), else by the environment, else text. */
  static LogFormat logFormat(String... args) {
    String chosen = System.getenv(LogFormat.ENVIRONMENT);
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        break;
      } else if (args[i].equals("--log-format") && i + 1 < args.length) {
        chosen = args[++i];
      } else if (args[i].startsWith("--log-format=")) {
        chosen = args[i].substring("--log-format=".length());
      }
    }
    return chosen == null || chosen.isBlank() ? LogFormat.TEXT : LogFormat.parse(chosen);
  }

  /** A mistyped command or option: one line saying so, the likely meant one, and where the list is. */
  private static int badArguments(CommandLine.ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println("newsflow: " + e.getMessage().replace("Unmatched argument at index 0", "unknown command")
        .replace("Unmatched argument", "unknown argument"));
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
      err.println("newsflow: did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?");
    }
    String name = e.getCommandLine().getCommandSpec().qualifiedName();
    err.println("newsflow: '" + name + " --help' lists what " + name + " takes");
    err.flush();
    return 2;
  }

  @Override
  public Integer call() {
    return missingCommand(spec);
  }

  /**
   * A command run without the subcommand it needs ({@code newsflow}, {@code newsflow rules}): a usage error,
   * so its usage goes to standard error, after a line saying what is missing, and the status is 2.
   */
  static int missingCommand(CommandLine.Model.CommandSpec spec) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("newsflow: '" + spec.qualifiedName() + "' needs a command: one of those listed below");
    spec.commandLine().usage(err);
    err.flush();
    return 2;
  }

  /** The project version the build wrote into version.properties, and the git commit of a checkout. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties build = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          build.load(in);
        }
      } catch (IOException e) {
        // no version file: reported as unknown below
      }
      String version = build.getProperty("version", "unknown");
      String commit = gitCommit();
      return new String[] {"newsflow " + version + (commit == null ? "" : " (commit " + commit + ")")};
    }

    /** The commit of the checkout the launcher runs from, when git is there to tell it; else null. */
    private static String gitCommit() {
      String home = System.getProperty("newsflow.home");
      if (home == null || !java.nio.file.Files.exists(java.nio.file.Path.of(home, ".git"))) {
        return null;
      }
      try {
        Process git = new ProcessBuilder("git", "-C", home, "rev-parse", "--short=12", "HEAD")
            .redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        return git.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) && git.exitValue() == 0
            && out.matches("[0-9a-f]{7,40}") ? out : null;
      } catch (IOException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }
}
