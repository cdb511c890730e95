package dev.newsflow.streams.enrich.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.streams.enrich.Ndjson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stories scored by pairs against a gold file ({@code {"story": ..., "articles": [...]}} per line, the stories
 * of more than one article): a pair is two articles in one story; precision and recall over the pairs the
 * pipeline put together, and recall over the gold pairs of two languages (issue 12: F1 at least 0.9,
 * English–Chinese recall at least 0.8). Shared by the tests that measure stories on a data set.
 */
public record StoryPairScore(Set<Pair> found, Set<Pair> gold, Set<Pair> right, Set<Pair> wrong, Set<Pair> missed,
    int crossGold, int crossRight) {
  public static final double F1_GOAL = 0.9;
  public static final double CROSS_LANGUAGE_RECALL_GOAL = 0.8;

  /** Two articles of one story, in id order. */
  public record Pair(String a, String b) {
    static Pair of(String x, String y) {
      return x.compareTo(y) < 0 ? new Pair(x, y) : new Pair(y, x);
    }

    @Override
    public String toString() {
      return a + "~" + b;
    }
  }

  /** The gold stories of a gold file, each its article ids. */
  public static List<List<String>> goldStories(Path file) {
    List<List<String>> out = new ArrayList<>();
    for (Ndjson.Line line : Ndjson.lines(file)) {
      List<String> ids = new ArrayList<>();
      line.tree().path("articles").forEach((JsonNode id) -> ids.add(id.asText()));
      out.add(ids);
    }
    return out;
  }

  /** The score of {@code storyOf} (article id → story id) against {@code goldStories}; {@code languageOf} by id. */
  public static StoryPairScore of(Map<String, String> storyOf, Map<String, String> languageOf,
      List<List<String>> goldStories) {
    Map<String, List<String>> byStory = new HashMap<>();
    storyOf.forEach((id, story) -> byStory.computeIfAbsent(story, s -> new ArrayList<>()).add(id));
    Set<Pair> found = pairs(byStory.values());
    Set<Pair> gold = pairs(goldStories);
    Set<Pair> right = sorted(found);
    right.retainAll(gold);
    Set<Pair> wrong = sorted(found);
    wrong.removeAll(gold);
    Set<Pair> missed = sorted(gold);
    missed.removeAll(found);
    List<Pair> cross = gold.stream().filter(p -> !languageOf.get(p.a()).equals(languageOf.get(p.b()))).toList();
    int crossRight = (int) cross.stream().filter(right::contains).count();
    return new StoryPairScore(found, gold, right, wrong, missed, cross.size(), crossRight);
  }

  public double precision() {
    return found.isEmpty() ? 1 : (double) right.size() / found.size();
  }

  public double recall() {
    return gold.isEmpty() ? 1 : (double) right.size() / gold.size();
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  public double crossRecall() {
    return crossGold == 0 ? 1 : (double) crossRight / crossGold;
  }

  /** One line of figures, then the pairs put together wrongly and the gold pairs missed. */
  public String describe(String set) {
    return String.format(java.util.Locale.ROOT, "stories on %s: pair precision %.3f (%d of %d), recall %.3f (%d of %d),"
        + " F1 %.3f; English-Chinese recall %.3f (%d of %d)%n  wrong: %s%n  missed: %s", set, precision(), right.size(),
        found.size(), recall(), right.size(), gold.size(), f1(), crossRecall(), crossRight, crossGold, wrong, missed);
  }

  private static Set<Pair> pairs(Collection<List<String>> stories) {
    Set<Pair> out = sorted(List.of());
    for (List<String> ids : stories) {
      for (int i = 0; i < ids.size(); i++) {
        for (int j = i + 1; j < ids.size(); j++) {
          out.add(Pair.of(ids.get(i), ids.get(j)));
        }
      }
    }
    return out;
  }

  private static Set<Pair> sorted(Collection<Pair> pairs) {
    Set<Pair> out = new TreeSet<>(Comparator.comparing(Pair::a).thenComparing(Pair::b));
    out.addAll(pairs);
    return out;
  }
}
