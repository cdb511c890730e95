package dev.newsflow.consumer.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.TestRecords;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import dev.newsflow.schema.DeadLetter;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.TestTopics;
import dev.newsflow.topic.TopicSnapshot;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks to real HTTP receivers on this machine that fail, throttle, answer slowly and go down. */
class AlertDispatcherIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String SECRET = "receiver-shared-secret";

  @TempDir Path dir;

  @Test
  void everyAlertArrivesOncePerKeyThroughFailuresAnOutageAndARestart() throws Exception {
    // 1. configure: quick retries with plenty of attempts, a breaker that opens fast and probes often
    NewsflowConfig config = settings(TestTopics.config("alerts-outage", dir, 3), 40, "300ms");
    try (WebhookReceiver receiver = new WebhookReceiver(SECRET); TestRecords records = new TestRecords(config)) {
      receiver.script(WebhookReceiver.Answer.status(503), WebhookReceiver.Answer.status(500),
          WebhookReceiver.Answer.status(502), new WebhookReceiver.Answer(429, "1", false),
          WebhookReceiver.Answer.status(408), new WebhookReceiver.Answer(200, null, true));
      List<WebhookEndpoint> endpoints = List.of(endpoint("primary", receiver, WebhookEndpoint.Format.JSON, Set.of()));

      // 2. deliver through scripted failures (5xx, 429 with Retry-After, 408, a slow answer past the timeout)
      AlertDispatcher first = new AlertDispatcher(config, endpoints).start();
      List<Alert> alerts = IntStream.rangeClosed(1, 40)
          .mapToObj(i -> TestRecords.alert("alert-" + i, "new-release", "company-" + (i % 5), "Release " + i)).toList();
      alerts.subList(0, 20).forEach(a -> records.send(config.topics().alerts(), a.getId(), a));
      Poll.until(TIMEOUT, "half of the first alerts", () -> receiver.processed().size() >= 10);

      // 3. the receiver goes down; more alerts come; the dispatcher is restarted during the outage
      receiver.down();
      alerts.subList(20, 40).forEach(a -> records.send(config.topics().alerts(), a.getId(), a));
      long failedBefore = first.failedAttempts();
      Poll.until(TIMEOUT, "attempts failing against the dead receiver", () -> first.failedAttempts() >= failedBefore + 5);
      first.close();
      Map<String, String> expected = new TreeMap<>();
      alerts.forEach(a -> expected.put(a.getId(), CanonicalJson.write(a)));
      AlertDispatcher second = new AlertDispatcher(config, endpoints).start();
      try {
        Poll.until(TIMEOUT, "the restarted dispatcher to fail against the dead receiver",
            () -> second.failedAttempts() >= 3);
        receiver.up();

        // 4. every alert arrives; each key was processed once, with the same signed body every time it was sent
        Poll.until(TIMEOUT, "every alert at the receiver", () -> new TreeMap<>(receiver.processed()), expected::equals);
        Poll.until(TIMEOUT, "the restarted dispatcher to finish", () -> second.inFlight() == 0);
      } finally {
        second.close();
      }
      List<WebhookReceiver.Request> requests = receiver.requests();
      assertEquals(Set.of(WebhookSignature.Verdict.VALID),
          requests.stream().map(WebhookReceiver.Request::verdict).collect(Collectors.toSet()), "every request signed");
      for (WebhookReceiver.Request r : requests) {
        assertEquals(expected.get(r.key()), r.body(), "a retry sends the same body under the same key");
      }
      Map<String, Long> perKey = requests.stream().collect(Collectors.groupingBy(WebhookReceiver.Request::key,
          Collectors.counting()));
      assertTrue(perKey.values().stream().anyMatch(n -> n > 1), "some alerts were sent more than once: " + perKey);
      assertTrue(requests.stream().anyMatch(r -> r.attempt() > 1 && r.status() == 200 && receiver.processed()
          .containsKey(r.key())), "retries reached the receiver");
      assertEquals(List.of(), TopicSnapshot.records(config, config.topics().alertDeadLetters(), Duration.ofSeconds(30)), "nothing dead-lettered");
      assertEquals(endOffsets(config), committedOffsets(config, endpoints), "everything delivered is committed");
    }
  }

  @Test
  void refusedAndExhaustedAlertsGoToTheDeadLetterTopicWithTheReason() throws Exception {
    NewsflowConfig config = settings(TestTopics.config("alerts-dlq", dir, 1), 3, "30s")
        .with(AlertDispatcher.BREAKER_FAILURES, "100");
    try (WebhookReceiver refusing = new WebhookReceiver(SECRET); WebhookReceiver broken = new WebhookReceiver(SECRET);
        WebhookReceiver slack = new WebhookReceiver(SECRET); TestRecords records = new TestRecords(config)) {
      refusing.always(WebhookReceiver.Answer.status(404));
      broken.always(WebhookReceiver.Answer.status(503));
      List<WebhookEndpoint> endpoints = List.of(
          endpoint("refusing", refusing, WebhookEndpoint.Format.JSON, Set.of("acme")),
          endpoint("broken", broken, WebhookEndpoint.Format.JSON, Set.of("beta")),
          endpoint("chat", slack, WebhookEndpoint.Format.SLACK, Set.of("gamma")));
      try (AlertDispatcher dispatcher = new AlertDispatcher(config, endpoints).start()) {
        byte[] garbage = "not an alert".getBytes(StandardCharsets.UTF_8);
        records.send(config.topics().alerts(), "al-acme", TestRecords.alert("al-acme", "r", "acme", "A"));
        records.send(config.topics().alerts(), "al-beta", TestRecords.alert("al-beta", "r", "beta", "B"));
        records.sendRaw(config.topics().alerts().name(), "al-garbage", garbage, null);
        records.send(config.topics().alerts(), "al-gamma", TestRecords.alert("al-gamma", "r", "gamma", "G <!here>"));
        records.send(config.topics().alerts(), "al-none", TestRecords.alert("al-none", "r", "nobody", "nobody wants it"));

        List<ConsumerRecord<String, DeadLetter>> dead = Poll.until(TIMEOUT, "three dead letters",
            () -> TopicSnapshot.records(config, config.topics().alertDeadLetters(), Duration.ofSeconds(30)), l -> l.size() >= 3);
        Map<String, String> reasons = new TreeMap<>();
        dead.forEach(r -> reasons.put(r.key(), r.value().getErrorType() + ": " + r.value().getReason()));
        assertEquals(Map.of(
            "al-acme", "WebhookRejected: endpoint refusing refused alert al-acme: HTTP 404 (not retried)",
            "al-beta", "WebhookDeliveryFailed: endpoint broken did not take alert al-beta after 3 attempts; last: HTTP 503",
            "al-garbage", "UnreadableAlert: cannot read the alert: " + reasons.get("al-garbage").substring(
                "UnreadableAlert: cannot read the alert: ".length())), reasons);
        ConsumerRecord<String, DeadLetter> garbageLetter = dead.stream().filter(r -> r.key().equals("al-garbage"))
            .findFirst().orElseThrow();
        assertEquals(ByteBuffer.wrap(garbage), garbageLetter.value().getValue(), "the rejected bytes are kept");
        assertEquals(2L, garbageLetter.value().getSourceOffset());
        assertEquals("alert-dispatcher", garbageLetter.value().getStage());

        assertEquals(1, refusing.requests().size(), "a 404 is not retried");
        assertEquals(3, broken.requests().size(), "a 503 is retried up to the attempt limit");
        JsonNode message = CanonicalJson.mapper().readTree(
            Poll.until(TIMEOUT, "the Slack message", slack::processed, m -> m.size() == 1).get("al-gamma"));
        assertEquals("G &lt;!here&gt;", message.get("text").asText());
        Poll.until(TIMEOUT, "offsets committed past the dead-lettered alerts", () -> committedOffsets(config, endpoints),
            endOffsets(config)::equals);
        assertEquals(3, dispatcher.deadLettered());
      }
    }
  }

  @Test
  void aDeadEndpointDoesNotHoldUpTheOthers() throws Exception {
    NewsflowConfig config = settings(TestTopics.config("alerts-breaker", dir, 3), 10, "30s")
        .with(AlertDispatcher.BREAKER_FAILURES, "3");
    try (WebhookReceiver dead = new WebhookReceiver(SECRET); WebhookReceiver healthy = new WebhookReceiver(SECRET);
        TestRecords records = new TestRecords(config)) {
      dead.always(WebhookReceiver.Answer.status(503));
      List<WebhookEndpoint> endpoints = List.of(endpoint("dead", dead, WebhookEndpoint.Format.JSON, Set.of()),
          endpoint("healthy", healthy, WebhookEndpoint.Format.JSON, Set.of()));
      try (AlertDispatcher dispatcher = new AlertDispatcher(config, endpoints).start()) {
        for (int i = 0; i < 3; i++) {
          records.send(config.topics().alerts(), "early-" + i, TestRecords.alert("early-" + i, "r", "acme", "t"));
        }
        Poll.until(TIMEOUT, "the dead endpoint's breaker to open",
            () -> dispatcher.breakerState("dead") == CircuitBreaker.State.OPEN);
        int deadRequests = dead.requests().size();

        Set<String> later = new TreeSet<>();
        for (int i = 0; i < 30; i++) {
          records.send(config.topics().alerts(), "later-" + i, TestRecords.alert("later-" + i, "r", "acme", "t"));
          later.add("later-" + i);
        }
        Poll.until(TIMEOUT, "every alert at the healthy endpoint", () -> healthy.processed().keySet(),
            k -> k.containsAll(later) && k.size() == 33);
        assertEquals(deadRequests, dead.requests().size(), "nothing is sent to an open breaker's endpoint");
        assertEquals(CircuitBreaker.State.OPEN, dispatcher.breakerState("dead"));
        assertEquals(0, dispatcher.deadLettered(), "the dead endpoint's alerts are still being retried");
        assertTrue(dispatcher.inFlight() == 33, "the dead endpoint's alerts are still pending: " + dispatcher.inFlight());
      }
    }
  }

  @Test
  void anOutageLongerThanTheOldAttemptLimitDeadLettersNothingWithinTheRetryWindow() throws Exception {
    // 1. configure: no attempt limit, a retry window far longer than the outage, quick backoffs, a summary each second
    NewsflowConfig config = TestTopics.config("alerts-window", dir, 3).with(Map.of(
        RetryPolicy.WINDOW, "10m",
        RetryPolicy.INITIAL_BACKOFF, "50ms",
        RetryPolicy.MAX_BACKOFF, "200ms",
        AlertDispatcher.TIMEOUT, "1s",
        AlertDispatcher.CONNECT_TIMEOUT, "1s",
        AlertDispatcher.BREAKER_FAILURES, "20",
        AlertDispatcher.BREAKER_OPEN, "300ms",
        AlertDispatcher.SUMMARY_INTERVAL, "1s"));
    Logger logger = (Logger) LoggerFactory.getLogger(AlertDispatcher.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    Level level = logger.getLevel();
    logger.setLevel(Level.DEBUG); // the attempts an open breaker holds back are logged at DEBUG only
    try (WebhookReceiver down = new WebhookReceiver(SECRET); WebhookReceiver healthy = new WebhookReceiver(SECRET);
        TestRecords records = new TestRecords(config)) {
      down.down(); // the port is closed: connections are refused
      List<WebhookEndpoint> endpoints = List.of(endpoint("down", down, WebhookEndpoint.Format.JSON, Set.of()),
          endpoint("healthy", healthy, WebhookEndpoint.Format.JSON, Set.of()));
      Map<String, String> expected = new TreeMap<>();
      try (AlertDispatcher dispatcher = new AlertDispatcher(config, endpoints).start()) {
        // 2. alerts arrive while one endpoint is down; the other takes them all meanwhile
        for (int i = 0; i < 12; i++) {
          Alert a = TestRecords.alert("window-" + i, "r", "acme", "t" + i);
          records.send(config.topics().alerts(), a.getId(), a);
          expected.put(a.getId(), CanonicalJson.write(a));
        }
        Poll.until(TIMEOUT, "every alert at the healthy endpoint", () -> new TreeMap<>(healthy.processed()),
            expected::equals);

        // 3. the outage lasts until every alert has failed far more often than the old limit of 8 attempts allowed
        Poll.until(TIMEOUT, "every alert past 12 attempts against the closed port", () -> highestAttempt(lines),
            m -> m.keySet().equals(expected.keySet()) && m.values().stream().allMatch(n -> n > 12));
        assertEquals(0, dispatcher.deadLettered(), "nothing dead-lettered within the window");
        List<String> said = messages(lines);
        assertTrue(said.stream().anyMatch(l -> l.matches("alert window-\\d+ to down \\(http://127\\.0\\.0\\.1:\\d+\\): "
            + "attempt \\d+ failed \\(connection failed: .*\\); next attempt in \\d+ s, retrying until 600 s after the first")),
            "each failure is logged with the endpoint, the cause and the next attempt: " + said);
        assertTrue(said.stream().anyMatch(l -> l.startsWith("endpoint down (http://127.0.0.1:")
            && l.contains("circuit breaker open after 20 failures in a row")), "the breaker opening is logged");
        Poll.until(TIMEOUT, "a summary line naming the open breaker", () -> messages(lines),
            l -> l.stream().anyMatch(m -> m.startsWith("alerts in the last 1 s: ") && m.contains("down ")));

        // 4. the endpoint comes back: every alert arrives once per key, the breaker closes, nothing is dead-lettered
        down.up();
        Poll.until(TIMEOUT, "every alert at the endpoint that was down", () -> new TreeMap<>(down.processed()),
            expected::equals);
        Poll.until(TIMEOUT, "every delivery finished", () -> dispatcher.inFlight() == 0);
        assertTrue(messages(lines).stream().anyMatch(l -> l.startsWith("endpoint down (")
            && l.endsWith("circuit breaker closed; the endpoint answers again")), "the breaker closing is logged");
        assertEquals(0, dispatcher.deadLettered());
      }
      assertEquals(List.of(), TopicSnapshot.records(config, config.topics().alertDeadLetters(), Duration.ofSeconds(30)), "nothing dead-lettered");
      assertEquals(expected, new TreeMap<>(healthy.processed()), "the healthy endpoint got each alert once per key");
    } finally {
      logger.setLevel(level);
      logger.detachAppender(lines);
    }
  }

  @Test
  void anAlertStillUndeliveredWhenTheWindowEndsIsDeadLetteredWithTheReason() throws Exception {
    AtBrokenEndpoint late = deadLetterAtABrokenEndpoint("alerts-window-end", "30s",
        Map.of(RetryPolicy.WINDOW, "1s", AlertDispatcher.BREAKER_FAILURES, "1000"), "late");
    String reason = late.dead().getReason();
    assertTrue(reason.matches("endpoint broken did not take alert late within the retry window of 1s after \\d+ "
        + "attempts; last: HTTP 503"), reason);
    assertTrue(late.requests() > 1, "retried within the window");
  }

  @Test
  void theEndOfTheRetryWindowIsWaitedForNotSpunTowards() throws Exception {
    AtBrokenEndpoint spin = deadLetterAtABrokenEndpoint("alerts-window-spin", "1h",
        Map.of(RetryPolicy.WINDOW, "1s", AlertDispatcher.BREAKER_FAILURES, "1"), "spin");
    // Attempt 1 fails and opens the breaker for an hour; attempt 2, held back, waits for the end of the window,
    // where attempt 3 is dead-lettered. Before, that wait lost its fraction of a millisecond, so the attempt ran
    // early, found time left, and went round again with no wait at all until the window had passed.
    assertEquals("endpoint broken did not take alert spin within the retry window of 1s after 3 attempts; last: "
        + "circuit open (the endpoint keeps failing)", spin.dead().getReason());
    assertEquals(1, spin.requests());
  }

  /** An alert's dead letter, and how many requests the endpoint that refused it had got by then. */
  private record AtBrokenEndpoint(DeadLetter dead, int requests) {}

  /**
   * Sends alert {@code id} to one endpoint that always answers 503, with the breaker open for {@code breakerOpen}
   * and {@code settings}, and waits for its dead letter.
   */
  private AtBrokenEndpoint deadLetterAtABrokenEndpoint(String name, String breakerOpen, Map<String, String> settings,
      String id) throws Exception {
    NewsflowConfig config = settings(TestTopics.config(name, dir, 1), 0, breakerOpen).with(settings);
    try (WebhookReceiver broken = new WebhookReceiver(SECRET); TestRecords records = new TestRecords(config)) {
      broken.always(WebhookReceiver.Answer.status(503));
      List<WebhookEndpoint> endpoints = List.of(endpoint("broken", broken, WebhookEndpoint.Format.JSON, Set.of()));
      try (AlertDispatcher dispatcher = new AlertDispatcher(config, endpoints).start()) {
        records.send(config.topics().alerts(), id, TestRecords.alert(id, "r", "acme", "t"));
        List<ConsumerRecord<String, DeadLetter>> dead = Poll.until(TIMEOUT, "the dead letter",
            () -> TopicSnapshot.records(config, config.topics().alertDeadLetters(), Duration.ofSeconds(30)), l -> !l.isEmpty());
        return new AtBrokenEndpoint(dead.get(0).value(), broken.requests().size());
      }
    }
  }

  /** The highest attempt number logged per alert, sent or held back by the open breaker. */
  private static Map<String, Integer> highestAttempt(ListAppender<ILoggingEvent> lines) {
    Map<String, Integer> highest = new TreeMap<>();
    java.util.regex.Pattern attempt = java.util.regex.Pattern.compile("^alert (\\S+) to down .*?: attempt (\\d+) ");
    for (String line : messages(lines)) {
      java.util.regex.Matcher m = attempt.matcher(line);
      if (m.find()) {
        highest.merge(m.group(1), Integer.parseInt(m.group(2)), Math::max);
      }
    }
    return highest;
  }

  private static List<String> messages(ListAppender<ILoggingEvent> lines) {
    synchronized (lines) {
      return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  private static NewsflowConfig settings(NewsflowConfig config, int attempts, String breakerOpen) {
    return config.with(Map.of(
        RetryPolicy.MAX_ATTEMPTS, Integer.toString(attempts),
        RetryPolicy.INITIAL_BACKOFF, "50ms",
        RetryPolicy.MAX_BACKOFF, "400ms",
        RetryPolicy.MAX_RETRY_AFTER, "2s",
        AlertDispatcher.TIMEOUT, "1s",
        AlertDispatcher.CONNECT_TIMEOUT, "1s",
        AlertDispatcher.BREAKER_FAILURES, "3",
        AlertDispatcher.BREAKER_OPEN, breakerOpen));
  }

  private static WebhookEndpoint endpoint(String name, WebhookReceiver receiver, WebhookEndpoint.Format format,
      Set<String> companies) {
    return new WebhookEndpoint(name, receiver.url(), format, SECRET, Set.of(), companies, Set.of());
  }

  private static Map<TopicPartition, Long> endOffsets(NewsflowConfig config) throws Exception {
    try (Admin admin = Admin.create(config.kafkaProperties())) {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (int p = 0; p < config.partitions(); p++) {
        request.put(new TopicPartition(config.topics().alerts().name(), p), OffsetSpec.latest());
      }
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).forEach((tp, i) -> {
        if (i.offset() > 0) {
          ends.put(tp, i.offset());
        }
      });
      return ends;
    }
  }

  private static Map<TopicPartition, Long> committedOffsets(NewsflowConfig config, List<WebhookEndpoint> endpoints) {
    try (Admin admin = Admin.create(config.kafkaProperties())) {
      Map<TopicPartition, Long> committed = new HashMap<>();
      admin.listConsumerGroupOffsets(AlertDispatcher.groupId(config, endpoints)).partitionsToOffsetAndMetadata()
          .get(10, TimeUnit.SECONDS).forEach((tp, o) -> {
            if (o != null && o.offset() > 0) {
              committed.put(tp, o.offset());
            }
          });
      return committed;
    } catch (Exception e) {
      return Map.of();
    }
  }
}
