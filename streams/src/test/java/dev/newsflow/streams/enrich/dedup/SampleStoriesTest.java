package dev.newsflow.streams.enrich.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.enrich.Enricher;
import dev.newsflow.streams.enrich.Ndjson;
import dev.newsflow.streams.enrich.OfflineEnrichment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Stories measured on the bundled sample against data/sample/gold-stories.ndjson: pairs of articles put in
 * one story, precision and recall, and recall over the pairs of an English and a Chinese report (issue 12's
 * goals: F1 at least 0.9, English–Chinese recall at least 0.8). The sample's stories of several reports are
 * both launches, which release stories reach; the pairs the gold keeps apart (a demo and a listing, market
 * overviews, a model and an agent two weeks apart) must stay apart under the story rule of shared companies
 * and tokens ({@link StoryMarks}), whose recall on other events would need gold this sample does not have.
 */
class SampleStoriesTest {
  static final double F1_GOAL = 0.9;
  static final double CROSS_LANGUAGE_RECALL_GOAL = 0.8;

  /** Two articles of one story, in id order. */
  record Pair(String a, String b) {
    static Pair of(String x, String y) {
      return x.compareTo(y) < 0 ? new Pair(x, y) : new Pair(y, x);
    }
  }

  @Test
  void storiesOfTheSampleScoredByPairs() {
    List<Company> companies = Ndjson.records(sample("companies.ndjson"), Company.class);
    List<Article> articles = Ndjson.records(sample("articles.ndjson"), Article.class);
    assertEquals(54, articles.size(), "the sample this measurement was written for");
    Map<String, String> language = new HashMap<>();
    Map<String, List<String>> byStory = new HashMap<>();
    for (EnrichedArticle a : OfflineEnrichment.run(companies, articles, Enricher.standard())) {
      language.put(a.getId(), a.getLanguage());
      byStory.computeIfAbsent(a.getStoryId(), s -> new ArrayList<>()).add(a.getId());
    }
    Set<Pair> found = pairs(byStory.values());

    List<List<String>> goldStories = new ArrayList<>();
    for (Ndjson.Line line : Ndjson.lines(sample("gold-stories.ndjson"))) {
      List<String> ids = new ArrayList<>();
      line.tree().path("articles").forEach((JsonNode id) -> ids.add(id.asText()));
      goldStories.add(ids);
    }
    Set<Pair> gold = pairs(goldStories);

    Set<Pair> right = new TreeSet<>(java.util.Comparator.comparing(Pair::toString));
    right.addAll(found);
    right.retainAll(gold);
    Set<Pair> wrong = new TreeSet<>(java.util.Comparator.comparing(Pair::toString));
    wrong.addAll(found);
    wrong.removeAll(gold);
    List<Pair> cross = gold.stream().filter(p -> !language.get(p.a()).equals(language.get(p.b()))).toList();
    long crossRight = cross.stream().filter(right::contains).count();
    double precision = found.isEmpty() ? 1 : (double) right.size() / found.size();
    double recall = (double) right.size() / gold.size();
    double crossRecall = (double) crossRight / cross.size();
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    System.out.printf("stories on data/sample: pair precision %.3f (%d of %d), recall %.3f (%d of %d), F1 %.3f;"
        + " English-Chinese recall %.3f (%d of %d)%n  wrong: %s%n", precision, right.size(), found.size(), recall,
        right.size(), gold.size(), f1, crossRecall, crossRight, cross.size(), wrong);

    assertTrue(gold.size() == 29 && cross.size() == 16, "the gold this test was written for: " + gold.size() + " pairs, "
        + cross.size() + " across languages");
    assertTrue(f1 >= F1_GOAL, "pair F1 " + f1 + " (precision " + precision + ", recall " + recall + "), wrong: " + wrong);
    assertTrue(crossRecall >= CROSS_LANGUAGE_RECALL_GOAL, "English-Chinese recall " + crossRecall);
  }

  private static Set<Pair> pairs(Iterable<List<String>> stories) {
    Set<Pair> out = new TreeSet<>(java.util.Comparator.comparing(Pair::toString));
    for (List<String> ids : stories) {
      for (int i = 0; i < ids.size(); i++) {
        for (int j = i + 1; j < ids.size(); j++) {
          out.add(Pair.of(ids.get(i), ids.get(j)));
        }
      }
    }
    return out;
  }

  private static Path sample(String file) {
    return Path.of("..", "data", "sample", file);
  }
}
