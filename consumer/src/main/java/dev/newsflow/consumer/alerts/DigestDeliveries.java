package dev.newsflow.consumer.alerts;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.SinkConsumers;
import dev.newsflow.consumer.deadletter.DeadLetterSink;
import dev.newsflow.contract.Sha256;
import dev.newsflow.metrics.MetricNames;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.DigestDelivery;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.TopicSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily digests of the endpoints that ask for them: each day, once the subscription's time has come in
 * its zone, each listed company's latest digest (the latest {@code company.summary} record of the company)
 * is posted, signed, retried and dead-lettered exactly as alerts are, behind the same circuit breakers.
 *
 * <p>What was settled (delivered, or dead-lettered) is written to the compacted {@code digests.delivered}
 * topic, keyed by endpoint and company, and read back at start: a dispatcher that was down at the time sends
 * that day's digest when it returns the same day, and one restarted after a delivery does not send it again.
 * Only a crash between a delivery and its record repeats it, under the same {@code Idempotency-Key}.
 */
final class DigestDeliveries implements AutoCloseable {
  /** How often the schedule is looked at: a digest goes out within this of its time. */
  static final Duration CHECK_EVERY = Duration.ofSeconds(1);
  static final String STAGE = "digest-dispatcher";
  private static final Logger log = LoggerFactory.getLogger(DigestDeliveries.class);

  /** What became of one day's digest for one endpoint and company. */
  enum Outcome { DELIVERED, DEAD_LETTERED, NO_DIGEST }

  private final NewsflowConfig config;
  private final List<WebhookEndpoint> endpoints;
  private final Set<String> companies;
  private final WebhookClient client;
  private final Map<String, CircuitBreaker> breakers;
  private final RetryPolicy retry;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Topic<String, CompanySummary> summaryTopic;
  private final Topic<String, DigestDelivery> settledTopic;
  private final DeadLetterSink deadLetters;
  private final KafkaConsumer<String, byte[]> summaries;
  private final KafkaProducer<String, DigestDelivery> records;
  private final ScheduledExecutorService schedule;
  /** The latest summary record per subscribed company (schedule thread only). */
  private final Map<String, ConsumerRecord<String, byte[]>> latest = new HashMap<>();
  /** Where each summary partition ended at start: the schedule waits until it has read that far. */
  private Map<TopicPartition, Long> startEnds = Map.of();
  private boolean caughtUp;
  /** The last day settled, by delivery key ({@link #key}). */
  private final Map<String, LocalDate> settled = new ConcurrentHashMap<>();
  private final Set<String> underway = ConcurrentHashMap.newKeySet();
  /** The last day a missing digest was logged, by delivery key (schedule thread only). */
  private final Map<String, LocalDate> missingSaid = new HashMap<>();
  private final AtomicLong rounds = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private volatile boolean closing;

