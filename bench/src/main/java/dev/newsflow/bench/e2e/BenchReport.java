package dev.newsflow.bench.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.bench.e2e.LatencyTracker.Hop;
import dev.newsflow.bench.e2e.LatencyTracker.Percentiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one {@code newsflow bench} run: a table for people and one JSON object (the last line
 * printed) for scripts. {@link #REQUIRED_KEYS} are always present, each a number.
 */
public final class BenchReport {
  /** The keys every report's JSON holds, each with a number. */
  public static final List<String> REQUIRED_KEYS = List.of("b0", "b1", "p", "p_alo", "p_over_b1",
      "p50_enriched_ms", "p99_enriched_ms", "p99_summary_ms", "p99_alert_ms", "p99_webhook_ms", "heap_mb", "rss_mb");

  private static final double MB = 1024.0 * 1024.0;

  /** Where and how the run was made. */
  record Machine(String mode, int cores, long memoryBytes, String jvm, double loadAverageAtStart, int companies,
      long seed, String broker) {
    /** The figures that say where and how a report was measured, and how long the whole run took. */
    void putInto(Map<String, Object> f, double elapsedSeconds) {
      f.put("mode", mode);
      f.put("companies", companies);
      f.put("seed", seed);
      f.put("cores", cores);
      f.put("load_average_at_start", round(loadAverageAtStart, 2));
      f.put("elapsed_s", Math.round(elapsedSeconds));
    }
  }

  private final Machine machine;
  private final double b0;
  private final double b1;
  private final PipelineRun.Figures eos;
  private final PipelineRun.Figures alo;
  private final double elapsedSeconds;

  BenchReport(Machine machine, double b0, double b1, PipelineRun.Figures eos, PipelineRun.Figures alo, double elapsedSeconds) {
    this.machine = machine;
    this.b0 = b0;
    this.b1 = b1;
    this.eos = eos;
    this.alo = alo;
    this.elapsedSeconds = elapsedSeconds;
  }

  /** Every figure by its JSON key, in the order printed. */
  public Map<String, Object> figures() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("b0", Math.round(b0));
    f.put("b1", Math.round(b1));
    f.put("p", Math.round(eos.search().rate()));
    f.put("p_sustained", eos.search().sustained());
    f.put("p_alo", Math.round(alo.search().rate()));
    f.put("p_alo_sustained", alo.search().sustained());
    f.put("p_over_b1", round(eos.search().rate() / b1, 4));
    // No ratio to a pipeline that achieved nothing: 0 says "not measured" without an absurd number.
    f.put("p_alo_over_p", eos.search().rate() > 0 ? round(alo.search().rate() / eos.search().rate(), 3) : 0.0);
    f.put("latency_rate", Math.round(eos.latencyRate()));
    f.put("latency_at_target", eos.latencyAtTarget());
    f.put("latency_held", eos.latencyHeld());
    latencies(f, eos, "");
    f.put("heap_mb", round(eos.heapLiveBytes() / MB, 1));
    f.put("heap_peak_mb", round(eos.heapPeakBytes() / MB, 1));
    f.put("heap_max_mb", round(eos.heapMaxBytes() / MB, 1));
    f.put("rss_mb", round(eos.rssPeakBytes() / MB, 1));
    f.put("rss_end_mb", round(eos.rssBytes() / MB, 1));
    f.put("summary_files_lag_ms", round(eos.summaryFilesLagMs(), 0));
    f.put("summary_db_lag_ms", round(eos.summaryDatabaseLagMs(), 0));
    f.put("webhook_lag_ms", round(eos.webhookLagMs(), 0));
    f.put("duplicate_share", round(eos.duplicateShare(), 3));
    f.put("linked_share", round(eos.linkedShare(), 3));
    f.put("watched_in_others_stories", eos.watchedInAnothersStory());
    coreShares(f, eos, "");
    f.put("latency_rate_alo", Math.round(alo.latencyRate()));
    f.put("latency_held_alo", alo.latencyHeld());
    latencies(f, alo, "_alo");
    f.put("heap_mb_alo", round(alo.heapLiveBytes() / MB, 1));
    f.put("rss_mb_alo", round(alo.rssPeakBytes() / MB, 1));
    coreShares(f, alo, "_alo");
    machine.putInto(f, elapsedSeconds);
    return f;
  }

  /** The stream threads' shares of the latency window on a core and waiting for one; null where not measured. */
  private static void coreShares(Map<String, Object> f, PipelineRun.Figures run, String suffix) {
    StreamsPulse.CoreShare c = run.streamThreadCores();
    f.put("stream_thread_on_core" + suffix, Double.isFinite(c.onCore()) ? round(c.onCore(), 3) : null);
    f.put("stream_thread_waiting_core" + suffix, Double.isFinite(c.waiting()) ? round(c.waiting(), 3) : null);
  }

  private static void latencies(Map<String, Object> f, PipelineRun.Figures run, String suffix) {
    for (Hop hop : Hop.values()) {
      String name = hop.name().toLowerCase(java.util.Locale.ROOT);
      Percentiles p = run.latency().get(hop);
      f.put("p50_" + name + "_ms" + suffix, p.p50());
      f.put("p99_" + name + "_ms" + suffix, p.p99());
      f.put("p999_" + name + "_ms" + suffix, p.p999());
      f.put("missing_" + name + suffix, p.missing());
    }
  }

  /** The JSON object, on one line. */
  public String json() {
    return oneLine(figures());
  }

  /** A report's figures as one line of JSON (the last line a bench prints, for scripts). */
  static String oneLine(Map<String, Object> figures) {
    try {
      return new ObjectMapper().writeValueAsString(figures);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report as JSON", e);
    }
  }

  /** The table people read. */
  public String table() {
    StringBuilder t = new StringBuilder();
    t.append(String.format("newsflow bench (%s): %d cores, %.1f GiB, %s, load average %.2f at start, %s, %d companies, seed %d%n",
        machine.mode(), machine.cores(), machine.memoryBytes() / (MB * 1024), machine.jvm(), machine.loadAverageAtStart(),
        machine.broker(), machine.companies(), machine.seed()));
    t.append(String.format("%n%-44s %14s %14s%n", "THROUGHPUT", "exactly_once_v2", "at_least_once"));
    t.append(String.format("%-44s %14s%n", "B0  broker pass-through (records/s)", grouped(b0)));
    t.append(String.format("%-44s %14s%n", "B1  Streams identity, exactly_once_v2 (rec/s)", grouped(b1)));
    t.append(String.format("%-44s %14s %14s%n", "P   sustainable throughput (articles/s)", rate(eos), rate(alo)));
    t.append(String.format("%-44s %14.4f %14.4f%n", "    P / B1", eos.search().rate() / b1, alo.search().rate() / b1));
    if (!eos.search().sustained() || !alo.search().sustained()) {
      t.append("    * not sustained even at the lowest rate tried: the figure is what the pipeline achieved there\n");
    }
    t.append(String.format("%nLATENCY (ms, from the intended send time)    at %s/s%s   at %s/s%s%n",
        grouped(eos.latencyRate()), eos.latencyAtTarget() ? "" : "*", grouped(alo.latencyRate()), alo.latencyAtTarget() ? "" : "*"));
    t.append(String.format("%-32s %28s %28s%n", "", "p50 / p99 / p99.9 (missing)", "p50 / p99 / p99.9 (missing)"));
    for (Hop hop : Hop.values()) {
      t.append(String.format("%-32s %28s %28s%n", hop.label, percentiles(eos.latency().get(hop)), percentiles(alo.latency().get(hop))));
    }
    if (!eos.latencyAtTarget() || !alo.latencyAtTarget()) {
      t.append("    * the pipeline does not sustain the target rate: latency measured at the rate it sustains\n");
    }
    for (PipelineRun.Figures run : List.of(eos, alo)) {
      if (!run.latencyHeld()) {
        t.append(String.format("    ! %s: a stage fell behind during the latency window at %s/s: that rate did not hold%n",
            run.guarantee(), grouped(run.latencyRate())));
      }
    }
    t.append(String.format("%nSTREAMS JVM%n"));
    t.append(String.format("%-44s %18s %18s%n", "heap live after full GC / peak / max (MB)", memory(eos), memory(alo)));
    t.append(String.format("%-44s %18s %18s%n", "resident set peak / at end (MB)",
        String.format("%.0f / %.0f", eos.rssPeakBytes() / MB, eos.rssBytes() / MB),
        String.format("%.0f / %.0f", alo.rssPeakBytes() / MB, alo.rssBytes() / MB)));
    t.append(String.format("%-44s %18s %18s%n", "stream thread % on a core / waiting for one", cores(eos), cores(alo)));
    t.append(String.format("%nSINKS DURING THE LATENCY PHASE (most behind, ms)%n"));
    t.append(String.format("%-44s %14.0f %14.0f%n", "summary files", eos.summaryFilesLagMs(), alo.summaryFilesLagMs()));
    t.append(String.format("%-44s %14.0f %14.0f%n", "summary database (SQLite)", eos.summaryDatabaseLagMs(), alo.summaryDatabaseLagMs()));
    t.append(String.format("%-44s %14.0f %14.0f%n", "webhook dispatcher", eos.webhookLagMs(), alo.webhookLagMs()));
    t.append(String.format("%nLOAD (measured articles, exactly once / at least once): marked as repeats %.1f %% / %.1f %%,"
        + " naming a company %.1f %% / %.1f %%;%nwatched but in another article's story (covered by its alert, not expected"
        + " to alert) %d / %d%nThe run took %.0f s.%n", 100 * eos.duplicateShare(), 100 * alo.duplicateShare(),
        100 * eos.linkedShare(), 100 * alo.linkedShare(), eos.watchedInAnothersStory(), alo.watchedInAnothersStory(),
        elapsedSeconds));
    return t.toString();
  }

  /** The latency window's share on a core and waiting for one, in percent; "-" where Linux did not say. */
  private static String cores(PipelineRun.Figures run) {
    StreamsPulse.CoreShare c = run.streamThreadCores();
    return Double.isFinite(c.onCore()) ? String.format("%.0f / %.0f", 100 * c.onCore(), 100 * c.waiting()) : "-";
  }

  private static String rate(PipelineRun.Figures run) {
    return grouped(run.search().rate()) + (run.search().sustained() ? "" : "*");
  }

  private static String memory(PipelineRun.Figures run) {
    return String.format("%.0f / %.0f / %.0f", run.heapLiveBytes() / MB, run.heapPeakBytes() / MB, run.heapMaxBytes() / MB);
  }

  private static String percentiles(Percentiles p) {
    return String.format("%s / %s / %s (%d)", ms(p.p50()), ms(p.p99()), ms(p.p999()), p.missing());
  }

  private static String ms(double v) {
    return v >= 100 ? String.format("%.0f", v) : String.format("%.1f", v);
  }

  private static String grouped(double v) {
    return String.format("%,d", Math.round(v));
  }

  /** {@code v} to {@code digits} decimals; 0 for a value that is not finite (the JSON holds numbers only). */
  static double round(double v, int digits) {
    if (!Double.isFinite(v)) {
      return 0;
    }
    double scale = Math.pow(10, digits);
    return Math.round(v * scale) / scale;
  }
}
