package dev.newsflow.consumer.feed;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.CatchUp;
import dev.newsflow.consumer.ConsumerLoop;
import dev.newsflow.consumer.SinkConsumers;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.metrics.MetricNames;
import dev.newsflow.schema.CompanyActivity;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway knows, read from Kafka by one thread: the latest summary of every company
 * ({@code company.summary} from the beginning), each company's articles per hour for its chart (the
 * streams application's 1 h windows on {@code company.activity}, from the beginning: {@link HourlyChart}),
 * and the recent feed ({@code articles.enriched}, the last {@code capacity} records of each partition,
 * kept in memory). New articles are handed to every subscribed client as they arrive. No consumer group:
 * the gateway assigns itself every partition, so each gateway instance serves the whole feed.
 */
final class FeedLog extends ConsumerLoop<String, byte[]> {
  private static final Logger log = LoggerFactory.getLogger(FeedLog.class);
  private static final String STAGE = "feed";
  /** How a day window's key ends ({@code company@start/24h}: the activity topics' key, {@code TopicContract}). */
  private static final String DAY_WINDOW = "/24h";

  /** Receives live articles; must not block (it runs on the Kafka thread). */
  interface Subscriber {
    void offer(FeedEvent event);
  }

  /** What a new subscriber must be sent before live events: older records from Kafka, then the buffer. */
  record Start(FeedPosition position, Map<Integer, long[]> backfill, List<FeedEvent> replay) {}

  private final Topic<String, EnrichedArticle> articles;
  private final Topic<String, CompanySummary> summaries;
  private final Topic<String, CompanyActivity> activity;
  private final int capacity;
  private final Object lock = new Object();
  private final List<ArrayDeque<FeedEvent>> buffers = new ArrayList<>();
  private long[] nextOffsets;
  private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
  private final Map<String, CompanySummary> companies = new ConcurrentHashMap<>();
  private final HourlyChart hourly = new HourlyChart();
  private final Duration activityLookback;
  /** The newest event time of any article read: the clock "last 24 h" and trends are counted up to. */
  private volatile Instant newsClock;
  private final Counter articlesRead;
  private final Counter unreadable;
  private final KafkaClientMetrics clientMetrics;
  private volatile boolean caughtUp;
  private CatchUp catchUp;

  /** The default of {@code gateway.activity.lookback}. */
  static final Duration DEFAULT_ACTIVITY_LOOKBACK = Duration.ofDays(2);

  FeedLog(NewsflowConfig config, int capacity, MeterRegistry registry) {
    this(config, capacity, DEFAULT_ACTIVITY_LOOKBACK, registry);
  }

  /**
   * {@code activityLookback}: how far back, in the time the broker stored them, {@code company.activity} is read at
   * start ({@code gateway.activity.lookback}). The topic keeps every live update for the broker's retention (a week
   * by default), over a million records a day at 100 articles/s; the chart needs each company's last two days.
   */
  FeedLog(NewsflowConfig config, int capacity, Duration activityLookback, MeterRegistry registry) {
    super(SinkConsumers.withoutGroup(config, "newsflow-feed"), new StringDeserializer(), new ByteArrayDeserializer(),
        "feed-log", "feed gateway stopped reading Kafka", Duration.ofSeconds(10));
    this.articles = config.topics().articlesEnriched();
    this.summaries = config.topics().companySummary();
    this.activity = config.topics().companyActivity();
    this.capacity = capacity;
    this.activityLookback = activityLookback;
    this.articlesRead = registry.counter(MetricNames.RECORDS_IN, MetricNames.STAGE, STAGE, MetricNames.TOPIC, articles.name());
    this.unreadable = registry.counter(MetricNames.RECORDS_REJECTED, MetricNames.STAGE, STAGE, MetricNames.REASON,
        "unreadable");
    this.clientMetrics = new KafkaClientMetrics(consumer, Tags.of(MetricNames.STAGE, STAGE));
    clientMetrics.bindTo(registry);
  }