  DigestDeliveries(NewsflowConfig config, List<WebhookEndpoint> endpoints, WebhookClient client,
      Map<String, CircuitBreaker> breakers, RetryPolicy retry, MeterRegistry registry, Clock clock) {
    this.config = config;
    this.endpoints = endpoints.stream().filter(e -> e.digests() != null).toList();
    this.companies = this.endpoints.stream().flatMap(e -> e.digests().companies().stream())
        .collect(Collectors.toCollection(TreeSet::new));
    this.client = client;
    this.breakers = breakers;
    this.retry = retry;
    this.registry = registry;
    this.clock = clock;
    this.summaryTopic = config.topics().companySummary();
    this.settledTopic = config.topics().digestDeliveries();
    this.deadLetters = new DeadLetterSink(config, config.topics().alertDeadLetters(), STAGE, registry);
    this.summaries = new KafkaConsumer<>(SinkConsumers.withoutGroup(config, "newsflow-digest-summaries"),
        new StringDeserializer(), new ByteArrayDeserializer());
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "newsflow-digest-deliveries");
    props.putAll(config.kafkaProperties());
    this.records = new KafkaProducer<>(props, settledTopic.keySerde().serializer(), settledTopic.valueSerde().serializer());
    this.schedule = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "digest-schedule"));
  }

  /**
   * The key of one endpoint's digests of one company on {@code digests.delivered}:
   * {@code <endpoint>@<12 hex of the URL's SHA-256>/<companyId>}. The URL tells apart two files' endpoints of
   * one name; it is hashed because a webhook URL often holds a token.
   */
  static String key(WebhookEndpoint endpoint, String companyId) {
    return endpoint.name() + "@" + Sha256.hex(endpoint.url().toString(), 6) + "/" + companyId;
  }

  /** Reads what was settled before, then checks the schedule every {@link #CHECK_EVERY}. */
  DigestDeliveries start() {
    Map<String, DigestDelivery> before = TopicSnapshot.read(config, settledTopic, Duration.ofSeconds(60));
    for (WebhookEndpoint e : endpoints) {
      for (String company : e.digests().companies()) {
        DigestDelivery d = before.get(key(e, company));
        if (d != null) {
          try {
            LocalDate last = LocalDate.parse(d.getDate());
            settled.put(key(e, company), last);
            sayUnsettledDays(e, company, last);
          } catch (DateTimeParseException ex) {
            log.warn("ignoring the record of {}'s digest of {}: date {} is not a date", e, company, d.getDate());
          }
        }
      }
    }
    List<TopicPartition> partitions = SinkConsumers.partitions(summaries, summaryTopic.name());
    summaries.assign(partitions);
    summaries.seekToBeginning(partitions);
    startEnds = summaries.endOffsets(partitions);
    schedule.scheduleWithFixedDelay(this::round, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    for (WebhookEndpoint e : endpoints) {
      log.info("endpoint {}: digests of {} each day at {} {}{}", e, String.join(", ", new TreeSet<>(e.digests().companies())),
          e.digests().at(), e.digests().zone(), e.wantsAlerts() ? "" : " (digests only: it has no alert filter)");
    }
    return this;
  }

  /**
   * Days are not sent late (the next day's digest covers them), but not silently either: the days between
   * the last one settled and yesterday, whose time certainly came, are named once at start.
   */
  private void sayUnsettledDays(WebhookEndpoint endpoint, String company, LocalDate last) {
    LocalDate yesterday = clock.instant().atZone(endpoint.digests().zone()).toLocalDate().minusDays(1);
    if (last.isBefore(yesterday)) {
      LocalDate first = last.plusDays(1);
      log.warn("endpoint {}: no digest of {} was settled for {} (the dispatcher was not running from {} to the "
          + "day's end, or the company had no digest); those days are not sent late", endpoint, company,
          first.equals(yesterday) ? first : first + " to " + yesterday, endpoint.digests().at());
    }
  }

  /** Rounds of the schedule done since the summaries were read up to where they stood at start. */
  long rounds() {
    return rounds.get();
  }

  long delivered() {
    return delivered.get();
  }

  long deadLettered() {
    return deadLettered.get();
  }

  /** One look at the schedule: the summaries read so far, then every digest that is due and not settled. */
  private void round() {
    if (closing) {
      return;
    }
    try {
      readSummaries();
      if (!caughtUp) {
        return;
      }
      for (WebhookEndpoint endpoint : endpoints) {
        Optional<LocalDate> due = endpoint.digests().due(clock.instant());
        if (due.isEmpty()) {
          continue;
        }
        for (String company : new TreeSet<>(endpoint.digests().companies())) {
          considerSending(endpoint, company, due.get());
        }
      }
      rounds.incrementAndGet();
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.warn("digest schedule: {}; trying again in {} ms", e.toString(), CHECK_EVERY.toMillis());
    }
  }

  /**
   * Until caught up with where the topic stood at start, reads on (a digest is not judged missing before);
   * after that, one poll a round, so a busy topic never holds up the schedule.
   */
  private void readSummaries() {
    do {
      for (ConsumerRecord<String, byte[]> r : summaries.poll(Duration.ofMillis(caughtUp ? 20 : 100))) {
        if (r.key() != null && companies.contains(r.key())) {
          latest.put(r.key(), r);
        }
      }
      if (!caughtUp) {
        caughtUp = startEnds.entrySet().stream().allMatch(e -> summaries.position(e.getKey()) >= e.getValue());
        if (caughtUp) {
          return;
        }
      }
    } while (!caughtUp && !closing);
  }

  private void considerSending(WebhookEndpoint endpoint, String company, LocalDate date) {
    String key = key(endpoint, company);
    // Underway first: a delivery that finishes marks its day settled before it leaves underway.
    if (underway.contains(key)) {
      return;
    }
    LocalDate last = settled.get(key);
    if (last != null && !last.isBefore(date)) {
      return;
    }
    ConsumerRecord<String, byte[]> record = latest.get(company);
    CompanySummary summary = null;
    String missing = "no summary yet (no article has mentioned it)";
    if (record != null && record.value() != null) {
      try {
        summary = summaryTopic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        missing = "its latest summary has no digest (no articles in the last 7 days, or a writer before digests)";
      } catch (RuntimeException e) {
        missing = "its latest summary cannot be read (" + e.getMessage() + ")";
      }
    }
    if (summary == null || summary.getDigest() == null) {
      if (!date.equals(missingSaid.put(key, date))) {
        // Said and counted once a day; it is still sent that day if a digest arrives later.
        log.info("endpoint {}: no digest of {} for {}: {}; nothing sent", endpoint, company, date, missing);
        count(endpoint, Outcome.NO_DIGEST);
      }
      return;
    }
    underway.add(key);
    new Delivery(endpoint, company, date, record, DigestPayloads.body(summary, date, endpoint.format())).attempt(1);
  }

  /** One day's digest of one company to one endpoint, through its attempts. */
  private final class Delivery {
    final WebhookEndpoint endpoint;
    final String company;
    final LocalDate date;
    final ConsumerRecord<String, byte[]> source;
    final byte[] body;
    final String idempotencyKey;
    private long firstAttemptNanos;

    Delivery(WebhookEndpoint endpoint, String company, LocalDate date, ConsumerRecord<String, byte[]> source, byte[] body) {
      this.endpoint = endpoint;
      this.company = company;
      this.date = date;
      this.source = source;
      this.body = body;
      this.idempotencyKey = DigestPayloads.idempotencyKey(company, date);
    }

    void attempt(int attempt) {
      if (closing) {
        return; // not settled: the next run sends it, the same day
      }
      if (attempt == 1) {
        firstAttemptNanos = System.nanoTime();
      }
      CircuitBreaker breaker = breakers.get(endpoint.name());
      if (!breaker.tryAcquire()) {
        failed(attempt, "circuit open (the endpoint keeps failing)", Optional.of(breaker.untilProbe()), true);
        return;
      }
      client.post(endpoint, idempotencyKey, body, attempt).thenAccept(result -> {
        switch (result.result()) {
          case DELIVERED -> {
            breaker.onSuccess();
            log.info("digest {} delivered to {} (attempt {})", idempotencyKey, endpoint.name(), attempt);
            settle(Outcome.DELIVERED);
          }
          case REJECTED -> {
            breaker.onSuccess(); // the endpoint answers; it is this request it refuses
            deadLetter("WebhookRejected", "endpoint " + endpoint.name() + " refused digest " + idempotencyKey + ": "
                + result.reason());
          }
          case RETRY -> {
            breaker.onFailure();
            failed(attempt, result.reason(), result.retryAfter(), false);
          }
        }
      });
    }

    private void failed(int attempt, String reason, Optional<Duration> retryAfter, boolean heldBack) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - firstAttemptNanos);
      if (retry.exhausted(attempt, elapsed)) {
        deadLetter("WebhookDeliveryFailed", "endpoint " + endpoint.name() + " did not take digest " + idempotencyKey
            + " after " + attempt + " attempts; last: " + reason);
        return;
      }
      Duration wait = retry.nextWait(attempt + 1, elapsed, retryAfter, ThreadLocalRandom.current()::nextDouble);
      if (heldBack) {
        log.debug("digest {} to {}: attempt {} held back ({})", idempotencyKey, endpoint, attempt, reason);
      } else {
        log.warn("digest {} to {}: attempt {} failed ({}); next attempt in {} ms", idempotencyKey, endpoint, attempt,
            reason, wait.toMillis());
      }
      later(() -> attempt(attempt + 1), wait);
    }

    private void deadLetter(String errorType, String reason) {
      later(() -> {
        try {
          deadLetters.send(idempotencyKey, errorType, reason, source.topic(), source.partition(), source.offset(),
              source.key().getBytes(StandardCharsets.UTF_8), source.value());
          log.warn("digest {} for {} dead-lettered: {}", idempotencyKey, endpoint, reason);
          settle(Outcome.DEAD_LETTERED);
        } catch (RuntimeException e) {
          log.error("cannot dead-letter digest {} ({}); trying again in 5 s", idempotencyKey, e.getMessage());
          later(() -> deadLetter(errorType, reason), Duration.ofSeconds(5));
        }
      }, Duration.ZERO);
    }

    /** Remembers the day as settled, here at once and on {@code digests.delivered} for the next run. */
    private void settle(Outcome outcome) {
      String key = key(endpoint, company);
      settled.merge(key, date, (a, b) -> a.isAfter(b) ? a : b);
      underway.remove(key);
      (outcome == Outcome.DELIVERED ? delivered : deadLettered).incrementAndGet();
      count(endpoint, outcome);
      DigestDelivery record = DigestDelivery.newBuilder().setEndpoint(endpoint.name()).setCompanyId(company)
          .setDate(date.toString()).setOutcome(outcome.name()).setIdempotencyKey(idempotencyKey)
          .setSettledAt(clock.instant()).build();
      // If this record is lost, a restart the same day sends the digest again under its key; the receiver drops it.
      try {
        records.send(new ProducerRecord<>(settledTopic.name(), null, record.getSettledAt().toEpochMilli(), key, record),
            (metadata, error) -> {
              if (error != null) {
                unrecorded(outcome, error);
              }
            });
      } catch (RuntimeException e) {
        unrecorded(outcome, e); // closed meanwhile
      }
    }

    private void unrecorded(Outcome outcome, Exception error) {
      log.warn("cannot record digest {} to {} as {} on {}: {}", idempotencyKey, endpoint, outcome, settledTopic.name(),
          error.getMessage());
    }
  }

  private void count(WebhookEndpoint endpoint, Outcome outcome) {
    registry.counter(MetricNames.DIGEST_DELIVERIES, MetricNames.ENDPOINT, endpoint.name(), "outcome",
        outcome.name().toLowerCase(Locale.ROOT)).increment();
  }

  private void later(Runnable task, Duration delay) {
    try {
      schedule.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing: not settled, so the next run sends it
    }
  }

  @Override
  public void close() {
    closing = true;
    summaries.wakeup();
    schedule.shutdown();
    try {
      if (!schedule.awaitTermination(10, TimeUnit.SECONDS)) {
        schedule.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    summaries.close(Duration.ofSeconds(5));
    records.close(Duration.ofSeconds(10)); // flushes the days settled last
    deadLetters.close();
  }
}
