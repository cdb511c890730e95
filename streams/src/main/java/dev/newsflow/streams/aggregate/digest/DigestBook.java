package dev.newsflow.streams.aggregate.digest;

import dev.newsflow.streams.event.ArticleFacts;
import dev.newsflow.streams.state.JsonSerde;
import dev.newsflow.streams.state.StateStores;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Each company's reports for its digest, kept so that the digest is exact under revisions and the same in any
 * arrival order, without reading every report for every article.
 *
 * <ul>
 *   <li>{@value #REPORTS}: one small {@link DigestReport} per company, story and article (key
 *       {@code company␟story␟article}), so one story's reports are a prefix scan. A revision arrives as
 *       (before, after) and replaces its report; a report is forgotten once older than the week of the
 *       company's last digest (event time).
 *   <li>{@value #MAIN}: per company, each period's main stories ({@link StoryWeight}, at most
 *       {@link DigestComposer#STORIES}) as of one hour. An article moves only its own story: its weight is
 *       computed again from the story's reports and the list is updated in place. The whole list is computed
 *       again from all the company's reports only when it cannot be updated in place: on entering a new hour,
 *       and when a listed story of a full list loses weight (a revision: the next story is unknown).
 * </ul>
 *
 * The listed stories are kept as the digest tells them, so a digest is composed without reading any report.
 *
 * <p>Cost per article: the reports of its own story (two stories when a revision moves it), plus one small
 * JSON value (at most ten listed stories); a company's other stories are not read. Once an hour per company
 * (its first digest of the hour) every report of its last week is read.
 */
public final class DigestBook {
  public static final String REPORTS = "company-digest-reports";
  public static final String MAIN = "company-digest-main";
  private static final char SEPARATOR = '\u001F';

  /** A main story of a period: its weight, and the story as the digest tells it. */
  public record Listed(StoryWeight weight, Digest.Story story) {}

  /** Each period's main stories as of {@code hour}, heaviest first, ready to be told. */
  public record MainStories(long hour, List<Listed> day, List<Listed> week) {
    List<Listed> of(DigestWindow w) {
      return w == DigestWindow.DAY ? day : week;
    }

    MainStories with(DigestWindow w, List<Listed> list) {
      return w == DigestWindow.DAY ? new MainStories(hour, list, week) : new MainStories(hour, day, list);
    }
  }

  private static final java.util.Comparator<Listed> HEAVIEST_FIRST =
      java.util.Comparator.comparing(Listed::weight, StoryWeight.HEAVIEST_FIRST);

  private static final JsonSerde<DigestReport> REPORT_SERDE = JsonSerde.of(DigestReport.class);
  private static final JsonSerde<MainStories> MAIN_SERDE = JsonSerde.of(MainStories.class);

  private KeyValueStore<String, DigestReport> reports;
  private KeyValueStore<String, MainStories> main;
  /**
   * The main stories last read or written, as stored: an article's change and the digest that follows it
   * read the same company's, so the second read is spared. Forgotten at {@link #init} (the store may have
   * been restored or rolled back since).
   */
  private Last last = Last.NONE;

  private record Last(String company, MainStories stories) {
    static final Last NONE = new Last(null, null);
  }

  public static List<StoreBuilder<?>> storeBuilders(StateStores stores) {
    return List.of(
        stores.keyValue(REPORTS, Serdes.String(), REPORT_SERDE),
        stores.keyValue(MAIN, Serdes.String(), MAIN_SERDE));
  }

  public static String[] storeNames() {
    return new String[] {REPORTS, MAIN};
  }

  public void init(ProcessorContext<?, ?> context) {
    this.reports = context.getStateStore(REPORTS);
    this.main = context.getStateStore(MAIN);
    this.last = Last.NONE;
  }

  /** Applies an article's change to the company's reports: {@code before} withdrawn, {@code after} kept. */
  public void apply(String company, ArticleFacts before, ArticleFacts after) {
    Set<String> stories = new LinkedHashSet<>();
    if (before != null) {
      DigestReport r = DigestReport.of(before);
      reports.delete(key(company, r.storyId(), r.articleId()));
      stories.add(r.storyId());
    }
    if (after != null) {
      DigestReport r = DigestReport.of(after);
      reports.put(key(company, r.storyId(), r.articleId()), r);
      stories.add(r.storyId());
    }
    MainStories m = mainOf(company);
    if (m == null) {
      return;
    }
    for (String story : stories) {
      m = moved(m, company, story);
      if (m == null) {
        store(company, null);
        return;
      }
    }
    store(company, m);
  }

  /**
   * The company's digest as of {@code currentHour}; {@code activity}: what each period counts of its articles,
   * whichever stories they tell.
   */
  public Digest digest(String company, String name, long currentHour, Map<DigestWindow, Digest.Activity> activity,
      Coverage coverage) {
    MainStories m = mainOf(company);
    if (m == null || m.hour() != currentHour) {
      m = rebuilt(company, currentHour);
      store(company, m);
    }
    Map<DigestWindow, List<Digest.Story>> stories = new EnumMap<>(DigestWindow.class);
    for (DigestWindow w : DigestWindow.values()) {
      stories.put(w, m.of(w).stream().map(Listed::story).toList());
    }
    return DigestComposer.compose(name, currentHour, stories, activity, coverage);
  }

  /**
   * Forgets each company's reports published before the week of its last digest: a digest's hour (the
   * company's newest news) never goes back, so no later digest reaches them. A company whose main stories
   * are being computed again keeps its reports until then.
   */
  public int forget() {
    Map<String, Long> from = new HashMap<>();
    List<String> old = new ArrayList<>();
    try (KeyValueIterator<String, DigestReport> it = reports.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        String company = kv.key.substring(0, kv.key.indexOf(SEPARATOR));
        long cutoff = from.computeIfAbsent(company, c -> {
          MainStories m = main.get(c);
          return m == null ? Long.MIN_VALUE : DigestWindow.WEEK.firstHour(m.hour());
        });
        if (kv.value.publishedAt() < cutoff) {
          old.add(kv.key);
        }
      }
    }
    old.forEach(reports::delete);
    return old.size();
  }

  /**
   * The main stories after {@code story} changed, updated in place; null when they must be computed again
   * from all the company's reports.
   */
  private MainStories moved(MainStories m, String company, String story) {
    List<DigestReport> all = story(company, story);
    for (DigestWindow w : DigestWindow.values()) {
      List<DigestReport> in = DigestComposer.inWindow(all, w, m.hour());
      StoryWeight now = StoryWeight.of(story, in);
      List<Listed> list = new ArrayList<>(m.of(w));
      // A list shorter than the limit holds every story of the period; a full one may have more below it.
      boolean complete = list.size() < DigestComposer.STORIES;
      Listed was = list.stream().filter(s -> s.weight().storyId().equals(story)).findFirst().orElse(null);
      if (was == null && (now == null || (!complete && !now.heavierThan(list.get(list.size() - 1).weight())))) {
        continue;
      }
      if (was != null) {
        boolean lighter = now == null || was.weight().heavierThan(now);
        if (lighter && !complete) {
          return null;
        }
        list.remove(was);
      }
      if (now != null) {
        // Told again even at the same weight: its tone or key sentence may have moved.
        list.add(new Listed(now, DigestComposer.story(story, in)));
      }
      list.sort(HEAVIEST_FIRST);
      if (list.size() > DigestComposer.STORIES) {
        list = list.subList(0, DigestComposer.STORIES);
      }
      m = m.with(w, List.copyOf(list));
    }
    return m;
  }

  /** The main stories as of {@code currentHour}, from every report of the company. */
  private MainStories rebuilt(String company, long currentHour) {
    Map<String, List<DigestReport>> byStory = new HashMap<>();
    try (KeyValueIterator<String, DigestReport> it = reports.prefixScan(company + SEPARATOR, new StringSerializer())) {
      while (it.hasNext()) {
        DigestReport r = it.next().value;
        if (DigestWindow.WEEK.contains(currentHour, r.publishedAt())) {
          byStory.computeIfAbsent(r.storyId(), k -> new ArrayList<>()).add(r);
        }
      }
    }
    MainStories m = new MainStories(currentHour, List.of(), List.of());
    for (DigestWindow w : DigestWindow.values()) {
      m = m.with(w, byStory.entrySet().stream()
          .map(e -> StoryWeight.of(e.getKey(), DigestComposer.inWindow(e.getValue(), w, currentHour)))
          .filter(Objects::nonNull)
          .sorted(StoryWeight.HEAVIEST_FIRST)
          .limit(DigestComposer.STORIES)
          .map(weight -> new Listed(weight, DigestComposer.story(weight.storyId(),
              DigestComposer.inWindow(byStory.get(weight.storyId()), w, currentHour))))
          .toList());
    }
    return m;
  }

  private MainStories mainOf(String company) {
    if (company.equals(last.company())) {
      return last.stories();
    }
    MainStories m = main.get(company);
    last = new Last(company, m);
    return m;
  }

  /** Stores the company's main stories; null deletes them. */
  private void store(String company, MainStories m) {
    last = Last.NONE;
    if (m == null) {
      main.delete(company);
    } else {
      main.put(company, m);
    }
    last = new Last(company, m);
  }

  private List<DigestReport> story(String company, String story) {
    List<DigestReport> out = new ArrayList<>();
    try (KeyValueIterator<String, DigestReport> it =
        reports.prefixScan(company + SEPARATOR + story + SEPARATOR, new StringSerializer())) {
      it.forEachRemaining(kv -> out.add(kv.value));
    }
    return out;
  }

  private static String key(String company, String story, String article) {
    return company + SEPARATOR + story + SEPARATOR + article;
  }
}
