package dev.newsflow.http;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the uploads a server reads at once, per client address and in total. A body is read on a thread
 * of its own, so without a cap a few clients that send half a body and stall would hold every thread
 * until their timeouts; with it they hold at most their share, and everyone else is still served. Over
 * a cap the answer comes at once: 429 for the client over its share, 503 when the server is full, both
 * with {@code Retry-After}.
 */
public final class UploadSlots {
  private final int perClient;
  private final int total;
  private final AtomicInteger inUse = new AtomicInteger();
  private final ConcurrentMap<String, Integer> byClient = new ConcurrentHashMap<>();

  public UploadSlots(int perClient, int total) {
    if (perClient <= 0 || total <= 0) {
      throw new IllegalArgumentException("upload caps must be positive");
    }
    this.perClient = perClient;
    this.total = total;
  }

  /** One upload under way; close it when the body has been read. */
  public interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  /** A slot for {@code client}, or {@link HttpError} 429/503 when a cap is reached. */
  public Slot acquire(String client) {
    boolean[] admitted = new boolean[1];
    byClient.compute(client, (c, n) -> {
      int now = n == null ? 0 : n;
      admitted[0] = now < perClient;
      return admitted[0] ? now + 1 : n;
    });
    if (!admitted[0]) {
      throw new HttpError(429, "too many uploads under way from " + client + " (at most " + perClient
          + " at once); retry when one has finished").withHeader("Retry-After", "1").withHeader("Connection", "close");
    }
    if (inUse.incrementAndGet() > total) {
      inUse.decrementAndGet();
      release(client);
      throw HttpError.unavailable("the server is reading " + total + " uploads already; retry shortly",
          Duration.ofSeconds(1)).withHeader("Connection", "close");
    }
    return () -> {
      inUse.decrementAndGet();
      release(client);
    };
  }

  public int inUse() {
    return inUse.get();
  }

  private void release(String client) {
    byClient.computeIfPresent(client, (c, n) -> n <= 1 ? null : n - 1); // idle clients are forgotten
  }
}
