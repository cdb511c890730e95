package dev.newsflow.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.TestTopics;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.TopicSnapshot;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The alerts stage against a real HTTP receiver that answers 503 for far longer than the old schedule of
 * 8 attempts would have waited, then comes back: nothing is dead-lettered within {@code alerts.retry.window},
 * every alert is taken once per {@code Idempotency-Key}, and the stage's log shows the failures, the
 * breaker opening and closing, and the periodic summary. Backoffs are shortened by configuration to keep it fast.
 */
@Tag("reliability")
class WebhookOutageIT {
  private static final int ALERTS = 30;
  /**
   * The longest the old default (8 attempts, then alerts.dlq) kept an alert with this test's backoffs:
   * 100, 200, 400 and then 500 ms between attempts, 2.7 s in all. The outage lasts several times that.
   */
  private static final Duration OLD_SCHEDULE = Duration.ofMillis(100 + 200 + 400 + 4 * 500);

  @TempDir Path work;

  @Test
  void aReceiverDownLongerThanTheOldScheduleLosesNoAlertAndGetsEachOncePerKey() throws Exception {
    NewsflowConfig config = TestTopics.config("webhook-outage", work, 3);
    try (Receiver receiver = new Receiver()) {
      receiver.failing = true;
      Path subscriptions = Files.writeString(work.resolve("hooks.json"), "{\"endpoints\": [{\"name\": \"receiver\", "
          + "\"url\": \"http://127.0.0.1:" + receiver.port() + "/hooks\", \"secret\": \"s3cret\", \"start\": \"earliest\"}]}");
      Map<String, String> settings = Map.of(
          "alerts.retry.window", "10m",
          "alerts.retry.initial.backoff", "100ms",
          "alerts.retry.max.backoff", "500ms",
          "alerts.breaker.failures", "60",
          "alerts.breaker.open", "1s",
          "alerts.http.timeout", "2s",
          "alerts.log.summary.interval", "2s");
      try (StageJvm alerts = StageJvm.start("alerts", config, settings, List.of("--subscriptions",
          subscriptions.toString()), work.resolve("alerts"))) {
        Map<String, String> expected = publishAlerts(config);

        // The outage lasts until every alert has been refused for four times as long as the old schedule kept it,
        // and the endpoint's breaker has opened.
        Duration outage = OLD_SCHEDULE.multipliedBy(4);
        Poll.until(Duration.ofMinutes(4), "every alert refused for over " + outage.toMillis() + " ms", () -> {
          alerts.requireAlive();
          return receiver.refusedFor();
        }, m -> m.keySet().equals(expected.keySet()) && m.values().stream().allMatch(d -> d.compareTo(outage) > 0));
        Poll.until(Duration.ofMinutes(1), "the breaker opening in the log",
            () -> alerts.log().contains("circuit breaker open after 60 failures in a row"));
        assertEquals(Map.of(), receiver.taken(), "nothing taken while the receiver fails");
        receiver.failing = false;

        Poll.until(Duration.ofMinutes(3), "every alert taken once the receiver is back", () -> new TreeMap<>(receiver.taken()),
            expected::equals);
        String log = Poll.until(Duration.ofMinutes(1), "the breaker closing in the log", alerts::log,
            l -> l.contains("circuit breaker closed; the endpoint answers again"));
        assertTrue(log.contains("failed (HTTP 503); next attempt in"), "each failure is logged:\n" + alerts.tail(40));
        assertTrue(Pattern.compile("alerts in the last 2 s: \\d+ delivered, [1-9]\\d* failed attempts, 0 dead-lettered")
            .matcher(log).find(), "a summary line during the outage");
        assertEquals(List.of(), TopicSnapshot.records(config, config.topics().alertDeadLetters(), Duration.ofSeconds(60)),
            "nothing dead-lettered");
        LoggerFactory.getLogger(WebhookOutageIT.class).info("webhook outage: {} alerts, highest attempt {}, taken {}, "
            + "sent again after being taken {} (dropped by the receiver's Idempotency-Key check), dead-lettered 0",
            ALERTS, receiver.highestAttempt().values().stream().mapToInt(Integer::intValue).max().orElse(0),
            receiver.taken().size(), receiver.takenTwice().size());
      }
    }
  }

