package dev.newsflow.bench.e2e;

import dev.newsflow.bench.SyntheticNews;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.schema.Article;
import dev.newsflow.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Publishes the feed's articles, one after another by index, on a fixed schedule: article {@code k} of a
 * run is due at {@code start + k / rate}. Each carries its due time as {@code publishedAt}, and latency
 * is measured from it, so a sender that falls behind (a full buffer, a pause) does not hide the delay by
 * sending later: the schedule never moves (no coordinated omission). A late sender catches up at once.
 */
final class OpenLoopSender {
  /** Told the due time of every article sent, for latency measurement. */
  interface Listener {
    void sent(long index, long dueNanos);
  }

  /** What a run sent: articles {@code [firstIndex, firstIndex + count)}, and how far behind schedule it fell. */
  record Run(long firstIndex, long count, double targetRate, long startNanos, long endNanos, long maxBehindNanos) {
    double achievedRate() {
      return count / Math.max(1e-9, (endNanos - startNanos) / 1e9);
    }
  }

  private static final Listener NOBODY = (index, due) -> { };

  private final RecordPublisher publisher;
  private final Topic<String, Article> topic;
  private final SyntheticNews.Feed feed;
  private final BenchClock clock;
  private long next;

  OpenLoopSender(RecordPublisher publisher, Topic<String, Article> topic, SyntheticNews.Feed feed, BenchClock clock) {
    this.publisher = publisher;
    this.topic = topic;
    this.feed = feed;
    this.clock = clock;
  }

  /** The index of the next article to be sent. */
  long nextIndex() {
    return next;
  }

  Run send(double rate, Duration duration) {
    return send(rate, duration, NOBODY);
  }

  /** Sends at {@code rate} articles a second for {@code duration}, then waits until the broker has them all. */
  Run send(double rate, Duration duration, Listener listener) {
    long first = next;
    Paced paced = paced(rate, duration, due -> {
      long index = next++;
      publisher.publish(topic, SyntheticNews.Feed.id(index), feed.article(index, clock.instant(due)));
      listener.sent(index, due);
    });
    publisher.flush();
    return new Run(first, paced.count(), rate, paced.startNanos(), paced.endNanos(), paced.maxBehindNanos());
  }

  /** What {@link #paced} did: how many sends, from when to when, and the most one was late ({@link System#nanoTime()}). */
  record Paced(long count, long startNanos, long endNanos, long maxBehindNanos) {}

  /**
   * The fixed schedule: {@code rate} sends a second for {@code duration} from now, send {@code k} due at
   * {@code start + k / rate}; each is made once due, told its due time. A send that falls behind does not move the
   * ones after it.
   */
  static Paced paced(double rate, Duration duration, LongConsumer send) {
    if (rate <= 0) {
      throw new IllegalArgumentException("rate must be positive: " + rate);
    }
    long count = Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
    double period = 1e9 / rate;
    long start = System.nanoTime();
    long maxBehind = 0;
    for (long k = 0; k < count; k++) {
      long due = start + (long) (k * period);
      long now = System.nanoTime();
      while (now < due) {
        LockSupport.parkNanos(due - now);
        now = System.nanoTime();
      }
      maxBehind = Math.max(maxBehind, now - due);
      send.accept(due);
    }
    return new Paced(count, start, System.nanoTime(), maxBehind);
  }

  /** Sends {@code count} articles as fast as the producer takes them (the due time of each is when it is sent). */
  Run burst(long count) {
    long first = next;
    long start = System.nanoTime();
    for (long k = 0; k < count; k++) {
      long index = next++;
      publisher.publish(topic, SyntheticNews.Feed.id(index), feed.article(index, clock.instant(System.nanoTime())));
    }
    long end = System.nanoTime();
    publisher.flush();
    return new Run(first, count, Double.POSITIVE_INFINITY, start, end, 0);
  }

  /**
   * Sends the next {@code count} articles of {@code source} (not of the feed) as fast as the producer takes
   * them, every one published at {@code publishedAt}.
   */
  Run burst(SyntheticNews.ArticleSource source, long count, Instant publishedAt) {
    long first = next;
    long start = System.nanoTime();
    for (long k = 0; k < count; k++) {
      long index = next++;
      publisher.publish(topic, SyntheticNews.Feed.id(index), source.article(index, publishedAt));
    }
    long end = System.nanoTime();
    publisher.flush();
    return new Run(first, count, Double.POSITIVE_INFINITY, start, end, 0);
  }

  /** Wall-clock instants for {@link System#nanoTime()} readings, anchored once. */
  static final class BenchClock {
    private final long originNanos = System.nanoTime();
    private final Instant originWall = Instant.now();

    Instant instant(long nanos) {
      return originWall.plusNanos(nanos - originNanos);
    }
  }

  static Duration seconds(double s) {
    return Duration.ofMillis(Math.round(s * 1000));
  }
}
