package dev.newsflow.app;

import dev.newsflow.bench.e2e.BenchOptions;
import dev.newsflow.bench.e2e.BenchReport;
import dev.newsflow.bench.e2e.EndToEndBench;
import dev.newsflow.bench.e2e.HotBucketReport;
import dev.newsflow.bench.e2e.SinkReport;
import dev.newsflow.bench.jvm.ChildJvm;
import dev.newsflow.bench.jvm.ClassArchives;
import dev.newsflow.config.NewsflowConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the pipeline against Kafka's own ceilings on a local broker (see BENCHMARKS.md). The stages
 * run as child JVMs of this command's own {@code streams}, {@code summaries} and {@code alerts}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure newsflow's throughput and latency against Kafka's own ceilings.",
        "B0 is the broker's pass-through, B1 a Kafka Streams identity topology under exactly_once_v2; P is the "
            + "whole pipeline's sustainable throughput and its latency percentiles, P_alo the same under "
            + "at_least_once; and the streams JVM's heap and RSS.",
        "Starts a local broker unless --bootstrap-servers is given.",
        "Prints a table, then one JSON object as the last line.",
        "-D settings and --config are handed to the pipeline's stages (e.g. -D kafka.linger.ms=20)."})
final class BenchCommand extends ConfiguredCommand {
  @Option(names = "--quick",
      description = "Short windows, both pipelines started together: a regression check in 75 to 95 s (rough figures).")
  boolean quick;

  @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".newsflow/bench",
      description = "The local broker, the stages' state, output and logs; replaced at each run (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(names = "--keep", description = "Keep the work directory (logs, summaries) after the run.")
  boolean keep;

  @Option(names = "--companies", paramLabel = "N", defaultValue = "1000",
      description = "Companies in the generated gazetteer (default: ${DEFAULT-VALUE}).")
  int companies;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--latency-rate", paramLabel = "ARTICLES/S", defaultValue = "500",
      description = "Rate of the latency phase, if the pipeline sustains it (default: ${DEFAULT-VALUE}).")
  double latencyRate;

  @Option(names = "--profile", paramLabel = "DIR",
      description = "Record the exactly-once streams JVM with JFR and read its Kafka Streams task metrics (DEBUG level);"
          + " writes DIR/streams-eos.jfr, DIR/profile.md and DIR/streams-metrics.md. Slows the pipeline a little.")
  Path profile;

  @Option(names = "--hot-bucket", description = {"Instead of the phases above: the hot-bucket case (issue 10). The pipeline",
      "under exactly_once_v2 given N varied articles at once, then N near-identical ones (one template, one company);",
      "the rate of each, their ratio, and any fenced producer or corrupted task in the streams log."})
  boolean hotBucket;

  @Option(names = "--hot-articles", paramLabel = "N",
      description = "Articles of each --hot-bucket run (default: 1000; 200 with --quick).")
  Integer hotArticles;

  @Option(names = "--sinks", description = {"Instead of the phases above: the summary writers alone (files and SQLite),",
      "fed the company summaries the topology makes of 2,000 articles (300 with --quick) at the rate of 500",
      "articles/s, then doubling (up to 32 times that; two rates with --quick), until they fall 2 s behind: how far",
      "behind they were at each rate."})
  boolean sinks;

  @Option(names = "--streams-instances", paramLabel = "N", defaultValue = "1",
      description = {"Streams JVMs of the pipeline, sharing one application id, each with its own state directory",
          "and log (default: ${DEFAULT-VALUE}). More than one only with --hot-bucket."})
  int streamsInstances;

  @Option(names = "--class-archives", paramLabel = "DIR",
      description = {"Where the stage JVMs' class-data-sharing archives are kept: a stage JVM maps the classes its",
          "kind loaded in an earlier run instead of loading them from the jars, which shortens its start-up",
          "(default: class-archives beside the application jar; made on the first run, again after a rebuild)."})
  Path classArchives;

  @Option(names = "--no-class-archives", description = "Start every stage JVM without a class archive.")
  boolean noClassArchives;

  @Override
  int run(NewsflowConfig settings) throws Exception {
    List<String> stageArgs = new ArrayList<>();
    if (options.configFile != null) {
      stageArgs.addAll(List.of("--config", options.configFile.toAbsolutePath().toString()));
    }
    options.settings.forEach((key, value) -> stageArgs.addAll(List.of("-D", key + "=" + value)));
    BenchOptions bench = new BenchOptions(quick ? BenchOptions.Timing.quick() : BenchOptions.Timing.full(),
        workDir.toAbsolutePath(), keep, Main.class.getName(), stageArgs, ChildJvm.inheritedOptions(), companies, seed,
        latencyRate, profile == null ? null : profile.toAbsolutePath(), streamsInstances, archives());
    if (!hotBucket) {
      bench.requireSingleStreamsInstance();
    }
    KafkaCluster.validate(settings);
    if (profile != null) {
      Files.createDirectories(profile);
    }
    EndToEndBench runner = new EndToEndBench(bench, settings, ConfigOptions.clusterGiven(settings), System.err);
    if (sinks && hotBucket) {
      throw new IllegalArgumentException("--sinks and --hot-bucket are two measurements: give one");
    }
    if (sinks) {
      SinkReport report = quick ? runner.sinks(300, Duration.ofSeconds(3), 2)
          : runner.sinks(2000, Duration.ofSeconds(20), 6);
      System.out.print(report.table());
      System.out.println(report.json());
    } else if (hotBucket) {
      HotBucketReport report = runner.hotBucket(hotArticles != null ? hotArticles : quick ? 200 : 1000);
      System.out.print(report.table());
      System.out.println(report.json());
    } else {
      BenchReport report = runner.run();
      System.out.print(report.table());
      System.out.println(report.json());
    }
    System.out.flush();
    return 0;
  }

  private ClassArchives archives() {
    if (noClassArchives) {
      return ClassArchives.none();
    }
    if (classArchives != null) {
      return ClassArchives.in(classArchives.toAbsolutePath());
    }
    return ClassArchives.besideClassPath().map(ClassArchives::in).orElse(ClassArchives.none());
  }
}