  /**
   * Publishes the alerts, each acknowledged by every replica. A producer can get stuck on a partition whose
   * leader moved while the topic was new (NOT_LEADER_OR_FOLLOWER, then OUT_OF_ORDER_SEQUENCE_NUMBER until its
   * delivery timeout), so a failed round is sent again whole by a fresh producer: a repeated alert is harmless
   * here, the dispatcher sends it with the same Idempotency-Key and the receiver takes each key once.
   */
  private static Map<String, String> publishAlerts(NewsflowConfig config) throws Exception {
    Topic<String, Alert> topic = config.topics().alerts();
    Map<String, String> expected = new TreeMap<>();
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < ALERTS; i++) {
      Alert a = Alert.newBuilder().setId(String.format("alert-%02d", i)).setRuleId("watch").setRuleType("WATCH")
          .setCompanyId("co" + (i % 4)).setTitle("Alert " + i).setFiredAt(Instant.parse("2026-03-02T10:00:00Z")
              .plusSeconds(i)).build();
      alerts.add(a);
      expected.put(a.getId(), CanonicalJson.write(a));
    }
    Poll.until(Duration.ofMinutes(3), "every alert acknowledged on " + topic.name(), () -> sendAll(config, topic, alerts),
        failure -> failure.isEmpty());
    return expected;
  }

  /** One round: sends every alert with a fresh producer and returns why it failed, or an empty string. */
  private static String sendAll(NewsflowConfig config, Topic<String, Alert> topic, List<Alert> alerts) {
    List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        config.bootstrapServers(), "acks", "all", "delivery.timeout.ms", "30000", "request.timeout.ms", "10000"),
        new StringSerializer(), new ByteArraySerializer())) {
      for (Alert a : alerts) {
        sent.add(producer.send(new ProducerRecord<>(topic.name(), a.getId(),
            topic.valueSerde().serializer().serialize(topic.name(), a))));
      }
      for (var f : sent) {
        f.get(40, java.util.concurrent.TimeUnit.SECONDS);
      }
      return "";
    } catch (Exception e) {
      LoggerFactory.getLogger(WebhookOutageIT.class).warn("publishing the alerts failed; sending them again", e);
      return String.valueOf(e);
    }
  }

  /** A webhook receiver that answers 503 while {@code failing}, and otherwise takes each key once (200 to repeats). */
  static final class Receiver implements AutoCloseable {
    private static final Pattern ATTEMPT = Pattern.compile("\\d+");
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Integer> attempts = new TreeMap<>();
    private final Map<String, Long> firstRefused = new TreeMap<>();
    private final Map<String, String> taken = new TreeMap<>();
    private final List<String> takenTwice = new ArrayList<>();
    volatile boolean failing;

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      server.createContext("/hooks", this::handle);
      server.setExecutor(executor);
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      String attempt = exchange.getRequestHeaders().getFirst("X-Newsflow-Attempt");
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int status;
      synchronized (this) {
        Matcher m = ATTEMPT.matcher(attempt == null ? "" : attempt);
        attempts.merge(key, m.matches() ? Integer.parseInt(attempt) : 0, Math::max);
        if (failing) {
          status = 503;
          firstRefused.putIfAbsent(key, System.nanoTime());
        } else {
          status = 200;
          if (taken.putIfAbsent(key, body) != null) {
            takenTwice.add(key); // a repeat the receiver drops: still 200, as the README tells receivers
          }
        }
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    }

    /** How long ago each alert was first refused. */
    synchronized Map<String, Duration> refusedFor() {
      long now = System.nanoTime();
      Map<String, Duration> since = new TreeMap<>();
      firstRefused.forEach((k, t) -> since.put(k, Duration.ofNanos(now - t)));
      return since;
    }

    synchronized Map<String, Integer> highestAttempt() {
      return new TreeMap<>(attempts);
    }

    synchronized Map<String, String> taken() {
      return new TreeMap<>(taken);
    }

    /** Keys delivered again after they were taken: harmless to a receiver that drops them, counted to show none came. */
    synchronized List<String> takenTwice() {
      return List.copyOf(takenTwice);
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