  /** Assigns the partitions and positions the consumer; fails clearly when the topics do not exist. */
  FeedLog start() {
    List<TopicPartition> feedPartitions = partitionsOf(articles.name());
    // Summaries from the beginning (compacted: the latest per company), activity from the lookback on; each is read
    // for its latest value per key.
    List<TopicPartition> summaryPartitions = partitionsOf(summaries.name());
    List<TopicPartition> activityPartitions = partitionsOf(activity.name());
    List<TopicPartition> all = new ArrayList<>(feedPartitions);
    all.addAll(summaryPartitions);
    all.addAll(activityPartitions);
    consumer.assign(all);
    consumer.seekToBeginning(summaryPartitions);
    long since = System.currentTimeMillis() - activityLookback.toMillis();
    Map<TopicPartition, Long> times = new HashMap<>();
    activityPartitions.forEach(tp -> times.put(tp, since));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
    Map<TopicPartition, Long> activityEnds = consumer.endOffsets(activityPartitions);
    for (TopicPartition tp : activityPartitions) {
      OffsetAndTimestamp at = found.get(tp);
      // No record stored since then: nothing of the partition is read but what comes next.
      consumer.seek(tp, at == null ? activityEnds.get(tp) : at.offset());
    }
    Map<TopicPartition, Long> begins = consumer.beginningOffsets(feedPartitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(feedPartitions);
    nextOffsets = new long[feedPartitions.size()];
    for (TopicPartition tp : feedPartitions) {
      long from = Math.max(begins.get(tp), ends.get(tp) - capacity);
      consumer.seek(tp, from);
      nextOffsets[tp.partition()] = from;
      buffers.add(new ArrayDeque<>());
    }
    startThread(true);
    return this;
  }

  int partitions() {
    return nextOffsets.length;
  }

  @Override
  protected void open() {
    catchUp = new CatchUp(consumer);
  }

  @Override
  protected void pollOnce() {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
      if (r.topic().equals(summaries.name())) {
        applySummary(r);
      } else if (r.topic().equals(activity.name())) {
        applyActivity(r);
      } else {
        append(r);
      }
    }
    if (!caughtUp && catchUp.reached()) {
      caughtUp = true;
      log.info("feed gateway caught up: {} companies, {} articles buffered", companies.size(), buffered());
    }
  }

  @Override
  protected void release() {
    clientMetrics.close();
  }

