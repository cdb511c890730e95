package dev.newsflow.consumer.alerts;

import java.util.TreeSet;

/**
 * The records of one partition still being delivered. The dispatcher may commit up to the lowest of
 * them: never past an alert that is neither delivered nor dead-lettered. Thread-safe.
 */
final class OffsetTracker {
  private final TreeSet<Long> pending = new TreeSet<>();

  synchronized void add(long offset) {
    pending.add(offset);
  }

  synchronized void complete(long offset) {
    pending.remove(offset);
  }

  /** The lowest offset still in delivery, or null when none is. */
  synchronized Long lowestPending() {
    return pending.isEmpty() ? null : pending.first();
  }

  synchronized int size() {
    return pending.size();
  }
}
