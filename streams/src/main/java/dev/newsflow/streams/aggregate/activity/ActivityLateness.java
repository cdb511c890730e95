package dev.newsflow.streams.aggregate.activity;

import dev.newsflow.streams.event.ArticleFacts;
import dev.newsflow.streams.event.CompanyEvent;
import dev.newsflow.streams.state.StateStores;
import java.time.Duration;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Splits article changes into window changes, each stamped with its event time, and tells which ones
 * come too late for their windows: a window has closed once window end + grace ≤ stream time, and
 * {@link ActivityWindows} leaves a closed window as it was; a late change is counted here in the
 * {@code late-records} metric and sent to the dead-letter topic with the reason. Stream time is the
 * newest event time seen, kept in a store (shared with {@link ActivityWindows}) so that it survives
 * restarts.
 *
 * <p>A change that moves an article to another hour becomes two window changes: a withdrawal at the old
 * time and an addition at the new one, so that each window holds the article's current version only.
 */
public final class ActivityLateness implements FixedKeyProcessor<String, CompanyEvent, WindowDelta> {
  public static final String STORE = "activity-stream-time";
  private static final String KEY = "stream-time";

  private final long graceMs;
  private FixedKeyProcessorContext<String, WindowDelta> context;
  private KeyValueStore<String, Long> clock;
  private Sensor late;

  public ActivityLateness(Duration grace) {
    this.graceMs = grace.toMillis();
  }

  /**
   * Cached: stream time (and the marks {@link ActivityWindows} keeps beside it) is one key rewritten by nearly
   * every article, so the cache sends its changelog one record per commit instead of one per article.
   */
  public static StoreBuilder<KeyValueStore<String, Long>> storeBuilder(StateStores stores) {
    return stores.keyValue(STORE, Serdes.String(), Serdes.Long())
        .withCachingEnabled();
  }

  @Override
  public void init(FixedKeyProcessorContext<String, WindowDelta> context) {
    this.context = context;
    this.clock = context.getStateStore(STORE);
    this.late = LateRecords.sensor(context);
  }

  @Override
  public void process(FixedKeyRecord<String, CompanyEvent> record) {
    CompanyEvent event = record.value();
    ArticleFacts before = event.before();
    ArticleFacts after = event.after();
    if (after != null && before != null && hourOf(before.publishedAt()) == hourOf(after.publishedAt())) {
      emit(record, event, after.articleId(), after, after.publishedAt());
      return;
    }
    if (before != null) {
      emit(record, event, before.articleId(), null, before.publishedAt());
    }
    if (after != null) {
      emit(record, event, after.articleId(), after, after.publishedAt());
    }
  }

  private void emit(FixedKeyRecord<String, CompanyEvent> record, CompanyEvent event, String articleId,
      ArticleFacts facts, long time) {
    Long seen = clock.get(KEY);
    long streamTime = seen == null ? time : Math.max(seen, time);
    if (seen == null || streamTime != seen) {
      clock.put(KEY, streamTime);
    }
    long hourEnd = hourOf(time) + HOUR;
    boolean missesHour = hourEnd + graceMs <= streamTime;
    boolean missesDay = hourEnd + 23 * HOUR + graceMs <= streamTime;
    if (missesHour) {
      late.record();
    }
    WindowDelta delta = new WindowDelta(articleId, facts == null ? null : WindowArticle.of(facts), time, streamTime,
        missesHour, missesDay, event.position());
    context.forward(record.withValue(delta).withTimestamp(time));
  }

  static final long HOUR = Duration.ofHours(1).toMillis();

  static long hourOf(long time) {
    return Math.floorDiv(time, HOUR) * HOUR;
  }
}
