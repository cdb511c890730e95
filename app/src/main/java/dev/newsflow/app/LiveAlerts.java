package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.SinkConsumers;
import dev.newsflow.consumer.alerts.AlertPayloads;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import dev.newsflow.topic.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's alert log: follows the alerts topic from its beginning for as long as the demo runs and
 * appends each alert not yet in the file as one canonical JSON line (metrics by name, so an alert always
 * gives the same bytes), then hands it to a listener that prints it. Alerts already in the file, from an
 * earlier run, are neither written nor announced again. Reads without a consumer group, so it disturbs
 * no one.
 */
final class LiveAlerts implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveAlerts.class);

  private final Topic<String, Alert> topic;
  private final Path file;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Set<String> written = new LinkedHashSet<>();
  private Consumer<Alert> listener;
  /** Appended before anyone listens: handed to the listener when it comes. */
  private final List<Alert> appendedThisRun = new java.util.ArrayList<>();
  private volatile boolean closing;
  private volatile Throwable failure;
  private Thread thread;

  LiveAlerts(NewsflowConfig config, Path file) {
    this.topic = config.topics().alerts();
    this.file = file;
    this.consumer = new KafkaConsumer<>(SinkConsumers.withoutGroup(config, "newsflow-demo-alerts"),
        new StringDeserializer(), new ByteArrayDeserializer());
  }

  LiveAlerts start() {
    try {
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            written.add(AlertPayloads.idempotencyKey(CanonicalJson.read(line, Alert.class)));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the alert log " + file + ": " + e.getMessage()
          + " (move it aside to start a new one)", e);
    }
    thread = new Thread(this, "demo-alert-log");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /**
   * From now on, {@code listener} gets each alert as it is appended, starting with those appended in this
   * run but not in {@code shown} (fired while the first table was printed).
   */
  synchronized void announce(Set<String> shown, Consumer<Alert> listener) {
    appendedThisRun.stream().filter(a -> !shown.contains(a.getId())).forEach(listener);
    appendedThisRun.clear();
    this.listener = listener;
  }

  /** Waits until every alert of {@code alerts} is in the file. */
  void awaitWritten(Collection<Alert> alerts, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!containsAll(alerts)) {
      if (failure != null) {
        throw new IllegalStateException("cannot append to " + file + ": " + failure.getMessage(), failure);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the alerts were not all appended to " + file + " within "
            + timeout.toSeconds() + " s");
      }
      Thread.sleep(50); // polling interval
    }
  }

  private synchronized boolean containsAll(Collection<Alert> alerts) {
    return alerts.stream().allMatch(a -> written.contains(a.getId()));
  }

  @Override
  public void run() {
    try {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!closing) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
          if (r.value() != null) {
            append(topic.valueSerde().deserializer().deserialize(r.topic(), r.headers(), r.value()));
          }
        }
      }
    } catch (WakeupException e) {
      if (!closing) {
        failure = e;
      }
    } catch (RuntimeException e) {
      failure = e;
      log.error("alert log {} stopped: {}", file, e.getMessage());
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private synchronized void append(Alert alert) {
    // One line per alert, and one more if it is withdrawn later (an earlier alert took its throttle window,
    // or its story turned out to be a repeat): keyed as webhook deliveries are.
    if (!written.add(AlertPayloads.idempotencyKey(alert))) {
      return;
    }
    String line = CanonicalJson.write(Alert.newBuilder(alert).setMetrics(new TreeMap<>(alert.getMetrics())).build());
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND)) {
        w.write(line);
        w.write('\n');
      }
    } catch (IOException e) {
      written.remove(AlertPayloads.idempotencyKey(alert));
      throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
    }
    if (listener == null) {
      appendedThisRun.add(alert);
    } else {
      listener.accept(alert);
    }
  }

  @Override
  public void close() {
    closing = true;
    consumer.wakeup();
    SinkConsumers.join(thread, Duration.ofSeconds(5));
  }
}
