package dev.newsflow.consumer.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Articles per company per hour, for the dashboard's 24-hour chart. Time is event time (when an article
 * was published), and "now" is the newest event time seen, as in Kafka Streams: a replay or the sample
 * data draws the same chart as live use. An article counts once per hour however often it is read.
 *
 * <p>A company with coverage in the newest 24 hours is charted over them. A company quiet for longer is
 * charted over the 24 hours up to its own latest coverage, and the chart says so: an empty chart would
 * tell a reader nothing they could not see from "0 in the last 24 hours". Each company keeps two days of
 * hours before its own newest, so memory stays bounded. Thread-safe.
 */
final class CompanyActivity {
  static final int HOURS = 24;
  private static final long HOUR_MS = Duration.ofHours(1).toMillis();

  private final Map<String, TreeMap<Long, Set<String>>> byCompany = new HashMap<>();
  private long newestHour = Long.MIN_VALUE;

  /**
   * The chart: {@code HOURS} counts, oldest first, over {@code [start, end)}; {@code latestCoverage} when
   * it ends at the company's own latest coverage rather than at the newest article seen.
   */
  record Chart(Instant start, Instant end, int[] counts, boolean latestCoverage) {}

  synchronized void add(String companyId, String articleId, Instant eventTime) {
    long hour = Math.floorDiv(eventTime.toEpochMilli(), HOUR_MS);
    newestHour = Math.max(newestHour, hour);
    TreeMap<Long, Set<String>> hours = byCompany.computeIfAbsent(companyId, c -> new TreeMap<>());
    long companyNewest = hours.isEmpty() ? hour : Math.max(hours.lastKey(), hour);
    long oldestKept = companyNewest - 2 * HOURS;
    if (hour < oldestKept) {
      return;
    }
    hours.computeIfAbsent(hour, h -> new HashSet<>()).add(articleId);
    hours.headMap(oldestKept).clear();
  }

  synchronized Chart chart(String companyId) {
    int[] counts = new int[HOURS];
    TreeMap<Long, Set<String>> hours = byCompany.getOrDefault(companyId, new TreeMap<>());
    if (newestHour == Long.MIN_VALUE) {
      return new Chart(null, null, counts, false);
    }
    boolean quiet = !hours.isEmpty() && hours.lastKey() <= newestHour - HOURS;
    long last = quiet ? hours.lastKey() : newestHour;
    long first = last - HOURS + 1;
    hours.subMap(first, true, last, true).forEach((h, ids) -> counts[(int) (h - first)] = ids.size());
    return new Chart(Instant.ofEpochMilli(first * HOUR_MS), Instant.ofEpochMilli((last + 1) * HOUR_MS), counts, quiet);
  }
}
