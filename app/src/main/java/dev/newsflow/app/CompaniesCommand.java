package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.producer.companies.CompaniesLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Company reference data. */
@Command(name = "companies", mixinStandardHelpOptions = true,
    description = "Manage the company reference data (the compacted companies topic).",
    subcommands = {CompaniesCommand.Load.class})
final class CompaniesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return Main.missingCommand(spec);
  }

  /** {@code companies load FILE}. */
  @Command(name = "load", mixinStandardHelpOptions = true,
      description = {
          "Load companies from an NDJSON file (optionally .gz) into the companies topic.",
          "Each line is a canonical Company, which adds the company or replaces it whole, or",
          "{\"id\": \"ID\", \"deleted\": true}, which deletes it (a tombstone). Companies the file does not",
          "mention are left as they are."})
  static final class Load extends ConfiguredCommand {
    @Parameters(paramLabel = "FILE", description = "NDJSON of companies and deletions.")
    Path file;

    @Mixin ImportReporting reporting;

    @Override
    int run(NewsflowConfig config) {
      if (!reporting.dryRun && !Files.isRegularFile(file)) { // told at once, not after a wait for the cluster
        System.err.println("newsflow: companies file " + file + " does not exist or is not a file");
        return 1;
      }
      return reporting.publishOrPrint(config, false, "companies file " + file + " holds no companies",
          sink -> new CompaniesLoader(sink).load(file));
    }
  }
}
