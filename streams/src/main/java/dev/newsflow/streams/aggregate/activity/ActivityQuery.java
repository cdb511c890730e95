package dev.newsflow.streams.aggregate.activity;

import dev.newsflow.schema.CompanyActivity;
import dev.newsflow.streams.state.QueryableStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A company's activity windows as an interactive query sees them, from the stores of {@link ActivityWindows}: the
 * open windows computed from their hours at the time of the query, then the closed ones as the stage kept them
 * (their final values, for {@code activity.retention} after they end).
 *
 * <p>The open windows are those the stage publishes live to {@code company.activity}: a 1 h window until it closes,
 * and of the day windows those that end by the end of the current hour of stream time. Computed here, they are as
 * fresh as the stores (not up to {@code activity.live.interval} behind), and the stage does not write every live
 * value a second time, to a store and its changelog, for the few that are ever read: that was a quarter of the
 * records an archive replay wrote (BENCHMARKS.md).
 */
public final class ActivityQuery {
  /** Opens one of the stores, read-only, as an interactive query does. */
  @FunctionalInterface
  public interface Stores {
    <V> ReadOnlyKeyValueStore<String, V> open(String name);
  }

  private final long graceMs;
  private final ActivitySummarizer summarizer;

  /** {@code grace} and {@code top} as the activity stage runs with ({@code activity.grace}, {@code activity.top}). */
  public ActivityQuery(Duration grace, int top) {
    this.graceMs = grace.toMillis();
    this.summarizer = new ActivitySummarizer(top);
  }

  /** The newest {@code limit} windows of {@code company}, newest first; {@code size} is 1h or 24h. */
  public List<CompanyActivity> newest(String company, String size, int limit, Stores stores) {
    ReadOnlyKeyValueStore<String, Long> clock = stores.open(ActivityLateness.STORE);
    Long streamTime = clock.get(ActivityWindows.CLOSED_UP_TO);
    List<CompanyActivity> out = new ArrayList<>();
    if (streamTime != null) {
      ReadOnlyKeyValueStore<String, WindowArticle> articles = stores.open(ActivityWindows.ARTICLES);
      ReadOnlyKeyValueStore<String, Long> hours = stores.open(ActivityWindows.HOURS);
      Open open = new Open(company, streamTime, articles, hours, limit, out);
      if ("1h".equals(size)) {
        open.hours();
      } else {
        open.days();
      }
    }
    ReadOnlyKeyValueStore<String, CompanyActivity> closed = stores.open(QueryableStores.ACTIVITY);
    try (KeyValueIterator<String, CompanyActivity> it = closed.reverseRange(
        ActivityStoreKeys.window(company, size, Long.MIN_VALUE), ActivityStoreKeys.window(company, size, Long.MAX_VALUE))) {
      while (it.hasNext() && out.size() < limit) {
        CompanyActivity w = it.next().value;
        // An earlier release kept the live values here too: those of windows still open are computed above.
        if (w != null && w.getClosed()) {
          out.add(w);
        }
      }
    }
    return out;
  }

  /** The open windows of one company at one stream time, newest first, into {@code out}. */
  private final class Open {
    private final String company;
    private final long streamTime;
    private final ReadOnlyKeyValueStore<String, WindowArticle> articles;
    private final ReadOnlyKeyValueStore<String, Long> hours;
    private final int limit;
    private final List<CompanyActivity> out;

    Open(String company, long streamTime, ReadOnlyKeyValueStore<String, WindowArticle> articles,
        ReadOnlyKeyValueStore<String, Long> hours, int limit, List<CompanyActivity> out) {
      this.company = company;
      this.streamTime = streamTime;
      this.articles = articles;
      this.hours = hours;
      this.limit = limit;
      this.out = out;
    }

    /** The 1 h windows not yet closed (end + grace after stream time) that a change reached. */
    void hours() {
      long from = streamTime - graceMs - ActivityWindows.HOUR + 1;
      List<Long> open = ActivityWindows.hoursBetween(hours, company, from, Long.MAX_VALUE);
      for (int i = open.size() - 1; i >= 0 && out.size() < limit; i--) {
        long h = open.get(i);
        add("1h", h, h + ActivityWindows.HOUR, List.of(h));
      }
    }

    /** The live day windows (ending by the end of the current hour, not closed) that hold an hour with a change. */
    void days() {
      long day = ActivityWindows.DAY;
      // The live days start in [firstStart, lastStart]: they end by the end of the current hour and have not closed.
      long lastStart = ActivityWindows.floorHour(streamTime) + ActivityWindows.HOUR - day;
      long firstStart = streamTime - graceMs - day + 1;
      List<Long> present = ActivityWindows.hoursBetween(hours, company, firstStart, lastStart + day);
      Map<List<Long>, ActivityWindows.Activity> computed = new HashMap<>();
      int last = present.size() - 1; // the newest hour a window starting at s may hold
      long s = lastStart;
      while (last >= 0 && out.size() < limit && s >= firstStart) {
        while (last >= 0 && present.get(last) >= s + day) {
          last--;
        }
        if (last < 0) {
          break;
        }
        if (present.get(last) < s) {
          s = present.get(last); // no hour in [s, s + 24 h): the next window to hold one starts at that hour
          continue;
        }
        int first = last;
        while (first > 0 && present.get(first - 1) >= s) {
          first--;
        }
        List<Long> held = present.subList(first, last + 1);
        ActivityWindows.Activity a = computed.computeIfAbsent(List.copyOf(held),
            hs -> ActivityWindows.activityOf(company, hs, this::articlesOf, hours));
        out.add(a.window(summarizer, company, "24h", s, s + day, false));
        s -= ActivityWindows.HOUR;
      }
    }

    private void add(String size, long start, long end, List<Long> held) {
      ActivityWindows.Activity a = ActivityWindows.activityOf(company, held, this::articlesOf, hours);
      if (a.exists) {
        out.add(a.window(summarizer, company, size, start, end, false));
      }
    }

    private Map<String, WindowArticle> articlesOf(String c, long hour) {
      return ArticlesByHour.read(articles, c, hour);
    }
  }
}
