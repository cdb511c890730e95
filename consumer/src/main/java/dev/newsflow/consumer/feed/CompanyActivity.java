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
 * Hours older than two days before the newest are dropped, so memory stays bounded. Thread-safe.
 */
final class CompanyActivity {
  static final int HOURS = 24;
  private static final long HOUR_MS = Duration.ofHours(1).toMillis();

  private final Map<String, TreeMap<Long, Set<String>>> byCompany = new HashMap<>();
  private long newestHour = Long.MIN_VALUE;

  /** The chart: {@code HOURS} counts, oldest first, ending with the hour of the newest article seen. */
  record Chart(Instant start, Instant end, int[] counts) {}

  synchronized void add(String companyId, String articleId, Instant eventTime) {
    long hour = Math.floorDiv(eventTime.toEpochMilli(), HOUR_MS);
    if (hour > newestHour) {
      newestHour = hour;
      long oldest = newestHour - 2 * HOURS;
      byCompany.values().forEach(hours -> hours.headMap(oldest).clear());
    }
    if (hour < newestHour - 2 * HOURS) {
      return;
    }
    byCompany.computeIfAbsent(companyId, c -> new TreeMap<>()).computeIfAbsent(hour, h -> new HashSet<>()).add(articleId);
  }

  synchronized Chart chart(String companyId) {
    int[] counts = new int[HOURS];
    if (newestHour == Long.MIN_VALUE) {
      return new Chart(null, null, counts);
    }
    long first = newestHour - HOURS + 1;
    TreeMap<Long, Set<String>> hours = byCompany.getOrDefault(companyId, new TreeMap<>());
    hours.subMap(first, true, newestHour, true).forEach((h, ids) -> counts[(int) (h - first)] = ids.size());
    return new Chart(Instant.ofEpochMilli(first * HOUR_MS), Instant.ofEpochMilli((newestHour + 1) * HOUR_MS), counts);
  }
}
