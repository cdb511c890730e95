package dev.newsflow.consumer.feed;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Where a feed client stands: for every partition of {@code articles.enriched}, the offset of the next
 * record it has not been shown. Sent as each event's SSE id ({@code 0:12,1:40,2:7}), so that a client
 * reconnecting with {@code Last-Event-ID} resumes exactly after the last event it received.
 */
public final class FeedPosition {
  private static final Pattern FORMAT = Pattern.compile("\\d{1,4}:\\d{1,19}(,\\d{1,4}:\\d{1,19}){0,1023}");

  private final long[] next;

  FeedPosition(long[] next) {
    this.next = next.clone();
  }

  /** Parses an event id; throws IllegalArgumentException with the reason when it is not one of ours. */
  public static FeedPosition parse(String id, int partitions) {
    if (id == null || !FORMAT.matcher(id.trim()).matches()) {
      throw new IllegalArgumentException("Last-Event-ID must look like 0:12,1:40 (partition:offset,...)");
    }
    long[] next = new long[partitions];
    boolean[] seen = new boolean[partitions];
    for (String part : id.trim().split(",")) {
      int colon = part.indexOf(':');
      int p = Integer.parseInt(part.substring(0, colon));
      if (p >= partitions || seen[p]) {
        throw new IllegalArgumentException("Last-Event-ID names partition " + p + " twice or beyond the "
            + partitions + " partitions of the feed");
      }
      seen[p] = true;
      next[p] = Long.parseLong(part.substring(colon + 1));
    }
    for (int p = 0; p < partitions; p++) {
      if (!seen[p]) {
        throw new IllegalArgumentException("Last-Event-ID lacks partition " + p);
      }
    }
    return new FeedPosition(next);
  }

  public int partitions() {
    return next.length;
  }

  public long next(int partition) {
    return next[partition];
  }

  /** True when the event at {@code offset} of {@code partition} has not been passed yet. */
  boolean isAhead(int partition, long offset) {
    return offset >= next[partition];
  }

  void advance(int partition, long offset) {
    next[partition] = Math.max(next[partition], offset + 1);
  }

  FeedPosition copy() {
    return new FeedPosition(next);
  }

  /** The event id form. */
  public String id() {
    StringBuilder s = new StringBuilder();
    for (int p = 0; p < next.length; p++) {
      if (p > 0) {
        s.append(',');
      }
      s.append(p).append(':').append(next[p]);
    }
    return s.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeedPosition other && Arrays.equals(next, other.next);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(next);
  }

  @Override
  public String toString() {
    return id();
  }
}
