package dev.newsflow.bench.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of {@code newsflow bench --hot-bucket}: the varied and the near-identical run side by side
 * as a table for people, and one JSON object (the last line printed) for scripts. {@link #REQUIRED_KEYS}
 * are always present, each a number.
 */
public final class HotBucketReport {
  /** The keys every hot-bucket report's JSON holds, each with a number. */
  public static final List<String> REQUIRED_KEYS = List.of("articles", "varied_rate", "hot_rate", "hot_over_varied",
      "varied_enriched_rate", "hot_enriched_rate", "varied_duplicate_share", "hot_duplicate_share",
      "varied_invalid_producer_epoch", "hot_invalid_producer_epoch", "varied_producer_fenced", "hot_producer_fenced",
      "varied_task_migrated", "hot_task_migrated", "varied_task_corrupted", "hot_task_corrupted",
      "varied_thread_failed", "hot_thread_failed");

  private final BenchReport.Machine machine;
  private final String hotCompany;
  private final int streamsInstances;
  private final PipelineRun.Burst varied;
  private final PipelineRun.Burst hot;
  private final double elapsedSeconds;

  HotBucketReport(BenchReport.Machine machine, String hotCompany, PipelineRun.Burst varied, PipelineRun.Burst hot,
      double elapsedSeconds) {
    this(machine, hotCompany, 1, varied, hot, elapsedSeconds);
  }

  /** {@code streamsInstances}: the streams JVMs of each run (one application id). */
  HotBucketReport(BenchReport.Machine machine, String hotCompany, int streamsInstances, PipelineRun.Burst varied,
      PipelineRun.Burst hot, double elapsedSeconds) {
    this.machine = machine;
    this.hotCompany = hotCompany;
    this.streamsInstances = streamsInstances;
    this.varied = varied;
    this.hot = hot;
    this.elapsedSeconds = elapsedSeconds;
  }

  /** The near-identical run's rate over the varied run's, through the whole pipeline (1: the same; 0.5: half). */
  public double hotOverVaried() {
    return varied.rate() > 0 ? hot.rate() / varied.rate() : 0;
  }

  /** Every figure by its JSON key, in the order printed. */
  public Map<String, Object> figures() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("articles", varied.articles());
    f.put("varied_rate", BenchReport.round(varied.rate(), 1));
    f.put("hot_rate", BenchReport.round(hot.rate(), 1));
    f.put("hot_over_varied", BenchReport.round(hotOverVaried(), 3));
    f.put("varied_done", varied.times().drained());
    f.put("hot_done", hot.times().drained());
    f.put("varied_enriched_rate", BenchReport.round(varied.enrichedRate(), 1));
    f.put("hot_enriched_rate", BenchReport.round(hot.enrichedRate(), 1));
    f.put("hot_enriched_over_varied", varied.enrichedRate() > 0 ? BenchReport.round(hot.enrichedRate() / varied.enrichedRate(), 3) : 0.0);
    f.put("varied_s", BenchReport.round(varied.seconds(), 1));
    f.put("hot_s", BenchReport.round(hot.seconds(), 1));
    f.put("streams_instances", streamsInstances);
    runFigures(f, "varied_", varied);
    runFigures(f, "hot_", hot);
    machine.putInto(f, elapsedSeconds);
    return f;
  }

  private static void runFigures(Map<String, Object> f, String prefix, PipelineRun.Burst run) {
    EnrichedTally.Count out = run.outputs();
    f.put(prefix + "duplicate_share", out.articles() > 0 ? BenchReport.round(out.duplicates() / (double) out.articles(), 3) : 0.0);
    f.put(prefix + "enriched_records", out.records());
    StreamsFaults faults = run.faults();
    f.put(prefix + "invalid_producer_epoch", faults.invalidProducerEpoch());
    f.put(prefix + "producer_fenced", faults.producerFenced());
    f.put(prefix + "task_migrated", faults.taskMigrated());
    f.put(prefix + "task_corrupted", faults.taskCorrupted());
    f.put(prefix + "thread_failed", faults.threadFailed());
  }

  /** The JSON object, on one line. */
  public String json() {
    return BenchReport.oneLine(figures());
  }

  /** The table people read. */
  public String table() {
    StringBuilder t = new StringBuilder();
    t.append(String.format("newsflow bench --hot-bucket (%s): %d cores, %s, load average %.2f at start, %s, %d companies, seed %d%n",
        machine.mode(), machine.cores(), machine.jvm(), machine.loadAverageAtStart(), machine.broker(), machine.companies(),
        machine.seed()));
    t.append(String.format("%,d articles sent at once, exactly_once_v2, %d streams JVM%s; near-identical: one template naming %s%n",
        varied.articles(), streamsInstances, streamsInstances == 1 ? "" : "s", hotCompany));
    t.append(String.format("%n%-48s %14s %14s%n", "", "varied", "near-identical"));
    t.append(String.format("%-48s %14s %14s%n", "through the pipeline (articles/s)", rate(varied.rate(), varied),
        rate(hot.rate(), hot)));
    t.append(String.format("%-48s %14.1f %14.1f%n", "    seconds until every stage had drained", varied.seconds(), hot.seconds()));
    t.append(String.format("%-48s %14.1f %14.1f%n", "through enrichment and dedup (articles/s)", varied.enrichedRate(),
        hot.enrichedRate()));
    t.append(String.format("%-48s %14s %14s%n", "marked as repeats (latest record)", share(varied), share(hot)));
    t.append(String.format("%-48s %14d %14d%n", "records in articles.enriched", varied.outputs().records(),
        hot.outputs().records()));
    t.append(String.format("%-48s %14d %14d%n", "log events: InvalidProducerEpochException",
        varied.faults().invalidProducerEpoch(), hot.faults().invalidProducerEpoch()));
    t.append(String.format("%-48s %14d %14d%n", "log events: producer fenced", varied.faults().producerFenced(),
        hot.faults().producerFenced()));
    t.append(String.format("%-48s %14d %14d%n", "log events: task migrated", varied.faults().taskMigrated(),
        hot.faults().taskMigrated()));
    t.append(String.format("%-48s %14d %14d%n", "log events: task corrupted", varied.faults().taskCorrupted(),
        hot.faults().taskCorrupted()));
    t.append(String.format("%-48s %14d %14d%n", "log events: stream thread failed", varied.faults().threadFailed(),
        hot.faults().threadFailed()));
    t.append(String.format("%nnear-identical / varied: %.2f through the pipeline%s%n", hotOverVaried(),
        varied.times().drained() && hot.times().drained() ? "" : " (* a run did not finish: the rate of what it enriched)"));
    t.append(String.format("The run took %.0f s.%n", elapsedSeconds));
    return t.toString();
  }

  private static String rate(double rate, PipelineRun.Burst run) {
    return String.format("%.1f%s", rate, run.times().drained() ? "" : "*");
  }

  private static String share(PipelineRun.Burst run) {
    EnrichedTally.Count out = run.outputs();
    return String.format("%d / %d", out.duplicates(), out.articles());
  }
}
