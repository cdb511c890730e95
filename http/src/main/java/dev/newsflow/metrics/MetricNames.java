package dev.newsflow.metrics;

/**
 * Every metric newsflow defines, by its Micrometer name; Prometheus shows dots as underscores and adds
 * {@code _total} to counters, {@code _seconds_*} to timers (README, "Metrics and health"). Kafka's own
 * client and Streams metrics come through Micrometer's Kafka binders under {@code kafka_*}.
 */
public final class MetricNames {
  /** Tag: the stage a meter belongs to ({@code ingest}, {@code produce}, {@code streams}, {@code feed}, ...). */
  public static final String STAGE = "stage";
  /** Tag: the HTTP server ({@code ingest}, {@code gateway}, {@code query}, {@code admin}). */
  public static final String SERVER = "server";
  public static final String TOPIC = "topic";
  public static final String REASON = "reason";
  public static final String ENDPOINT = "endpoint";

  /** Counter: records a stage read from Kafka (or, for ingest, took over HTTP), by stage and topic. */
  public static final String RECORDS_IN = "newsflow.records.in";
  /** Counter: records a stage wrote to Kafka (acknowledged), or for sinks wrote out, by stage and topic. */
  public static final String RECORDS_OUT = "newsflow.records.out";
  /** Counter: records refused (invalid, unreadable), by stage and reason. */
  public static final String RECORDS_REJECTED = "newsflow.records.rejected";
  /** Counter: letters written to a dead-letter topic, by stage and reason. */
  public static final String DLQ_LETTERS = "newsflow.dlq.letters";
  /** Timer: HTTP requests, by server, method, route and status. */
  public static final String HTTP_REQUESTS = "newsflow.http.requests";
  /** Timer: one webhook delivery attempt, by endpoint and outcome. */
  public static final String ALERT_DELIVERY = "newsflow.alert.delivery";
  /** Counter: failed webhook attempts, by endpoint and reason. */
  public static final String ALERT_DELIVERY_FAILURES = "newsflow.alert.delivery.failures";
  /** Counter: daily digests, by endpoint and outcome ({@code delivered}, {@code dead_lettered}, {@code no_digest}). */
  public static final String DIGEST_DELIVERIES = "newsflow.digest.deliveries";
  /**
   * Gauge: records in a sink's input topic it has not processed yet (the summary writers' lag, the alert
   * dispatcher's), by stage; sampled after each poll.
   */
  public static final String SINK_LAG = "newsflow.sink.lag";

  private MetricNames() {}
}
