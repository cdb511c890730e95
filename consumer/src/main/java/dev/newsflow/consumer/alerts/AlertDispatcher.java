package dev.newsflow.consumer.alerts;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.ConsumerLoop;
import dev.newsflow.consumer.SinkConsumers;
import dev.newsflow.consumer.deadletter.DeadLetterSink;
import dev.newsflow.consumer.metrics.SinkMeters;
import dev.newsflow.metrics.MetricNames;
import dev.newsflow.schema.Alert;
import dev.newsflow.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every alert from {@code alerts} to the webhook endpoints that subscribe to it, at least once.
 *
 * <p>Deliveries run asynchronously, each endpoint behind its own {@link CircuitBreaker}, so an endpoint
 * that is down or slow only delays its own alerts. A failed attempt is retried per {@link RetryPolicy},
 * until {@code alerts.retry.window} has passed since its first attempt; an alert an endpoint refuses (4xx)
 * or that outlives the window goes to {@code alerts.dlq} with the reason. Each failed attempt, each change
 * of a breaker's state and, every {@code alerts.log.summary.interval}, a summary are logged. A partition's offset is committed only up to the first alert still in delivery, so a crash or
 * restart re-sends what was not finished; the {@code Idempotency-Key} header lets receivers drop repeats.
 *
 * <p>Endpoints that ask for daily digests get them from here too ({@link DigestDeliveries}), through the
 * same client, retry policy and circuit breakers.
 */
