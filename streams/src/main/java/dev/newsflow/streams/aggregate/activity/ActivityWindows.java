package dev.newsflow.streams.aggregate.activity;

import dev.newsflow.schema.CompanyActivity;
import dev.newsflow.streams.state.JsonSerde;
import dev.newsflow.streams.state.QueryableStores;
import dev.newsflow.streams.state.StateStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Each company's activity in event-time windows (1 h tumbling, and 24 h hopping by 1 h), from the
 * window changes of {@link ActivityLateness}: live values to {@code company.activity}, each window's final
 * value to {@code company.activity.final} once it has closed (window end + grace ≤ stream time).
 *
 * <p>The unit of state is one article in one company's hour, stored on its own: applying a change costs
 * one write, whatever the number of articles in the hour or in the 24 windows that hold it. A window's
 * value is computed from its hours when it is published, which happens at most once per live interval
 * ({@code activity.live.interval}, a second by default) for a window with changes (the hours changed since are kept in a
 * store, so a restart publishes what it had not) and once when it closes. The 24 windows of a day that
 * hold the same hours of a company are computed once. Kafka Streams' windowed aggregation rewrote a
 * window's whole value on every change, 25 windows per article: quadratic in a busy company's articles.
 *
 * <p>Live day windows: of the 24 day windows holding an hour, only those that end by the end of the
 * current hour (of stream time) are published live: the trailing day (the 24 hours up to now) and, during
 * the grace, the day before it. The others reach into hours that have not happened yet, and their value
 * is a part of what they will hold; publishing them on each change wrote 24 records where one is read.
 * When stream time enters a new hour, the new trailing day of every company with news in it is published
 * (so a quiet company's trailing day is still current). Every day window still gets its final value when
 * it closes.
 *
 * <p>The rules are those of the windowed aggregation this replaces: a window exists once a change reached
 * it while it was open; a change too late for a window leaves it as it was (and {@link ActivityLateness}
 * reports it); a closed window is published once, never again. An hour is forgotten when the last window
 * holding it closes. Final values also go to a key-value store that interactive queries read
 * ({@link QueryableStores#ACTIVITY}), kept for {@code activity.retention} of stream time after the window ends;
 * the open windows a query asks for are computed from their hours then ({@link ActivityQuery}), so the live values
 * are written once, to {@code company.activity}, not to a store's changelog as well.
 */
public final class ActivityWindows implements Processor<String, WindowDelta, String, CompanyActivity> {
  public static final String ARTICLES = "activity-articles";
  public static final String HOURS = "activity-hours";
  public static final String HOURS_BY_TIME = "activity-hours-by-time";
  public static final String CHANGED = "activity-changed-hours";
  /** Where, in {@link ActivityLateness#STORE}, the stream time up to which windows have been closed is kept. */
  static final String CLOSED_UP_TO = "closed-up-to";
  private static final String SWEPT_UP_TO = "swept-up-to";

  static final long HOUR = ActivityLateness.HOUR;
  static final long DAY = 24 * HOUR;

  private static final JsonSerde<WindowArticle> ARTICLE_SERDE = JsonSerde.of(WindowArticle.class);

  private final long graceMs;
  private final long retentionMs;
  private final ActivitySummarizer summarizer;
  private ProcessorContext<String, CompanyActivity> context;
  private ArticlesByHour articles;
  private KeyValueStore<String, Long> hours;
  private KeyValueStore<String, Long> hoursByTime;
  private KeyValueStore<String, Long> changed;
  private KeyValueStore<String, CompanyActivity> windows;
  private final Duration liveInterval;
  /**
   * The live day windows published since the last punctuation with no change to their hours since: a new hour
   * publishes the trailing days at once, and the punctuation that follows need not publish them again with the
   * same value. In memory only, emptied at each start of the task: after a restart a window is at worst published
   * twice, never skipped.
   */
  private final Map<String, TreeSet<Long>> unchangedDays = new HashMap<>();
  private KeyValueStore<String, Long> clock;

  /**
   * {@code liveInterval}: how often (wall-clock time) the windows that changed are published
   * ({@code activity.live.interval}): a busy company's windows once per interval, not once per article.
   */
  public ActivityWindows(Duration grace, Duration retention, ActivitySummarizer summarizer, Duration liveInterval) {
    this.liveInterval = liveInterval;
    this.graceMs = grace.toMillis();
    this.retentionMs = retention.toMillis();
    this.summarizer = summarizer;
  }

  /** The stores this processor keeps, besides {@link ActivityLateness#STORE} (shared: the stream time). */
  public static List<StoreBuilder<?>> storeBuilders(StateStores stores, Serde<CompanyActivity> activitySerde) {
    return List.of(
        stores.keyValue(ARTICLES, Serdes.String(), ARTICLE_SERDE),
        stores.keyValue(HOURS, Serdes.String(), Serdes.Long()),
        stores.keyValue(HOURS_BY_TIME, Serdes.String(), Serdes.Long()),
        stores.keyValue(CHANGED, Serdes.String(), Serdes.Long()),
        stores.keyValue(QueryableStores.ACTIVITY, Serdes.String(),
            activitySerde));
  }

  public static String[] storeNames() {
    return new String[] {ARTICLES, HOURS, HOURS_BY_TIME, CHANGED, QueryableStores.ACTIVITY, ActivityLateness.STORE};
  }

  @Override
  public void init(ProcessorContext<String, CompanyActivity> context) {
    this.context = context;
    // New each time: a task revived after an error starts again from its stores, with nothing in memory (what its
    // aborted transaction had published is published again).
    this.articles = new ArticlesByHour(context.getStateStore(ARTICLES));
    unchangedDays.clear();
    this.hours = context.getStateStore(HOURS);
    this.hoursByTime = context.getStateStore(HOURS_BY_TIME);
    this.changed = context.getStateStore(CHANGED);
    this.windows = context.getStateStore(QueryableStores.ACTIVITY);
    this.clock = context.getStateStore(ActivityLateness.STORE);
    context.schedule(liveInterval, PunctuationType.WALL_CLOCK_TIME, now -> publishChanged());
  }

  @Override
  public void process(Record<String, WindowDelta> record) {
    WindowDelta d = record.value();
    if (!d.missesDay()) {
      apply(record.key(), d);
    }
    advance(d.streamTime());
  }

  /** The change in its hour: the article stored (or removed), the hour marked changed. */
  private void apply(String company, WindowDelta d) {
    long hour = ActivityLateness.hourOf(d.eventTime());
    String hourKey = ActivityStoreKeys.hour(company, hour);
    if (d.article() == null) {
      articles.remove(company, hour, d.articleId());
    } else {
      articles.put(company, hour, d.articleId(), d.article());
    }
    Long updatedAt = hours.get(hourKey);
    if (updatedAt == null) {
      hoursByTime.put(ActivityStoreKeys.byTime(hour, company), hour);
    }
    if (updatedAt == null || d.eventTime() > updatedAt) {
      hours.put(hourKey, d.eventTime());
    }
    changed.put(hourKey, hour);
    TreeSet<Long> unchanged = unchangedDays.get(company);
    if (unchanged != null) {
      unchanged.subSet(hour - DAY + HOUR, true, hour, true).clear(); // the days holding this hour have changed
    }
  }

  /**
   * Stream time has reached {@code streamTime}: the windows that closed since are published as final (after
   * any pending live value), and the hours no window holds any more are forgotten.
   */
  private void advance(long streamTime) {
    Long closedUpTo = clock.get(CLOSED_UP_TO);
    if (closedUpTo != null && streamTime <= closedUpTo) {
      return;
    }
    clock.put(CLOSED_UP_TO, streamTime);
    if (closedUpTo != null && floorHour(streamTime) > floorHour(closedUpTo)) {
      publishTrailingDays(floorHour(closedUpTo), streamTime);
    }
    // Windows end on the hour: nothing closes until stream time passes the next hour plus the grace.
    if (closedUpTo == null || ceilHour(closedUpTo - graceMs + 1) + graceMs > streamTime) {
      return;
    }
    // A 1 h window starting at h closes at h + 1h + grace, a 24 h one starting at s at s + 24h + grace.
    long firstDayStart = closedUpTo - graceMs - DAY;
    long lastDayStart = streamTime - graceMs - DAY;
    long firstHourStart = closedUpTo - graceMs - HOUR;
    long lastHourStart = streamTime - graceMs - HOUR;
    TreeSet<Closing> closing = new TreeSet<>();
    List<String> forgotten = new ArrayList<>();
    try (KeyValueIterator<String, Long> it = hoursByTime.range(ActivityStoreKeys.time(firstDayStart + 1),
        ActivityStoreKeys.time(lastHourStart) + ActivityStoreKeys.AFTER_SEP)) {
      while (it.hasNext()) {
        KeyValue<String, Long> kv = it.next();
        long h = kv.value;
        String company = ActivityStoreKeys.companyOfByTime(kv.key);
        if (h > firstHourStart && h <= lastHourStart) {
          closing.add(new Closing(h + HOUR, company, "1h", h));
        }
        for (long s = Math.max(h - DAY + HOUR, ceilHour(firstDayStart + 1)); s <= Math.min(h, lastDayStart); s += HOUR) {
          closing.add(new Closing(s + DAY, company, "24h", s));
        }
        if (h <= lastDayStart) {
          forgotten.add(kv.key);
        }
      }
    }
    if (closing.isEmpty()) {
      return;
    }
    publishChanged(closedUpTo);
    for (Closing c : closing) {
      long size = "1h".equals(c.size) ? HOUR : DAY;
      publish(c.company, c.size, c.start, activityOf(c.company, c.start, c.start + size), true);
    }
    for (String key : forgotten) {
      forget(ActivityStoreKeys.companyOfByTime(key), ActivityStoreKeys.hourOfByTime(key));
      hoursByTime.delete(key);
    }
    sweep(streamTime);
  }

  private static long ceilHour(long t) {
    return Math.floorDiv(t + HOUR - 1, HOUR) * HOUR;
  }

  static long floorHour(long t) {
    return Math.floorDiv(t, HOUR) * HOUR;
  }

  /**
   * Whether a day window starting at {@code start} is published live at stream time {@code streamTime}: it
   * ends by the end of the current hour (the trailing day, or a day in its grace) and has not closed.
   */
  private boolean liveDay(long start, long streamTime) {
    return start + DAY <= floorHour(streamTime) + HOUR && start + DAY + graceMs > streamTime;
  }

  /**
   * Stream time entered a new hour (from the hour {@code previousHour}): the day windows that have just become
   * live (they now end by the end of the current hour) are published for every company with news in them.
   */
  private void publishTrailingDays(long previousHour, long streamTime) {
    long firstStart = Math.max(previousHour + HOUR - DAY + HOUR, streamTime - graceMs - DAY + 1);
    long lastStart = floorHour(streamTime) + HOUR - DAY;
    if (firstStart > lastStart) {
      return;
    }
    Map<String, TreeSet<Long>> starts = new TreeMap<>();
    try (KeyValueIterator<String, Long> it = hoursByTime.range(ActivityStoreKeys.time(ceilHour(firstStart)),
        ActivityStoreKeys.time(lastStart + DAY - 1) + ActivityStoreKeys.AFTER_SEP)) {
      while (it.hasNext()) {
        KeyValue<String, Long> kv = it.next();
        long h = kv.value;
        for (long s = Math.max(ceilHour(firstStart), h - DAY + HOUR); s <= Math.min(h, lastStart); s += HOUR) {
          if (liveDay(s, streamTime)) {
            starts.computeIfAbsent(ActivityStoreKeys.companyOfByTime(kv.key), c -> new TreeSet<>()).add(s);
          }
        }
      }
    }
    starts.forEach((company, dayStarts) -> publishDays(company, dayStarts));
  }

  private void forget(String company, long hour) {
    articles.forget(company, hour);
    String hourKey = ActivityStoreKeys.hour(company, hour);
    hours.delete(hourKey);
    changed.delete(hourKey);
  }

  /** The published windows that ended {@code activity.retention} ago, dropped: checked every tenth of it. */
  private void sweep(long streamTime) {
    Long sweptUpTo = clock.get(SWEPT_UP_TO);
    if (sweptUpTo != null && streamTime - sweptUpTo < Math.max(HOUR, retentionMs / 10)) {
      return;
    }
    clock.put(SWEPT_UP_TO, streamTime);
    long oldestEnd = streamTime - retentionMs;
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, CompanyActivity> it = windows.all()) {
      while (it.hasNext()) {
        KeyValue<String, CompanyActivity> kv = it.next();
        if (kv.value != null && kv.value.getWindowEnd().toEpochMilli() <= oldestEnd) {
          expired.add(kv.key);
        }
      }
    }
    expired.forEach(windows::delete);
  }

  /** Publishes the open windows holding an hour that changed since the last time (punctuation). */
  private void publishChanged() {
    Long closedUpTo = clock.get(CLOSED_UP_TO);
    if (closedUpTo != null) {
      publishChanged(closedUpTo);
    }
    unchangedDays.clear();
  }

  private void publishChanged(long streamTime) {
    Map<String, TreeSet<Long>> byCompany = new TreeMap<>();
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, Long> it = changed.all()) {
      while (it.hasNext()) {
        KeyValue<String, Long> kv = it.next();
        keys.add(kv.key);
        byCompany.computeIfAbsent(ActivityStoreKeys.companyOfHour(kv.key), c -> new TreeSet<>()).add(kv.value);
      }
    }
    keys.forEach(changed::delete);
    byCompany.forEach((company, changedHours) -> publishLive(company, changedHours, streamTime));
  }

  private void publishLive(String company, TreeSet<Long> changedHours, long streamTime) {
    TreeSet<Long> dayStarts = new TreeSet<>();
    for (long h : changedHours) {
      if (h + HOUR + graceMs > streamTime) {
        publish(company, "1h", h, activityOf(company, h, h + HOUR), false);
      }
      for (long s = h - DAY + HOUR; s <= h; s += HOUR) {
        if (liveDay(s, streamTime)) {
          dayStarts.add(s);
        }
      }
    }
    publishDays(company, dayStarts);
  }

  /** Publishes the live day windows of a company that start at {@code dayStarts}. */
  private void publishDays(String company, TreeSet<Long> dayStarts) {
    if (dayStarts.isEmpty()) {
      return;
    }
    // Windows holding the same hours of this company have the same value but for their bounds.
    List<Long> present = hoursBetween(company, dayStarts.first(), dayStarts.last() + DAY);
    Map<List<Long>, Activity> computed = new HashMap<>();
    TreeSet<Long> unchanged = unchangedDays.computeIfAbsent(company, c -> new TreeSet<>());
    for (long s : dayStarts) {
      if (!unchanged.add(s)) {
        continue; // published since the last punctuation, and none of its hours changed after
      }
      List<Long> held = present.stream().filter(h -> h >= s && h < s + DAY).toList();
      Activity a = computed.computeIfAbsent(held, hs -> activityOf(company, hs));
      publish(company, "24h", s, a, false);
    }
  }

  private List<Long> hoursBetween(String company, long from, long to) {
    return hoursBetween(hours, company, from, to);
  }

  /** The hours of a company with a change, in [from, to). */
  static List<Long> hoursBetween(ReadOnlyKeyValueStore<String, Long> hours, String company, long from, long to) {
    List<Long> out = new ArrayList<>();
    try (KeyValueIterator<String, Long> it =
        hours.range(ActivityStoreKeys.hour(company, from), ActivityStoreKeys.hour(company, to - 1))) {
      while (it.hasNext()) {
        out.add(ActivityStoreKeys.hourOfHour(it.next().key));
      }
    }
    return out;
  }

  private Activity activityOf(String company, long from, long to) {
    return activityOf(company, hoursBetween(company, from, to));
  }

  private Activity activityOf(String company, List<Long> held) {
    return activityOf(company, held, articles::of, hours);
  }

  /** The articles of some hours of a company ({@code articlesOf}: those of one hour), and the newest change among them. */
  static Activity activityOf(String company, List<Long> held, BiFunction<String, Long, Map<String, WindowArticle>> articlesOf,
      ReadOnlyKeyValueStore<String, Long> hours) {
    Map<String, WindowArticle> all = new HashMap<>();
    long updatedAt = Long.MIN_VALUE;
    for (long h : held) {
      all.putAll(articlesOf.apply(company, h));
      Long u = hours.get(ActivityStoreKeys.hour(company, h));
      if (u != null) {
        updatedAt = Math.max(updatedAt, u);
      }
    }
    return new Activity(new ActivityAccumulator(all, updatedAt), !held.isEmpty());
  }

  private void publish(String company, String size, long start, Activity a, boolean closed) {
    if (!a.exists) {
      return;
    }
    long end = start + ("1h".equals(size) ? HOUR : DAY);
    CompanyActivity value = a.window(summarizer, company, size, start, end, closed);
    if (closed) {
      windows.put(ActivityStoreKeys.window(company, size, start), value);
    }
    context.forward(new Record<>(ActivityKey.of(company, size, start), value, value.getUpdatedAt().toEpochMilli()));
  }

  /**
   * The articles of some hours of a company; {@code exists}: some change reached one of them. Summarized
   * once: every window holding exactly these hours differs only in its bounds.
   */
  static final class Activity {
    final ActivityAccumulator acc;
    final boolean exists;
    private CompanyActivity summarized;

    Activity(ActivityAccumulator acc, boolean exists) {
      this.acc = acc;
      this.exists = exists;
    }

    CompanyActivity window(ActivitySummarizer summarizer, String company, String size, long start, long end,
        boolean closed) {
      if (summarized == null) {
        summarized = summarizer.activity(company, size, start, end, acc, closed);
        return summarized;
      }
      return CompanyActivity.newBuilder(summarized)
          .setWindow(size)
          .setWindowStart(Instant.ofEpochMilli(start))
          .setWindowEnd(Instant.ofEpochMilli(end))
          .setClosed(closed)
          .setUpdatedAt(Instant.ofEpochMilli(acc.updatedAt() == Long.MIN_VALUE ? start : acc.updatedAt()))
          .build();
    }
  }

  /** A window that closes at {@code end} + grace. Ordered by closing time, then company, size and start. */
  private record Closing(long end, String company, String size, long start) implements Comparable<Closing> {
    @Override
    public int compareTo(Closing o) {
      int c = Long.compare(end, o.end);
      if (c == 0) {
        c = company.compareTo(o.company);
      }
      if (c == 0) {
        c = size.compareTo(o.size);
      }
      return c != 0 ? c : Long.compare(start, o.start);
    }
  }
}
