package dev.newsflow.streams.aggregate.digest;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;

/**
 * How much a story weighs in a company's digest over one period: distinct outlets first, then reports, then
 * the earliest first report, then the story id. A total order, so the main stories never depend on the
 * order the articles arrived in.
 *
 * @param firstReport the earliest publication time of its reports in the period
 */
public record StoryWeight(String storyId, int outlets, int reports, long firstReport) {
  /** Heaviest first. */
  public static final Comparator<StoryWeight> HEAVIEST_FIRST = Comparator
      .comparingInt(StoryWeight::outlets).reversed()
      .thenComparing(Comparator.comparingInt(StoryWeight::reports).reversed())
      .thenComparingLong(StoryWeight::firstReport)
      .thenComparing(StoryWeight::storyId);

  /** The weight of a story's reports in a period; null when it has none there. */
  public static StoryWeight of(String storyId, Collection<DigestReport> reports) {
    if (reports.isEmpty()) {
      return null;
    }
    Set<String> outlets = new HashSet<>();
    long first = Long.MAX_VALUE;
    for (DigestReport r : reports) {
      if (r.outlet() != null) {
        outlets.add(r.outlet());
      }
      first = Math.min(first, r.publishedAt());
    }
    return new StoryWeight(storyId, outlets.size(), reports.size(), first);
  }

  /** Whether this story comes before {@code other} in the digest. */
  public boolean heavierThan(StoryWeight other) {
    return HEAVIEST_FIRST.compare(this, other) < 0;
  }
}