public final class AlertDispatcher extends ConsumerLoop<String, byte[]> {
  public static final String GROUP_SUFFIX = "-alert-webhooks";
  public static final String TIMEOUT = "alerts.http.timeout";
  public static final String CONNECT_TIMEOUT = "alerts.http.connect.timeout";
  public static final String BREAKER_FAILURES = "alerts.breaker.failures";
  public static final String BREAKER_OPEN = "alerts.breaker.open";
  public static final String MAX_IN_FLIGHT = "alerts.max.in.flight";
  /** How often the one-line summary of deliveries, failures and breakers is logged. */
  public static final String SUMMARY_INTERVAL = "alerts.log.summary.interval";
  private static final String STAGE = "alert-dispatcher";
  private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);
  private static final String CIRCUIT_OPEN = "circuit open";

  private final Topic<String, Alert> topic;
  private final String groupId;
  private final DeadLetterSink deadLetters;
  private final WebhookClient client;
  private final RetryPolicy retry;
  private final Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();
  private final Map<String, CircuitBreaker> breakers = new HashMap<>();
  private final Map<TopicPartition, OffsetTracker> trackers = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private final ScheduledExecutorService timers;
  private final ExecutorService deadLetterWriter;
  private final int maxInFlight;
  private final Duration summaryEvery;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  /** Delivered, failed and dead-lettered counts at the last summary (touched only by the timer thread). */
  private final long[] summarized = new long[3];
  private boolean paused;
  private final MeterRegistry registry;
  private final SinkMeters meters;
  private final WebhookEndpoint.Start start;
  /** The daily digests, when an endpoint asks for them; null otherwise. */
  private final DigestDeliveries digests;
  /** With start NOW: where each partition ended when this dispatcher started (its group's start if new). */
  private Map<TopicPartition, Long> startOffsets = Map.of();

  public AlertDispatcher(NewsflowConfig config, List<WebhookEndpoint> subscriptions) {
    this(config, subscriptions, new CompositeMeterRegistry());
  }

  /**
   * A dispatcher whose meters go to {@code registry}: the sink's ({@link SinkMeters}), each delivery
   * attempt's time by endpoint and outcome, failed attempts by endpoint and reason, dead letters.
   */
  public AlertDispatcher(NewsflowConfig config, List<WebhookEndpoint> subscriptions, MeterRegistry registry) {
    this(config, subscriptions, registry, Clock.systemUTC());
  }

  /**
   * A dispatcher whose daily digests fall due by {@code schedule} (signatures and {@code Retry-After} dates
   * always use the real time, which receivers compare with theirs).
   */
  public AlertDispatcher(NewsflowConfig config, List<WebhookEndpoint> subscriptions, MeterRegistry registry,
      Clock schedule) {
    super(SinkConsumers.inGroup(config, groupId(config, subscriptions), "newsflow-alert-webhooks"),
        new StringDeserializer(), new ByteArrayDeserializer(), "alert-dispatcher", "alert dispatcher stopped",
        Duration.ofSeconds(20));
    this.registry = registry;
    this.topic = config.topics().alerts();
    this.retry = RetryPolicy.from(config);
    this.maxInFlight = config.getInt(MAX_IN_FLIGHT, 1000, 1, Integer.MAX_VALUE);
    this.summaryEvery = config.getDuration(SUMMARY_INTERVAL, Duration.ofMinutes(1));
    int failures = config.getInt(BREAKER_FAILURES, 5, 1, Integer.MAX_VALUE);
    Duration openFor = config.getDuration(BREAKER_OPEN, Duration.ofSeconds(30));
    for (WebhookEndpoint e : subscriptions) {
      endpoints.put(e.name(), e);
      breakers.put(e.name(), new CircuitBreaker(failures, openFor, System::nanoTime,
          (from, to, inARow) -> logBreaker(e, to, inARow, openFor)));
    }
    this.client = new WebhookClient(config.getDuration(CONNECT_TIMEOUT, Duration.ofSeconds(5)),
        config.getDuration(TIMEOUT, Duration.ofSeconds(10)), Clock.systemUTC());
    this.groupId = groupId(config, subscriptions);
    this.start = WebhookSubscriptions.start(subscriptions);
    this.deadLetters = new DeadLetterSink(config, config.topics().alertDeadLetters(), STAGE, registry);
    this.meters = new SinkMeters(registry, STAGE, topic.name(), consumer);
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "alert-retries"));
    this.deadLetterWriter = Executors.newSingleThreadExecutor(r -> new Thread(r, "alert-dead-letters"));
    this.digests = subscriptions.stream().anyMatch(e -> e.digests() != null)
        ? new DigestDeliveries(config, subscriptions, client, breakers, retry, registry, schedule) : null;
  }

  /**
   * The group of a dispatcher to {@code subscriptions}: tied to the endpoints (names and URLs), so two
   * dispatchers with the same subscriptions share the work and one with other subscriptions gets every alert.
   */
  public static String groupId(NewsflowConfig config, List<WebhookEndpoint> subscriptions) {
    String destination = subscriptions.stream().map(e -> e.name() + " " + e.url()).sorted()
        .collect(java.util.stream.Collectors.joining("\n"));
    return SinkConsumers.groupFor(config, GROUP_SUFFIX, destination);
  }

  /** The endpoints this dispatcher delivers to. */
  public List<WebhookEndpoint> endpoints() {
    return List.copyOf(endpoints.values());
  }

  /** This dispatcher's consumer group. */
  public String groupId() {
    return groupId;
  }

  public AlertDispatcher start() {
    if (start == WebhookEndpoint.Start.NOW) {
      // Taken before start() returns: an alert stored after it is delivered, one stored before is history.
      startOffsets = consumer.endOffsets(consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList());
    }
    if (digests != null) {
      digests.start();
    }
    timers.scheduleAtFixedRate(this::logSummary, summaryEvery.toMillis(), summaryEvery.toMillis(), TimeUnit.MILLISECONDS);
    startThread(false);
    return this;
  }

  /** Daily digests an endpoint accepted (2xx). */
  public long digestsDelivered() {
    return digests == null ? 0 : digests.delivered();
  }

  /** Daily digests written to {@code alerts.dlq}. */
  public long digestsDeadLettered() {
    return digests == null ? 0 : digests.deadLettered();
  }

  /** Looks at the digest schedule done since the summaries were read up to where they stood at start. */
  public long digestRounds() {
    return digests == null ? 0 : digests.rounds();
  }

  /** Deliveries an endpoint accepted (2xx). */
  public long delivered() {
    return delivered.get();
  }

  /** Attempts that failed and were (or will be) retried, including those an open breaker held back. */
  public long failedAttempts() {
    return failedAttempts.get();
  }

  /** Deliveries written to {@code alerts.dlq}. */
  public long deadLettered() {
    return deadLettered.get();
  }

  /** Alerts consumed whose deliveries are not finished yet. */
  public int inFlight() {
    return inFlight.get();
  }

  public CircuitBreaker.State breakerState(String endpoint) {
    return breakers.get(endpoint).state();
  }

  @Override
  protected void open() {
    consumer.subscribe(List.of(topic.name()), new TrackPartitions());
  }

  @Override
  protected void pollOnce() {
    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
    meters.read(records.count());
    for (ConsumerRecord<String, byte[]> r : records) {
      dispatch(r);
    }
    meters.sampleLag(consumer);
    commitFinished(consumer.assignment());
    applyBackpressure();
  }

  @Override
  protected void release() {
    try {
      commitFinished(consumer.assignment());
    } catch (RuntimeException e) {
      log.info("final commit skipped: {}", e.getMessage());
    }
    if (digests != null) {
      digests.close();
    }
    timers.shutdownNow();
    deadLetterWriter.shutdown();
    try {
      deadLetterWriter.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    meters.close();
    deadLetters.close();
  }

  private void dispatch(ConsumerRecord<String, byte[]> r) {
    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
    OffsetTracker tracker = trackers.computeIfAbsent(tp, k -> new OffsetTracker());
    Alert alert;
    try {
      alert = r.value() == null ? null : topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
    } catch (RuntimeException e) {
      tracker.add(r.offset());
      PendingAlert pending = new PendingAlert(tracker, r, 1);
      deadLetter(pending, "UnreadableAlert", "cannot read the alert: " + e.getMessage());
      return;
    }
    if (alert == null) {
      return; // a tombstone carries nothing to deliver
    }
    List<WebhookEndpoint> targets = endpoints.values().stream().filter(e -> e.matches(alert)).toList();
    if (targets.isEmpty()) {
      return;
    }
    tracker.add(r.offset());
    PendingAlert pending = new PendingAlert(tracker, r, targets.size());
    for (WebhookEndpoint endpoint : targets) {
      Delivery d = new Delivery(pending, endpoint, alert, AlertPayloads.body(alert, endpoint.format()));
      timers.execute(() -> d.attempt(1));
    }
  }

  /** Commits each partition up to its first unfinished alert (or its position when none is unfinished). */
  private void commitFinished(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetTracker tracker = trackers.get(tp);
      Long lowest = tracker == null ? null : tracker.lowestPending();
      long commit = lowest != null ? lowest : consumer.position(tp);
      if (!Long.valueOf(commit).equals(committed.get(tp))) {
        offsets.put(tp, new OffsetAndMetadata(commit));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets);
      offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      log.warn("offset commit failed, will retry: {}", e.getMessage());
    }
  }

  /** Too many alerts still in delivery (a long outage): stop reading until they drain. */
  private void applyBackpressure() {
    if (!paused && inFlight.get() >= maxInFlight) {
      consumer.pause(consumer.assignment());
      paused = true;
      log.warn("{} alerts in delivery; reading paused until they drain", inFlight.get());
    } else if (paused && inFlight.get() <= maxInFlight / 2) {
      consumer.resume(consumer.paused());
      paused = false;
    }
  }

  private final class TrackPartitions implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      commitFinished(partitions);
      // Deliveries under way go on; their alerts are not committed here, so the new owner sends them again.
      partitions.forEach(tp -> {
        trackers.remove(tp);
        committed.remove(tp);
      });
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      partitions.forEach(tp -> trackers.put(tp, new OffsetTracker()));
      startNewGroupNow(partitions);
      if (paused) {
        consumer.pause(partitions);
      }
    }
  }

  /**
   * {@code start: now}: a partition this group has never committed starts where it ended when the
   * dispatcher started, and that position is committed at once, so a restart resumes there instead of
   * taking a later "now" (or, by auto.offset.reset, the whole history).
   */
  private void startNewGroupNow(Collection<TopicPartition> partitions) {
    if (start != WebhookEndpoint.Start.NOW || partitions.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> fresh = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> known = consumer.committed(new java.util.HashSet<>(partitions));
    for (TopicPartition tp : partitions) {
      if (known.get(tp) == null) {
        long offset = startOffsets.getOrDefault(tp, 0L);
        consumer.seek(tp, offset);
        fresh.put(tp, new OffsetAndMetadata(offset));
      }
    }
    if (!fresh.isEmpty()) {
      consumer.commitSync(fresh);
    }
  }

  /** One consumed alert and how many of its endpoints are still to finish. */
  private final class PendingAlert {
    final OffsetTracker tracker;
    final ConsumerRecord<String, byte[]> record;
    final AtomicInteger remaining;

    PendingAlert(OffsetTracker tracker, ConsumerRecord<String, byte[]> record, int endpoints) {
      this.tracker = tracker;
      this.record = record;
      this.remaining = new AtomicInteger(endpoints);
      inFlight.incrementAndGet();
    }

    void endpointFinished() {
      if (remaining.decrementAndGet() == 0) {
        tracker.complete(record.offset());
        inFlight.decrementAndGet();
      }
    }
  }

  /** One alert to one endpoint, through its attempts. */
  private final class Delivery {
    final PendingAlert pending;
    final WebhookEndpoint endpoint;
    final Alert alert;
    final byte[] body;
    /** When the first attempt went out: the retry window counts from here. */
    private long firstAttemptNanos;

    Delivery(PendingAlert pending, WebhookEndpoint endpoint, Alert alert, byte[] body) {
      this.pending = pending;
      this.endpoint = endpoint;
      this.alert = alert;
      this.body = body;
    }

    void attempt(int attempt) {
      if (closing()) {
        return; // not committed: the next run sends it
      }
      if (attempt == 1) {
        firstAttemptNanos = System.nanoTime();
      }
      CircuitBreaker breaker = breakers.get(endpoint.name());
      if (!breaker.tryAcquire()) {
        countFailure(endpoint, "circuit_open");
        failed(attempt, CIRCUIT_OPEN + " (the endpoint keeps failing)", Optional.of(breaker.untilProbe()));
        return;
      }
      long started = System.nanoTime();
      client.post(endpoint, AlertPayloads.idempotencyKey(alert), body, attempt).thenAccept(result -> {
        long took = System.nanoTime() - started;
        switch (result.result()) {
          case DELIVERED -> {
            breaker.onSuccess();
            delivered.incrementAndGet();
            meters.wrote(1);
            log.info("alert {} delivered to {} (attempt {})", alert.getId(), endpoint.name(), attempt);
            pending.endpointFinished();
          }
          case REJECTED -> {
            breaker.onSuccess(); // the endpoint answers; it is this request it refuses
            deadLetter(pending, "WebhookRejected", "endpoint " + endpoint.name() + " refused alert " + alert.getId()
                + ": " + result.reason());
          }
          case RETRY -> {
            breaker.onFailure();
            failed(attempt, result.reason(), result.retryAfter());
          }
        }
        countAttempt(endpoint, result.result(), took);
      });
    }

    private void failed(int attempt, String reason, Optional<Duration> retryAfter) {
      failedAttempts.incrementAndGet();
      Duration elapsed = Duration.ofNanos(System.nanoTime() - firstAttemptNanos);
      if (retry.exhausted(attempt, elapsed)) {
        boolean byCount = retry.maxAttempts() > 0 && attempt >= retry.maxAttempts();
        deadLetter(pending, "WebhookDeliveryFailed", "endpoint " + endpoint.name() + " did not take alert "
            + alert.getId() + (byCount ? "" : " within the retry window of " + retry.window().toString().substring(2)
            .toLowerCase(Locale.ROOT)) + " after " + attempt + " attempts; last: " + reason);
        return;
      }
      Duration wait = retry.nextWait(attempt + 1, elapsed, retryAfter, ThreadLocalRandom.current()::nextDouble);
      if (reason.startsWith(CIRCUIT_OPEN)) {
        // Held back, not sent: the breaker's own lines and the summary say the endpoint is down; one line
        // per held alert would repeat that thousands of times.
        log.debug("alert {} to {}: attempt {} held back ({}); next attempt in {} ms", alert.getId(), endpoint, attempt,
            reason, wait.toMillis());
      } else {
        log.warn("alert {} to {}: attempt {} failed ({}); next attempt in {} s, retrying until {} s after the first",
            alert.getId(), endpoint, attempt, reason, seconds(wait), seconds(retry.window()));
      }
      schedule(() -> attempt(attempt + 1), wait);
    }
  }

  private void countAttempt(WebhookEndpoint endpoint, WebhookClient.Attempt.Result result, long nanos) {
    Timer.builder(MetricNames.ALERT_DELIVERY).description("Webhook delivery attempts, by endpoint and outcome")
        .tag(MetricNames.ENDPOINT, endpoint.name()).tag("outcome", result.name().toLowerCase(Locale.ROOT))
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    if (result != WebhookClient.Attempt.Result.DELIVERED) {
      countFailure(endpoint, result == WebhookClient.Attempt.Result.REJECTED ? "rejected" : "retryable");
    }
  }

  private void countFailure(WebhookEndpoint endpoint, String reason) {
    registry.counter(MetricNames.ALERT_DELIVERY_FAILURES, MetricNames.ENDPOINT, endpoint.name(), MetricNames.REASON,
        reason).increment();
  }

  private void deadLetter(PendingAlert pending, String errorType, String reason) {
    ConsumerRecord<String, byte[]> r = pending.record;
    try {
      deadLetterWriter.execute(() -> {
        try {
          deadLetters.send(r.key() == null ? r.topic() + "/" + r.partition() + "@" + r.offset() : r.key(), errorType,
              reason, r.topic(), r.partition(), r.offset(),
              r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8), r.value());
          deadLettered.incrementAndGet();
          log.warn("alert {}-{}@{} dead-lettered: {}", r.topic(), r.partition(), r.offset(), reason);
          pending.endpointFinished();
        } catch (RuntimeException e) {
          log.error("cannot dead-letter {}-{}@{} ({}); trying again in 5 s", r.topic(), r.partition(), r.offset(),
              e.getMessage());
          schedule(() -> deadLetter(pending, errorType, reason), Duration.ofSeconds(5));
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing: left uncommitted, the next run handles it again
    }
  }

  /** An endpoint's breaker changed state: said once per change, whatever the number of alerts waiting. */
  private void logBreaker(WebhookEndpoint endpoint, CircuitBreaker.State to, int inARow, Duration openFor) {
    switch (to) {
      case OPEN -> log.warn("endpoint {}: circuit breaker open after {} failures in a row; no requests for {} s, "
          + "then one probe (its alerts wait and are retried)", endpoint, inARow, seconds(openFor));
      case HALF_OPEN -> log.info("endpoint {}: circuit breaker half open; sending one probe", endpoint);
      case CLOSED -> log.info("endpoint {}: circuit breaker closed; the endpoint answers again", endpoint);
    }
  }

  private static long seconds(Duration d) {
    return Math.max(1, Math.round(d.toMillis() / 1000.0));
  }

  /** One line a minute: what the last minute delivered, retried and dead-lettered, and what waits. */
  private void logSummary() {
    long d = delivered.get();
    long f = failedAttempts.get();
    long x = deadLettered.get();
    List<String> open = breakers.entrySet().stream().filter(e -> e.getValue().state() != CircuitBreaker.State.CLOSED)
        .map(e -> e.getKey() + " " + e.getValue().state().name().toLowerCase(java.util.Locale.ROOT)).sorted().toList();
    log.info("alerts in the last {} s: {} delivered, {} failed attempts, {} dead-lettered; {} in delivery{}",
        seconds(summaryEvery), d - summarized[0], f - summarized[1], x - summarized[2], inFlight.get(),
        open.isEmpty() ? "" : "; circuit breakers: " + String.join(", ", open));
    summarized[0] = d;
    summarized[1] = f;
    summarized[2] = x;
  }

  private void schedule(Runnable task, Duration delay) {
    try {
      // in nanoseconds: a wait cut to whole milliseconds ends early, and the last wait of a retry window, shortened
      // to end exactly there, would then find a fraction of a millisecond left and retry at once, over and over
      timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing: left uncommitted, the next run handles it again
    }
  }
}
