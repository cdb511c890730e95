package dev.newsflow.producer.poll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the poller remembers about one feed between polls and across restarts: the HTTP validators
 * (ETag, Last-Modified), the feed URL found by autodiscovery, the ids of the items already published
 * (oldest first, bounded), and the failure streak with the earliest time to try again.
 */
public final class FeedState {
  // Polls run on several threads while the store saves every feed: all access is synchronized.
  private String etag;
  private String lastModified;
  private String discoveredUrl;
  private int failures;
  private Instant notBefore;
  private String lastError;
  private final LinkedHashSet<String> seen = new LinkedHashSet<>();

  /** The validators, the discovered URL and the failure streak, read together under the lock. */
  public record Snapshot(String etag, String lastModified, String discoveredUrl, int failures, Instant notBefore,
      String lastError) {}

  public synchronized Snapshot snapshot() {
    return new Snapshot(etag, lastModified, discoveredUrl, failures, notBefore, lastError);
  }

  public synchronized boolean hasSeen(String id) {
    return seen.contains(id);
  }

  public synchronized int seenCount() {
    return seen.size();
  }

  synchronized List<String> seenIds() {
    return new ArrayList<>(seen);
  }

  synchronized void validators(String newEtag, String newLastModified) {
    etag = newEtag;
    lastModified = newLastModified;
  }

  synchronized void discoveredUrl(String url) {
    discoveredUrl = url;
  }

  /** Records published ids, forgetting the oldest beyond {@code max}: a feed only shows its latest items. */
  synchronized void markSeen(Set<String> ids, int max) {
    seen.addAll(ids);
    Iterator<String> oldest = seen.iterator();
    while (seen.size() > max && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  synchronized void succeeded() {
    failures = 0;
    notBefore = null;
    lastError = null;
  }

  synchronized void failed(String error, Instant retryAt) {
    failures++;
    lastError = error;
    notBefore = retryAt;
  }

  synchronized void restore(Snapshot saved, List<String> seenIds) {
    etag = saved.etag();
    lastModified = saved.lastModified();
    discoveredUrl = saved.discoveredUrl();
    failures = saved.failures();
    notBefore = saved.notBefore();
    lastError = saved.lastError();
    seen.addAll(seenIds);
  }
}
