package dev.newsflow.consumer.feed;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.CatchUp;
import dev.newsflow.consumer.ConsumerLoop;
import dev.newsflow.consumer.SinkConsumers;
import dev.newsflow.schema.Alert;
import dev.newsflow.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest alerts, for the dashboard's alerts panel and {@code GET /v1/alerts}: reads the whole
 * {@code alerts} topic (read_committed, no consumer group) and keeps the newest {@code capacity} alerts by
 * the time they fired, then id, so that the panel shows the same list whatever order the partitions
 * arrive in. An alert that is withdrawn (a correction, schema v2) or deleted (a tombstone) leaves the list.
 */
public final class AlertBook extends ConsumerLoop<String, byte[]> {
  private static final Logger log = LoggerFactory.getLogger(AlertBook.class);
  private static final Comparator<Alert> NEWEST_FIRST = Comparator.comparingLong((Alert a) -> a.getFiredAt().toEpochMilli())
      .reversed().thenComparing(Alert::getId);

  private final Topic<String, Alert> topic;
  private final int capacity;
  private final TreeSet<Alert> newest = new TreeSet<>(NEWEST_FIRST);
  private final Map<String, Alert> byId = new HashMap<>();
  private volatile boolean caughtUp;
  private CatchUp catchUp;

  public AlertBook(NewsflowConfig config, int capacity) {
    super(SinkConsumers.withoutGroup(config, "newsflow-feed-alerts"), new StringDeserializer(),
        new ByteArrayDeserializer(), "feed-alerts", "the alerts panel stopped reading " + config.topics().alerts().name(),
        Duration.ofSeconds(10));
    this.topic = config.topics().alerts();
    this.capacity = capacity;
  }

  /** Assigns every partition from its beginning and starts reading. */
  public AlertBook start() {
    List<TopicPartition> partitions = partitionsOf(topic.name());
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    startThread(true);
    return this;
  }

  @Override
  protected void open() {
    catchUp = new CatchUp(consumer);
  }

  @Override
  protected void pollOnce() {
    consumer.poll(Duration.ofMillis(200)).forEach(this::apply);
    caughtUp = catchUp.reached();
  }

  private void apply(ConsumerRecord<String, byte[]> r) {
    Alert alert;
    try {
      alert = r.value() == null ? null : topic.valueSerde().deserializer().deserialize(r.topic(), r.headers(), r.value());
    } catch (RuntimeException e) {
      log.warn("skipped an unreadable alert at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
      return;
    }
    synchronized (this) {
      Alert previous = byId.remove(r.key());
      if (previous != null) {
        newest.remove(previous);
      }
      if (alert == null || withdrawn(alert)) {
        return;
      }
      byId.put(alert.getId(), alert);
      newest.add(alert);
      while (newest.size() > capacity) {
        byId.remove(newest.pollLast().getId());
      }
    }
  }

  /** Schema v2 marks a correction with {@code withdrawn}; v1 alerts have no such field. */
  private static boolean withdrawn(Alert alert) {
    return alert.getSchema().getField("withdrawn") != null && Boolean.TRUE.equals(alert.get("withdrawn"));
  }

  /** The newest alerts, newest first; only those about {@code company} when it is not null. */
  public synchronized List<Alert> newest(String company, int limit) {
    List<Alert> out = new ArrayList<>();
    for (Alert a : newest) {
      if (out.size() >= limit) {
        break;
      }
      if (company == null || company.equals(a.getCompanyId())) {
        out.add(a);
      }
    }
    return out;
  }

  public boolean caughtUp() {
    return caughtUp;
  }
}
