package dev.newsflow.app.reliability;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what a topic holds with what it should: the whole set of ids, each exactly once. Not counts:
 * a lost record and a duplicated one would cancel out in a count, and never in this comparison.
 *
 * @param missing ids expected and not seen
 * @param duplicated ids seen more than once, with how often
 * @param unexpected ids seen and not expected
 */
record ExactlyOnceCheck(String what, int expected, long seen, Set<String> missing, Map<String, Integer> duplicated,
    Set<String> unexpected) {

  /** Checks {@code seenIds} (in the order read, repeats included) against {@code expectedIds}. */
  static ExactlyOnceCheck of(String what, Collection<String> expectedIds, Collection<String> seenIds) {
    Map<String, Integer> times = new TreeMap<>();
    seenIds.forEach(id -> times.merge(id, 1, Integer::sum));
    Set<String> expected = new TreeSet<>(expectedIds);
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(times.keySet());
    Set<String> unexpected = new TreeSet<>(times.keySet());
    unexpected.removeAll(expected);
    Map<String, Integer> duplicated = new TreeMap<>();
    times.forEach((id, n) -> {
      if (n > 1) {
        duplicated.put(id, n);
      }
    });
    return new ExactlyOnceCheck(what, expected.size(), seenIds.size(), missing, duplicated, unexpected);
  }

  /** Every expected id seen, none twice, nothing else. */
  boolean exact() {
    return missing.isEmpty() && duplicated.isEmpty() && unexpected.isEmpty();
  }

  /** Every expected id seen at least once (the output is complete, whether or not it has repeats). */
  boolean complete() {
    return missing.isEmpty();
  }

  @Override
  public String toString() {
    return what + ": expected " + expected + ", read " + seen + "; lost " + missing.size() + first(missing)
        + ", duplicated " + duplicated.size() + first(duplicated.keySet()) + ", unexpected " + unexpected.size()
        + first(unexpected);
  }

  private static String first(Set<String> ids) {
    return ids.isEmpty() ? "" : " " + ids.stream().limit(5).toList() + (ids.size() > 5 ? "…" : "");
  }
}