  private void applySummary(ConsumerRecord<String, byte[]> r) {
    if (r.key() == null) {
      return;
    }
    if (r.value() == null) {
      companies.remove(r.key());
      return;
    }
    try {
      companies.put(r.key(), summaries.valueSerde().deserializer().deserialize(r.topic(), r.headers(), r.value()));
    } catch (RuntimeException e) {
      unreadable.increment();
      log.warn("skipping unreadable summary {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
    }
  }

  private void applyActivity(ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      return; // the streams application never deletes a window
    }
    if (r.key() != null && r.key().endsWith(DAY_WINDOW)) {
      return; // the chart is of hours: a day window is not decoded
    }
    CompanyActivity window;
    try {
      window = activity.valueSerde().deserializer().deserialize(r.topic(), r.headers(), r.value());
    } catch (RuntimeException e) {
      unreadable.increment();
      log.warn("skipping unreadable activity {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
      return;
    }
    hourly.apply(window);
  }

  private void append(ConsumerRecord<String, byte[]> r) {
    EnrichedArticle article = null;
    try {
      article = r.value() == null ? null : articles.valueSerde().deserializer().deserialize(r.topic(), r.headers(), r.value());
    } catch (RuntimeException e) {
      unreadable.increment();
      log.warn("skipping unreadable article {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
    }
    synchronized (lock) {
      nextOffsets[r.partition()] = r.offset() + 1;
      if (article == null) {
        return;
      }
      FeedEvent event = new FeedEvent(r.partition(), r.offset(), article, CanonicalJson.write(article),
          eventTime(article, r.timestamp()));
      ArrayDeque<FeedEvent> buffer = buffers.get(r.partition());
      buffer.addLast(event);
      if (buffer.size() > capacity) {
        buffer.removeFirst();
      }
      articlesRead.increment();
      if (newsClock == null || event.eventTime().isAfter(newsClock)) {
        newsClock = event.eventTime();
      }
      for (Subscriber s : subscribers) {
        s.offer(event);
      }
    }
  }

  /**
   * The newest publication time of the articles read so far (null before the first): the application's
   * news clock. For replayed news it is the newest news replayed, not the time on this computer.
   */
  public Instant newsClock() {
    return newsClock;
  }

  /** Publication time, unless missing or implausibly far in the future; then when Kafka received it. */
  private static Instant eventTime(EnrichedArticle article, long recordTimestamp) {
    Instant published = article.getPublishedAt();
    Instant received = Instant.ofEpochMilli(recordTimestamp);
    if (published == null || published.isAfter(Instant.now().plus(Duration.ofHours(1)))) {
      return received;
    }
    return published;
  }

  /**
   * Subscribes from {@code from} (null: from now, with up to {@code backlog} recent matching articles):
   * returns what to send first; every later article goes to {@code subscriber}. Atomic with the reading
   * thread, so nothing falls between the two and nothing is in both.
   */
  Start subscribe(FeedPosition from, int backlog, FeedFilter filter, Subscriber subscriber) {
    synchronized (lock) {
      FeedPosition start = from != null ? from.copy() : backlogStart(backlog, filter);
      Map<Integer, long[]> backfill = new HashMap<>();
      List<FeedEvent> replay = new ArrayList<>();
      for (int p = 0; p < buffers.size(); p++) {
        ArrayDeque<FeedEvent> buffer = buffers.get(p);
        long bufferStart = buffer.isEmpty() ? nextOffsets[p] : buffer.peekFirst().offset();
        if (start.next(p) < bufferStart) {
          backfill.put(p, new long[] {start.next(p), bufferStart});
        }
        for (FeedEvent e : buffer) {
          if (start.isAhead(p, e.offset()) && filter.matches(e.article())) {
            replay.add(e);
          }
        }
      }
      subscribers.add(subscriber);
      return new Start(start, backfill, replay);
    }
  }

  /** The position from which a new client is shown the last {@code backlog} matching articles. */
  private FeedPosition backlogStart(int backlog, FeedFilter filter) {
    long[] next = nextOffsets.clone();
    if (backlog <= 0) {
      return new FeedPosition(next);
    }
    List<FeedEvent> matching = new ArrayList<>();
    buffers.forEach(b -> b.stream().filter(e -> filter.matches(e.article())).forEach(matching::add));
    matching.sort(Comparator.comparing(FeedEvent::eventTime).reversed());
    for (FeedEvent e : matching.subList(0, Math.min(backlog, matching.size()))) {
      next[e.partition()] = Math.min(next[e.partition()], e.offset());
    }
    return new FeedPosition(next);
  }

  void unsubscribe(Subscriber subscriber) {
    subscribers.remove(subscriber);
  }

  /** The newest articles mentioning a company, newest first. */
  List<FeedEvent> recent(String companyId, int limit) {
    List<FeedEvent> found = new ArrayList<>();
    synchronized (lock) {
      buffers.forEach(b -> b.stream()
          .filter(e -> e.article().getMentions().stream().anyMatch(m -> m.getCompanyId().equals(companyId)))
          .forEach(found::add));
    }
    found.sort(Comparator.comparing(FeedEvent::eventTime).reversed());
    return found.subList(0, Math.min(limit, found.size()));
  }

  Map<String, CompanySummary> companies() {
    return companies;
  }

  HourlyChart.Chart activity(String companyId) {
    return hourly.chart(companyId);
  }

  int subscriberCount() {
    return subscribers.size();
  }

  int buffered() {
    synchronized (lock) {
      return buffers.stream().mapToInt(ArrayDeque::size).sum();
    }
  }

  boolean caughtUp() {
    return caughtUp;
  }

}
