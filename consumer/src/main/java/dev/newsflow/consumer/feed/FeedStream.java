package dev.newsflow.consumer.feed;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.SinkConsumers;
import dev.newsflow.http.EventStream;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.topic.Topic;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One client's Server-Sent Events stream. Articles wait in a bounded queue between the Kafka thread and
 * this client's connection; when the client reads too slowly and the queue fills, the client is sent an
 * {@code event: disconnect} with the reason and the stream ends, so it costs the others nothing. Every
 * article event carries the client's position as its id; the client resumes from it with
 * {@code Last-Event-ID}.
 */
final class FeedStream implements FeedLog.Subscriber {
  private static final FeedEvent STOP = new FeedEvent(-1, -1, null, null, Instant.EPOCH);
  /** How long a client waits before reconnecting after a broken stream ({@code retry:}). */
  static final Duration RETRY = Duration.ofSeconds(3);
  /** How often an idle stream checks that its client is still connected. */
  static final Duration PROBE = Duration.ofMillis(500);

  private final FeedFilter filter;
  private final BlockingQueue<FeedEvent> queue;
  private final int capacity;
  private final Counter slowDisconnects;
  private volatile String stopReason;

  FeedStream(FeedFilter filter, int capacity, Counter slowDisconnects) {
    this.filter = filter;
    this.capacity = capacity;
    this.slowDisconnects = slowDisconnects;
    this.queue = new ArrayBlockingQueue<>(capacity + 1);
  }

  @Override
  public void offer(FeedEvent event) {
    if (stopReason != null || !filter.matches(event.article())) {
      return;
    }
    if (queue.size() >= capacity || !queue.offer(event)) {
      slowDisconnects.increment();
      stop("slow client: more than " + capacity + " articles waiting to be sent; reconnect with Last-Event-ID to resume");
    }
  }

  /** Ends the stream after what is being written now; the client is told why. */
  void stop(String reason) {
    if (stopReason == null) {
      stopReason = reason;
      queue.clear();
      queue.offer(STOP);
    }
  }

  /**
   * Writes the stream until the client goes, the queue overflows or the gateway stops. While nothing is
   * to be sent, checks every {@link #PROBE} whether the client is still there, so a client that left
   * stops counting at once rather than at the next heartbeat.
   */
  void serve(EventStream out, FeedLog.Start start, Duration heartbeat, NewsflowConfig config, Counter sent)
      throws IOException, InterruptedException {
    FeedPosition position = start.position();
    out.retry(RETRY);
    for (Map.Entry<Integer, long[]> gap : start.backfill().entrySet()) {
      backfill(out, config, gap.getKey(), gap.getValue()[0], gap.getValue()[1], position, sent);
    }
    for (FeedEvent e : start.replay()) {
      send(out, e, position, sent);
    }
    out.event(null, "ready", "{\"position\":\"" + position.id() + "\"}");
    long nextHeartbeat = System.nanoTime() + heartbeat.toNanos();
    while (true) {
      long untilHeartbeat = nextHeartbeat - System.nanoTime();
      FeedEvent e = queue.poll(Math.max(0, Math.min(untilHeartbeat, PROBE.toNanos())), TimeUnit.NANOSECONDS);
      if (e == null) {
        if (out.clientGone()) {
          return;
        }
        if (System.nanoTime() - nextHeartbeat >= 0) {
          out.comment("heartbeat " + Instant.now());
          nextHeartbeat = System.nanoTime() + heartbeat.toNanos();
        }
      } else if (e == STOP) {
        var reason = CanonicalJson.mapper().createObjectNode().put("reason", stopReason);
        out.event(null, "disconnect", CanonicalJson.mapper().writeValueAsString(reason));
        return;
      } else if (position.isAhead(e.partition(), e.offset())) {
        send(out, e, position, sent);
      }
    }
  }

  private void send(EventStream out, FeedEvent e, FeedPosition position, Counter sent) throws IOException {
    position.advance(e.partition(), e.offset());
    out.event(position.id(), "article", e.json());
    sent.increment();
  }

  /** Records older than the gateway's buffer, read straight from Kafka: a resume never skips any. */
  private void backfill(EventStream out, NewsflowConfig config, int partition, long from, long until,
      FeedPosition position, Counter sent) throws IOException {
    Topic<String, EnrichedArticle> topic = config.topics().articlesEnriched();
    TopicPartition tp = new TopicPartition(topic.name(), partition);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(SinkConsumers.withoutGroup(config, "newsflow-feed-backfill"), new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.assign(List.of(tp));
      consumer.seek(tp, from);
      while (consumer.position(tp) < until) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.offset() >= until || r.value() == null) {
            continue;
          }
          EnrichedArticle article;
          try {
            article = topic.valueSerde().deserializer().deserialize(r.topic(), r.headers(), r.value());
          } catch (RuntimeException unreadable) {
            continue; // the gateway's own reader skipped it too
          }
          if (filter.matches(article)) {
            send(out, new FeedEvent(partition, r.offset(), article, CanonicalJson.write(article), Instant.EPOCH),
                position, sent);
          }
        }
      }
    }
  }
}
