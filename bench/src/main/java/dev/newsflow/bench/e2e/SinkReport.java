package dev.newsflow.bench.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of {@code newsflow bench --sinks} ({@link SinkRun}): each step of the ladder as a table for people,
 * and one JSON object (the last line printed) for scripts. {@link #REQUIRED_KEYS} are always present, each a
 * number; the figures "at 500" are those of the first step, the load of 500 articles a second.
 */
public final class SinkReport {
  /** The keys every sinks report's JSON holds, each with a number. */
  public static final List<String> REQUIRED_KEYS = List.of("articles", "summaries", "summaries_per_article",
      "rate_at_500", "files_rate_at_500", "files_behind_ms_at_500", "database_rate_at_500",
      "database_behind_ms_at_500", "max_rate_kept", "max_article_rate_kept", "bound_ms");

  private final BenchReport.Machine machine;
  private final int articles;
  private final int summaries;
  private final List<SinkRun.Step> steps;
  private final double elapsedSeconds;

  SinkReport(BenchReport.Machine machine, int articles, int summaries, List<SinkRun.Step> steps, double elapsedSeconds) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a sinks report needs at least one step");
    }
    this.machine = machine;
    this.articles = articles;
    this.summaries = summaries;
    this.steps = List.copyOf(steps);
    this.elapsedSeconds = elapsedSeconds;
  }

  /** The highest step both writers kept up with; null when not even the first. */
  SinkRun.Step highestKept() {
    SinkRun.Step best = null;
    for (SinkRun.Step s : steps) {
      if (s.keptUp() && (best == null || s.rate() > best.rate())) {
        best = s;
      }
    }
    return best;
  }

  /** Every figure by its JSON key, in the order printed. */
  public Map<String, Object> figures() {
    Map<String, Object> f = new LinkedHashMap<>();
    SinkRun.Step at500 = steps.get(0);
    SinkRun.Step kept = highestKept();
    f.put("articles", articles);
    f.put("summaries", summaries);
    f.put("summaries_per_article", BenchReport.round(SinkRun.perArticle(summaries, articles), 3));
    f.put("rate_at_500", BenchReport.round(at500.rate(), 0));
    f.put("files_rate_at_500", BenchReport.round(at500.filesRate(), 1));
    f.put("files_behind_ms_at_500", BenchReport.round(at500.filesBehindMs(), 0));
    f.put("database_rate_at_500", BenchReport.round(at500.databaseRate(), 1));
    f.put("database_behind_ms_at_500", BenchReport.round(at500.databaseBehindMs(), 0));
    f.put("kept_up_at_500", at500.keptUp());
    f.put("max_rate_kept", kept == null ? 0.0 : BenchReport.round(kept.rate(), 0));
    f.put("max_article_rate_kept", kept == null ? 0.0 : BenchReport.round(kept.articleRate(), 0));
    f.put("ladder_topped", kept != null && kept == steps.get(steps.size() - 1));
    f.put("bound_ms", SinkRun.BOUND.toMillis());
    machine.putInto(f, elapsedSeconds);
    return f;
  }

  /** The JSON object, on one line. */
  public String json() {
    return BenchReport.oneLine(figures());
  }

  /** The table people read. */
  public String table() {
    StringBuilder t = new StringBuilder();
    t.append(String.format("newsflow bench --sinks (%s): %d cores, %s, load average %.2f at start, %s%n", machine.mode(),
        machine.cores(), machine.jvm(), machine.loadAverageAtStart(), machine.broker()));
    t.append(String.format("the summaries stage alone (JSON and Markdown files, SQLite), fed %,d real summaries (the "
        + "topology's for %,d articles: %.2f an article) round and round%n", summaries, articles,
        SinkRun.perArticle(summaries, articles)));
    t.append(String.format("%n%14s %14s %14s %14s %14s %14s  %s%n", "summaries/s", "articles/s", "files/s",
        "files behind", "database/s", "db behind", "both under " + SinkRun.BOUND.toMillis() + " ms"));
    for (SinkRun.Step s : steps) {
      t.append(String.format("%,14.0f %,14.0f %,14.0f %,11.0f ms %,14.0f %,11.0f ms  %s%n", s.rate(), s.articleRate(),
          s.filesRate(), s.filesBehindMs(), s.databaseRate(), s.databaseBehindMs(),
          s.keptUp() ? "yes" : s.drained() ? "no" : "no (not caught up after the step)"));
    }
    SinkRun.Step kept = highestKept();
    t.append(kept == null
        ? String.format("%nNot kept up with even at the load of %.0f articles/s.%n", SinkRun.ARTICLE_RATE)
        : String.format("%nKept up with up to %,.0f summaries/s (%,.0f articles/s)%s.%n", kept.rate(), kept.articleRate(),
            kept == steps.get(steps.size() - 1) ? ", the ladder's top: the writers' limit is higher" : ""));
    t.append(String.format("The run took %.0f s.%n", elapsedSeconds));
    return t.toString();
  }
}
