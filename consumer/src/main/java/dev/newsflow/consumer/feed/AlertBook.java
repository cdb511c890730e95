package dev.newsflow.consumer.feed;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.CatchUp;
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
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
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
public final class AlertBook implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertBook.class);
  private static final Comparator<Alert> NEWEST_FIRST = Comparator.comparingLong((Alert a) -> a.getFiredAt().toEpochMilli())
      .reversed().thenComparing(Alert::getId);

  private final Topic<String, Alert> topic;
  private final int capacity;
  private final KafkaConsumer<String, byte[]> consumer;
  private final TreeSet<Alert> newest = new TreeSet<>(NEWEST_FIRST);
  private final Map<String, Alert> byId = new HashMap<>();
  private volatile boolean caughtUp;
  private volatile boolean closing;
  private volatile Throwable failure;
  private Thread thread;

  public AlertBook(NewsflowConfig config, int capacity) {
    this.topic = config.topics().alerts();
    this.capacity = capacity;
    this.consumer = new KafkaConsumer<>(SinkConsumers.withoutGroup(config, "newsflow-feed-alerts"),
        new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** Assigns every partition from its beginning and starts reading. */
  public AlertBook start() {
    List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic " + topic.name() + " does not exist; create the topics first (newsflow topics)");
    }
    List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic.name(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread = new Thread(this, "feed-alerts");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  @Override
  public void run() {
    try {
      CatchUp catchUp = new CatchUp(consumer);
      while (!closing) {
        consumer.poll(Duration.ofMillis(200)).forEach(this::apply);
        caughtUp = catchUp.reached();
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      failure = e;
      log.error("the alerts panel stopped reading {}: {}", topic.name(), e.getMessage());
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
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

  public Throwable failure() {
    return failure;
  }

  @Override
  public void close() {
    closing = true;
    consumer.wakeup();
    if (thread != null) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
