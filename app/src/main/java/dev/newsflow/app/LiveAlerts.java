package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.ConsumerLoop;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The demo's alert log: follows the alerts topic from its beginning for as long as the demo runs and
 * appends each alert not yet in the file as one canonical JSON line (metrics by name, so an alert always
 * gives the same bytes), then hands it to a listener that prints it. Alerts already in the file, from an
 * earlier run, are neither written nor announced again. Reads without a consumer group, so it disturbs
 * no one.
 */
final class LiveAlerts extends ConsumerLoop<String, byte[]> {
  private final Topic<String, Alert> topic;
  private final Path file;
  private final Set<String> written = new LinkedHashSet<>();
  private Consumer<Alert> listener;
  /** Appended before anyone listens: handed to the listener when it comes. */
  private final List<Alert> appendedThisRun = new java.util.ArrayList<>();

  LiveAlerts(NewsflowConfig config, Path file) {
    super(SinkConsumers.withoutGroup(config, "newsflow-demo-alerts"), new StringDeserializer(),
        new ByteArrayDeserializer(), "demo-alert-log", "alert log " + file + " stopped", Duration.ofSeconds(5));
    this.topic = config.topics().alerts();
    this.file = file;
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
    startThread(true);
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
      Throwable failure = failure();
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
  protected void open() {
    List<TopicPartition> partitions = partitionsOf(topic.name());
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  @Override
  protected void pollOnce() {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
      if (r.value() != null) {
        append(topic.valueSerde().deserializer().deserialize(r.topic(), r.headers(), r.value()));
      }
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
}
