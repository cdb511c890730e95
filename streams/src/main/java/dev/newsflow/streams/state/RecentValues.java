package dev.newsflow.streams.state;

import java.util.LinkedHashMap;
import java.util.Map;

/** Values kept on the heap beside a store, the {@code entries} last read or written, so a busy key is not decoded again. */
public final class RecentValues {
  private RecentValues() {}

  /** A map that holds at most {@code entries} values, dropping the one least recently read or written. */
  public static <V> Map<String, V> atMost(int entries) {
    return new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > entries;
      }
    };
  }
}
