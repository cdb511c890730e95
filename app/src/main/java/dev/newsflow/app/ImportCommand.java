package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.contract.PublishedAtRule;
import dev.newsflow.producer.importer.FileImporter;
import dev.newsflow.producer.importer.ImportKind;
import dev.newsflow.producer.importer.ImportProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Imports files and directories into the raw topics, or prints what it would publish. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {
        "Import articles, releases and companies from files into Kafka.",
        "Reads NDJSON of canonical Article/Release/Company records (kind told per record, or --kind),",
        "feed files (RSS, Atom, JSON Feed), directories of .txt/.md articles (first line is the title),",
        "and .gz of any of these. Exit status 0 only when nothing was rejected; 2 when the inputs hold no record."})
final class ImportCommand extends ConfiguredCommand {
  @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Files or directories to import.")
  List<Path> inputs;

  @Mixin ImportReporting reporting;

  @Option(names = "--kind", paramLabel = "KIND", description = "article, release or company: the kind of every "
      + "NDJSON record (default: told from each record's fields).")
  String kind;

  @Option(names = {"-v", "--verbose"}, description = "Also list repairs made to feeds and the files skipped.")
  boolean verbose;

  @Override
  int run(NewsflowConfig config) {
    ImportKind forced = kind == null ? null : ImportKind.parse(kind);
    boolean terminal = System.console() != null;
    ImportProgress progress = new ImportProgress(System.err, terminal, System::nanoTime);
    if (!reporting.dryRun) {
      // A misspelt path is told at once, not after a wait for the cluster (up to publish.timeout when it is down).
      List<Path> missing = inputs.stream().filter(p -> !Files.exists(p)).toList();
      if (!missing.isEmpty()) {
        missing.forEach(p -> System.err.println("newsflow: " + p + ": no such file or directory"));
        System.err.println("newsflow: nothing imported: fix the " + missing.size() + " path(s) above");
        return 1;
      }
    }
    String empty = inputs.stream().map(Path::toString).collect(Collectors.joining(", "))
        + (inputs.size() == 1 ? " holds" : " hold") + " no records";
    return reporting.publishOrPrint(config, verbose, empty,
        sink -> new FileImporter(sink, forced, progress, PublishedAtRule.from(config)).run(inputs));
  }
}
