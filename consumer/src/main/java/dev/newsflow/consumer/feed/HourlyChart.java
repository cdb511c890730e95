package dev.newsflow.consumer.feed;

import dev.newsflow.schema.CompanyActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Articles per company per hour, for the dashboard's 24-hour chart, as the streams application counts
 * them: the latest {@code articleCount} of each company's 1 h window on {@code company.activity}. The
 * gateway counts no article itself, so the chart and the rest of newsflow agree on what an hour holds
 * (revisions, repeats and late articles included). Time is event time, and "now" is the newest hour with
 * coverage seen, as in Kafka Streams: a replay or the sample data draws the same chart as live use.
 *
 * <p>A company with coverage in the newest 24 hours is charted over them. A company quiet for longer is
 * charted over the 24 hours up to its own latest coverage, and the chart says so: an empty chart would
 * tell a reader nothing they could not see from "0 in the last 24 hours". Each company keeps two days of
 * hours before its own newest, so memory stays bounded. Thread-safe.
 */
final class HourlyChart {
  static final int HOURS = 24;
  /** The {@code window} of a tumbling hour on {@code company.activity}; the 24 h windows are not charted. */
  static final String HOUR_WINDOW = "1h";
  private static final long HOUR_MS = Duration.ofHours(1).toMillis();

  /** Per company, hour (epoch hours) to its article count; hours with none are left out. */
  private final Map<String, TreeMap<Long, Long>> byCompany = new HashMap<>();
  private long newestHour = Long.MIN_VALUE;

  /**
   * The chart: {@code HOURS} counts, oldest first, over {@code [start, end)}; {@code latestCoverage} when
   * it ends at the company's own latest coverage rather than at the newest hour seen.
   */
  record Chart(Instant start, Instant end, long[] counts, boolean latestCoverage) {}

  /** Takes a window's newest value: a later value of the same window replaces the earlier one. */
  synchronized void apply(CompanyActivity window) {
    if (!HOUR_WINDOW.equals(window.getWindow())) {
      return;
    }
    String companyId = window.getCompanyId();
    long hour = Math.floorDiv(window.getWindowStart().toEpochMilli(), HOUR_MS);
    TreeMap<Long, Long> hours = byCompany.computeIfAbsent(companyId, c -> new TreeMap<>());
    if (!hours.isEmpty() && hour < hours.lastKey() - 2 * HOURS) {
      return; // older than what the company keeps
    }
    // A revision can take an hour's last article away: the window stays, with a count of 0.
    if (window.getArticleCount() > 0) {
      hours.put(hour, window.getArticleCount());
      newestHour = Math.max(newestHour, hour);
      hours.headMap(hours.lastKey() - 2 * HOURS).clear();
    } else {
      hours.remove(hour);
      if (hours.isEmpty()) {
        byCompany.remove(companyId);
      }
    }
  }

  /** How many hours of a company are held in memory. */
  synchronized int hoursKept(String companyId) {
    TreeMap<Long, Long> hours = byCompany.get(companyId);
    return hours == null ? 0 : hours.size();
  }

  synchronized Chart chart(String companyId) {
    long[] counts = new long[HOURS];
    if (newestHour == Long.MIN_VALUE) {
      return new Chart(null, null, counts, false);
    }
    TreeMap<Long, Long> hours = byCompany.getOrDefault(companyId, new TreeMap<>());
    boolean quiet = !hours.isEmpty() && hours.lastKey() <= newestHour - HOURS;
    long last = quiet ? hours.lastKey() : newestHour;
    long first = last - HOURS + 1;
    hours.subMap(first, true, last, true).forEach((h, n) -> counts[(int) (h - first)] = n);
    return new Chart(Instant.ofEpochMilli(first * HOUR_MS), Instant.ofEpochMilli((last + 1) * HOUR_MS), counts, quiet);
  }
}
