package dev.newsflow.consumer.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.TestRecords;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.metrics.MetricNames;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.DeadLetter;
import dev.newsflow.schema.DigestDelivery;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.TestTopics;
import dev.newsflow.topic.TopicSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Daily digests to a real HTTP receiver through the shared broker, with the schedule's clock in the test's
 * hands: due at the time, retried under one key, caught up after a late start, never repeated after a
 * restart, dead-lettered when refused, and nothing sent for a company without a digest.
 */
class DigestDeliveryIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String SECRET = "digest-receiver-secret";
  private static final Instant MORNING = Instant.parse("2026-03-02T08:00:00Z");

  @TempDir Path dir;

  /** The schedule's clock: stands still until the test moves it. */
  static final class MovableClock extends Clock {
    private final AtomicReference<Instant> now;

    MovableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void set(Instant instant) {
      now.set(instant);
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the schedule reads instants only");
    }
  }

  @Test
  void theDigestGoesOutAtItsTimeSignedAndARetryAfterA503KeepsItsKey() throws Exception {
    // 1. configure: a summary with a digest; the clock ten seconds before the time; the receiver fails once
    NewsflowConfig config = quickRetries(TestTopics.config("digest-at-time", dir, 2));
    MovableClock clock = new MovableClock(MORNING.minusSeconds(10));
    CompanySummary acme = DigestPayloadsTest.withDigest("acme", "Acme shipped a robot. Two outlets reported it.");
    try (WebhookReceiver receiver = new WebhookReceiver(SECRET); TestRecords records = new TestRecords(config)) {
      records.send(config.topics().companySummary(), "acme", TestRecords.summary("acme", 1));
      records.send(config.topics().companySummary(), "acme", acme);
      receiver.script(WebhookReceiver.Answer.status(503));
      WebhookEndpoint endpoint = digestEndpoint("morning", receiver, WebhookEndpoint.Format.JSON, "acme");
      try (AlertDispatcher dispatcher = new AlertDispatcher(config, List.of(endpoint), new SimpleMeterRegistry(), clock)
          .start()) {
        // 2. before the time: the schedule is looked at, nothing is sent
        Poll.until(TIMEOUT, "two looks at the schedule", () -> dispatcher.digestRounds() >= 2);
        assertEquals(List.of(), receiver.requests(), "nothing before 08:00");

        // 3. the time comes: a 503, then the same signed body under the same key
        clock.set(MORNING);
        Poll.until(TIMEOUT, "the digest settled", () -> dispatcher.digestsDelivered() == 1);
        List<WebhookReceiver.Request> requests = receiver.requests();
        assertEquals(List.of(503, 200), requests.stream().map(WebhookReceiver.Request::status).toList());
        assertEquals(List.of(1, 2), requests.stream().map(WebhookReceiver.Request::attempt).toList());
        for (WebhookReceiver.Request r : requests) {
          assertEquals("digest:acme:2026-03-02", r.key());
          assertEquals(WebhookSignature.Verdict.VALID, r.verdict(), "signed like an alert");
          assertEquals(requests.get(0).body(), r.body(), "a retry sends the same body");
        }
        JsonNode body = CanonicalJson.mapper().readTree(requests.get(1).body());
        assertEquals("acme", body.get("companyId").asText());
        assertEquals("2026-03-02", body.get("date").asText());
        assertEquals(CanonicalJson.mapper().readTree(CanonicalJson.write(acme.getDigest())), body.get("digest"),
            "the latest summary's digest, as canonical JSON");
      }

      // 4. the day is recorded as delivered under the endpoint and company
      DigestDelivery settled = TopicSnapshot.read(config, config.topics().digestDeliveries(), TIMEOUT)
          .get(DigestDeliveries.key(endpoint, "acme"));
      assertEquals(List.of("2026-03-02", "DELIVERED", "digest:acme:2026-03-02"),
          List.of(settled.getDate(), settled.getOutcome(), settled.getIdempotencyKey()));
    }
  }

  @Test
  void aDispatcherStartedAfterTheTimeDeliversOnceARestartSendsNothingMoreThatDayAndMissedDaysAreNamed() throws Exception {
    NewsflowConfig config = quickRetries(TestTopics.config("digest-late-start", dir, 2));
    MovableClock clock = new MovableClock(MORNING.plus(Duration.ofHours(7))); // 15:00: down at 08:00
    try (WebhookReceiver receiver = new WebhookReceiver(SECRET); TestRecords records = new TestRecords(config)) {
      records.send(config.topics().companySummary(), "acme", DigestPayloadsTest.withDigest("acme", "Day one."));
      List<WebhookEndpoint> endpoints = List.of(digestEndpoint("morning", receiver, WebhookEndpoint.Format.SLACK, "acme"));

      // 1. started late the same day: the day's digest goes out at once
      try (AlertDispatcher first = new AlertDispatcher(config, endpoints, new SimpleMeterRegistry(), clock).start()) {
        Poll.until(TIMEOUT, "the late digest settled", () -> first.digestsDelivered() == 1);
      }
      assertEquals(List.of("digest:acme:2026-03-02"), keys(receiver));

      // 2. restarted later that day: it reads what was settled and sends nothing
      clock.set(MORNING.plus(Duration.ofHours(9)));
      try (AlertDispatcher second = new AlertDispatcher(config, endpoints, new SimpleMeterRegistry(), clock).start()) {
        Poll.until(TIMEOUT, "three looks at the schedule after the restart", () -> second.digestRounds() >= 3);
        assertEquals(List.of("digest:acme:2026-03-02"), keys(receiver), "no second delivery of the day");

        // 3. the next morning, the next day's digest under the next day's key
        records.send(config.topics().companySummary(), "acme", DigestPayloadsTest.withDigest("acme", "Day two."));
        long seen = second.digestRounds();
        Poll.until(TIMEOUT, "two looks at the schedule since the new summary", () -> second.digestRounds() >= seen + 2);
        clock.set(MORNING.plus(Duration.ofDays(1)));
        Poll.until(TIMEOUT, "the next day's digest", () -> second.digestsDelivered() == 1);
      }
      assertEquals(List.of("digest:acme:2026-03-02", "digest:acme:2026-03-03"), keys(receiver));
      JsonNode dayTwo = CanonicalJson.mapper().readTree(receiver.requests().get(1).body());
      assertEquals("*Digest of Company ACME (acme), 2026-03-03*\nDay two.", dayTwo.at("/blocks/0/text/text").asText(),
          "the latest summary's digest");

      // 4. down for two whole days: those are named at start, not sent late; the day it is back on is sent
      clock.set(MORNING.plus(Duration.ofDays(4)).plus(Duration.ofHours(2)));
      Logger logger = (Logger) LoggerFactory.getLogger(DigestDeliveries.class);
      ListAppender<ILoggingEvent> lines = new ListAppender<>();
      lines.start();
      logger.addAppender(lines);
      try (AlertDispatcher third = new AlertDispatcher(config, endpoints, new SimpleMeterRegistry(), clock).start()) {
        Poll.until(TIMEOUT, "the digest of the day it is back", () -> third.digestsDelivered() == 1);
      } finally {
        logger.detachAppender(lines);
      }
      assertEquals(List.of("digest:acme:2026-03-02", "digest:acme:2026-03-03", "digest:acme:2026-03-06"), keys(receiver));
      String said = lines.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("not sent late"))
          .findFirst().orElse("nothing said about the days missed: " + lines.list);
      assertTrue(said.matches("endpoint morning \\(http://127\\.0\\.0\\.1:\\d+\\): no digest of acme was settled for "
          + "2026-03-04 to 2026-03-05 \\(the dispatcher was not running from 08:00 to the day's end, or the company had "
          + "no digest\\); those days are not sent late"), said);
    }
  }

  @Test
  void aDigestStillFailingWhenTheDispatcherStopsIsSentAfterTheRestartUnderTheSameKey() throws Exception {
    NewsflowConfig config = quickRetries(TestTopics.config("digest-restart-retry", dir, 1));
    MovableClock clock = new MovableClock(MORNING);
    try (WebhookReceiver receiver = new WebhookReceiver(SECRET); TestRecords records = new TestRecords(config)) {
      records.send(config.topics().companySummary(), "acme", DigestPayloadsTest.withDigest("acme", "Persistent."));
      List<WebhookEndpoint> endpoints = List.of(digestEndpoint("flaky", receiver, WebhookEndpoint.Format.JSON, "acme"));
      receiver.always(WebhookReceiver.Answer.status(503));
      try (AlertDispatcher first = new AlertDispatcher(config, endpoints, new SimpleMeterRegistry(), clock).start()) {
        Poll.until(TIMEOUT, "three failed attempts", () -> receiver.requests().size() >= 3);
      }
      receiver.always(null);
      try (AlertDispatcher second = new AlertDispatcher(config, endpoints, new SimpleMeterRegistry(), clock).start()) {
        Poll.until(TIMEOUT, "the digest delivered after the restart", () -> second.digestsDelivered() == 1);
      }
      List<WebhookReceiver.Request> requests = receiver.requests();
      assertEquals(Set.of("digest:acme:2026-03-02"), requests.stream().map(WebhookReceiver.Request::key)
          .collect(java.util.stream.Collectors.toSet()), "one key before and after the restart");
      assertEquals(200, requests.get(requests.size() - 1).status());
      assertEquals(1, requests.get(requests.size() - 1).attempt(), "the restarted dispatcher counts its own attempts");
      assertEquals(Map.of("digest:acme:2026-03-02", requests.get(0).body()), receiver.processed());
    }
  }

  @Test
  void aCompanyWithoutDigestGetsNothingIsCountedOnceAndItsDigestStillGoesOutWhenItComesThatDay() throws Exception {
    NewsflowConfig config = quickRetries(TestTopics.config("digest-missing", dir, 2));
    MovableClock clock = new MovableClock(MORNING);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (WebhookReceiver receiver = new WebhookReceiver(SECRET); TestRecords records = new TestRecords(config)) {
      records.send(config.topics().companySummary(), "beta", TestRecords.summary("beta", 2)); // a summary, no digest
      List<WebhookEndpoint> endpoints = List.of(digestEndpoint("morning", receiver, WebhookEndpoint.Format.JSON,
          "beta", "gamma"));
      try (AlertDispatcher dispatcher = new AlertDispatcher(config, endpoints, registry, clock).start()) {
        Poll.until(TIMEOUT, "three looks at the schedule", () -> dispatcher.digestRounds() >= 3);
        assertEquals(List.of(), receiver.requests(), "nothing posted for companies without a digest");
        assertEquals(2.0, noDigest(registry, "morning"), 0.0, "beta and gamma counted once each, however many looks");

        records.send(config.topics().companySummary(), "beta", DigestPayloadsTest.withDigest("beta", "Beta at last."));
        Poll.until(TIMEOUT, "beta's digest once it exists", () -> dispatcher.digestsDelivered() == 1);
      }
      assertEquals(List.of("digest:beta:2026-03-02"), keys(receiver));
    }
  }

  @Test
  void aRefusedDigestGoesToTheDeadLetterTopicAndIsNotSentAgain() throws Exception {
    NewsflowConfig config = quickRetries(TestTopics.config("digest-refused", dir, 1));
    MovableClock clock = new MovableClock(MORNING);
    try (WebhookReceiver receiver = new WebhookReceiver(SECRET); TestRecords records = new TestRecords(config)) {
      receiver.always(WebhookReceiver.Answer.status(410));
      records.send(config.topics().companySummary(), "acme", DigestPayloadsTest.withDigest("acme", "Refused."));
      WebhookEndpoint endpoint = digestEndpoint("gone", receiver, WebhookEndpoint.Format.JSON, "acme");
      try (AlertDispatcher dispatcher = new AlertDispatcher(config, List.of(endpoint), new SimpleMeterRegistry(), clock)
          .start()) {
        Poll.until(TIMEOUT, "the digest dead-lettered", () -> dispatcher.digestsDeadLettered() == 1);
        long after = dispatcher.digestRounds();
        Poll.until(TIMEOUT, "two more looks at the schedule", () -> dispatcher.digestRounds() >= after + 2);
      }
      assertEquals(1, receiver.requests().size(), "a 4xx is not retried, nor sent again that day");
      List<ConsumerRecord<String, DeadLetter>> dead = TopicSnapshot.records(config, config.topics().alertDeadLetters(),
          TIMEOUT);
      assertEquals(1, dead.size());
      assertEquals("digest:acme:2026-03-02", dead.get(0).key());
      assertEquals("WebhookRejected: endpoint gone refused digest digest:acme:2026-03-02: HTTP 410 (not retried)",
          dead.get(0).value().getErrorType() + ": " + dead.get(0).value().getReason());
      assertEquals(config.topics().companySummary().name(), dead.get(0).value().getSourceTopic(),
          "the letter points at the summary whose digest was refused");
      assertEquals("DEAD_LETTERED", TopicSnapshot.read(config, config.topics().digestDeliveries(), TIMEOUT)
          .get(DigestDeliveries.key(endpoint, "acme")).getOutcome());
    }
  }

  private static double noDigest(SimpleMeterRegistry registry, String endpoint) {
    Counter c = registry.find(MetricNames.DIGEST_DELIVERIES).tags(MetricNames.ENDPOINT, endpoint, "outcome", "no_digest")
        .counter();
    return c == null ? 0 : c.count();
  }

  private static List<String> keys(WebhookReceiver receiver) {
    return receiver.requests().stream().map(WebhookReceiver.Request::key).toList();
  }

  private static WebhookEndpoint digestEndpoint(String name, WebhookReceiver receiver, WebhookEndpoint.Format format,
      String... companies) {
    return new WebhookEndpoint(name, receiver.url(), format, SECRET, Set.of(), Set.of(), Set.of(),
        WebhookEndpoint.Start.NOW, new DigestSchedule(Set.of(companies), LocalTime.of(8, 0), ZoneOffset.UTC));
  }

  private static NewsflowConfig quickRetries(NewsflowConfig config) {
    return config.with(Map.of(
        RetryPolicy.INITIAL_BACKOFF, "50ms",
        RetryPolicy.MAX_BACKOFF, "200ms",
        AlertDispatcher.TIMEOUT, "2s",
        AlertDispatcher.CONNECT_TIMEOUT, "1s"));
  }
}
