package dev.newsflow.streams.aggregate.digest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Composes a company's {@link Digest} from its reports: per period, the heaviest stories
 * ({@link StoryWeight}), each told by one key sentence of its most central report.
 *
 * <p>The most central report of a story is the one whose key sentence speaks best of the company: an original
 * (not a near-identical repeat) before a repeat, then the key sentence naming the most of the company's names
 * and products, then the report naming the company most often, then the earliest, then the smallest article
 * id. Only reports with a key sentence are candidates.
 */
public final class DigestComposer {
  /** Main stories per period. */
  public static final int STORIES = 5;

  static final Comparator<DigestReport> MOST_CENTRAL = Comparator
      .comparingInt((DigestReport r) -> r.repeat() ? 1 : 0)
      .thenComparing(Comparator.comparingInt(DigestReport::keySentenceNames).reversed())
      .thenComparing(Comparator.comparingInt(DigestReport::mentions).reversed())
      .thenComparingLong(DigestReport::publishedAt)
      .thenComparing(DigestReport::articleId);

  private DigestComposer() {}

  /**
   * The digest from all of a company's reports: the plain model. The aggregation reaches the same digest
   * without reading every report ({@link DigestBook}); each period's activity is counted here from the reports.
   */
  public static Digest compose(String name, Collection<DigestReport> reports, long currentHour, Coverage coverage) {
    Map<DigestWindow, List<StoryWeight>> main = new EnumMap<>(DigestWindow.class);
    Map<DigestWindow, Digest.Activity> activity = new EnumMap<>(DigestWindow.class);
    Map<String, List<DigestReport>> byStory = new TreeMap<>();
    for (DigestReport r : reports) {
      byStory.computeIfAbsent(r.storyId(), k -> new ArrayList<>()).add(r);
    }
    for (DigestWindow w : DigestWindow.values()) {
      List<DigestReport> in = reports.stream().filter(r -> w.contains(currentHour, r.publishedAt())).toList();
      activity.put(w, activity(in));
      main.put(w, byStory.entrySet().stream()
          .map(e -> StoryWeight.of(e.getKey(), inWindow(e.getValue(), w, currentHour)))
          .filter(Objects::nonNull)
          .sorted(StoryWeight.HEAVIEST_FIRST)
          .limit(STORIES)
          .toList());
    }
    Map<DigestWindow, List<Digest.Story>> stories = new EnumMap<>(DigestWindow.class);
    main.forEach((w, weights) -> stories.put(w, weights.stream()
        .map(weight -> story(weight.storyId(), inWindow(byStory.get(weight.storyId()), w, currentHour))).toList()));
    return compose(name, currentHour, stories, activity, coverage);
  }

  /**
   * The digest from each period's main stories (heaviest first), each period's activity and the coverage
   * comparison.
   */
  public static Digest compose(String name, long currentHour, Map<DigestWindow, List<Digest.Story>> main,
      Map<DigestWindow, Digest.Activity> activity, Coverage coverage) {
    Map<DigestWindow, Digest.Period> periods = new EnumMap<>(DigestWindow.class);
    for (DigestWindow w : DigestWindow.values()) {
      List<Digest.Story> stories = main.getOrDefault(w, List.of());
      Digest.Activity a = activity.getOrDefault(w, Digest.Activity.NONE);
      periods.put(w, new Digest.Period(a.articles(), a.outlets(), Tone.of(a.sentiment()), stories));
    }
    Digest.Period day = periods.get(DigestWindow.DAY);
    Digest.Period week = periods.get(DigestWindow.WEEK);
    return new Digest(currentHour, day, week, coverage, DigestText.render(name, currentHour, day, week, coverage));
  }

  /** One story of a period from its reports in the period. */
  static Digest.Story story(String storyId, List<DigestReport> reports) {
    Set<String> outlets = new HashSet<>();
    TreeSet<String> languages = new TreeSet<>();
    long sum = 0;
    long count = 0;
    for (DigestReport r : reports) {
      if (r.outlet() != null) {
        outlets.add(r.outlet());
      }
      if (r.language() != null && !r.language().isBlank()) {
        languages.add(r.language());
      }
      if (r.sentimentMicros() != null) {
        sum += r.sentimentMicros();
        count++;
      }
    }
    DigestReport central = reports.stream().filter(r -> r.keySentence() != null).min(MOST_CENTRAL).orElse(null);
    return new Digest.Story(storyId, central == null ? null : central.keySentence(),
        central == null ? null : central.articleId(), central == null ? null : central.language(), outlets.size(),
        List.copyOf(languages), reports.size(), Tone.of(Tone.mean(sum, count)));
  }

  static Digest.Activity activity(Collection<DigestReport> reports) {
    Set<String> outlets = new HashSet<>();
    long sum = 0;
    long count = 0;
    for (DigestReport r : reports) {
      if (r.outlet() != null) {
        outlets.add(r.outlet());
      }
      if (r.sentimentMicros() != null) {
        sum += r.sentimentMicros();
        count++;
      }
    }
    return new Digest.Activity(reports.size(), outlets.size(), Tone.mean(sum, count));
  }

  static List<DigestReport> inWindow(List<DigestReport> reports, DigestWindow w, long currentHour) {
    return reports == null ? List.of() : reports.stream().filter(r -> w.contains(currentHour, r.publishedAt())).toList();
  }
}
