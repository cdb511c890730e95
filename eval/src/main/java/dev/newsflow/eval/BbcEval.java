package dev.newsflow.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.enrich.Enricher;
import dev.newsflow.streams.enrich.Ndjson;
import dev.newsflow.streams.enrich.dedup.StoryIndex;
import dev.newsflow.streams.enrich.dedup.Verdict;
import dev.newsflow.streams.enrich.link.CompanyLinker;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Section accuracy against the gold categories, duplicate pairs against the gold pairs, and the stories
 * (each article's {@code storyId}): every gold pair should land in one story, and a story of several
 * articles should not mix the gold sections (issue 12: stories must not swallow unrelated articles).
 */
public final class BbcEval {
  private BbcEval() {}

  /**
   * The figures: section accuracy; duplicate pairs found, missed and wrongly claimed; gold pairs in one
   * story; stories of more than one article, and those among them whose articles' gold sections differ.
   */
  public record Figures(int articles, int sectionsRight, int goldPairs, int pairsFound, int falsePairs,
      int goldPairsInOneStory, int sharedStories, int mixedStories) {
    public double storyRecall() {
      return goldPairs == 0 ? 1 : (double) goldPairsInOneStory / goldPairs;
    }

    /** Stories of several articles that mix gold sections, as a share of those stories. */
    public double mixedStoryShare() {
      return sharedStories == 0 ? 0 : (double) mixedStories / sharedStories;
    }

    public double sectionAccuracy() {
      return articles == 0 ? 0 : (double) sectionsRight / articles;
    }

    public double duplicateRecall() {
      return goldPairs == 0 ? 1 : (double) pairsFound / goldPairs;
    }

    public long allPairs() {
      return (long) articles * (articles - 1) / 2;
    }

    /** Wrong pairs as a share of all article pairs. */
    public double falsePairRate() {
      return allPairs() == 0 ? 0 : (double) falsePairs / allPairs();
    }
  }

  /** {@code prefix} names {@code prefix.articles.ndjson}, {@code .gold.ndjson} and {@code .duplicates.ndjson}. */
  public static Figures run(Path prefix, Enricher enricher) {
    List<Article> articles = Ndjson.articles(LinkingEval.sibling(prefix, ".articles.ndjson"));
    Map<String, String> gold = new HashMap<>();
    for (Ndjson.Line line : Ndjson.lines(LinkingEval.sibling(prefix, ".gold.ndjson"))) {
      String category = line.tree().path("category").asText().toLowerCase(Locale.ROOT);
      gold.put(line.tree().path("id").asText(), category.equals("tech") ? "technology" : category);
    }
    Set<Set<String>> goldPairs = new HashSet<>();
    for (Ndjson.Line line : Ndjson.lines(LinkingEval.sibling(prefix, ".duplicates.ndjson"))) {
      JsonNode t = line.tree();
      goldPairs.add(Set.of(t.path("a").asText(), t.path("b").asText()));
    }
    CompanyLinker noCompanies = CompanyLinker.of(List.of());
    StoryIndex stories = new StoryIndex();
    int right = 0;
    Map<String, EnrichedArticle> enrichedById = new HashMap<>();
    for (Article a : articles) {
      Enricher.Enrichment e = enricher.enrich(a, noCompanies);
      EnrichedArticle enriched = e.article();
      enrichedById.put(a.getId(), enriched);
      if (enriched.getSection() != null && enriched.getSection().equals(gold.get(a.getId()))) {
        right++;
      }
      stories.add(e.probe("1"), e.bucketKeys(), e.lookupKeys());
    }
    Map<String, String> storyOf = new HashMap<>();
    Map<String, Set<String>> sectionsOfStory = new HashMap<>();
    Map<String, Integer> sizeOfStory = new HashMap<>();
    for (Article a : articles) {
      String story = Verdict.mark(enrichedById.get(a.getId()), stories.decision(a.getId()),
          stories.story(a.getId())).getStoryId();
      storyOf.put(a.getId(), story);
      sectionsOfStory.computeIfAbsent(story, k -> new HashSet<>()).add(gold.getOrDefault(a.getId(), ""));
      sizeOfStory.merge(story, 1, Integer::sum);
    }
    int inOneStory = (int) goldPairs.stream().filter(pair -> pair.stream().map(storyOf::get).distinct().count() == 1
        && storyOf.containsKey(pair.iterator().next())).count();
    int shared = (int) sizeOfStory.values().stream().filter(n -> n > 1).count();
    int mixed = (int) sizeOfStory.entrySet().stream()
        .filter(e -> e.getValue() > 1 && sectionsOfStory.get(e.getKey()).size() > 1).count();
    // Every two articles in one duplicate cluster form a pair.
    Map<String, String> root = new HashMap<>();
    for (Article a : articles) {
      Verdict v = stories.decision(a.getId());
      if (v != null && v.matched()) {
        union(root, a.getId(), v.originalId());
      }
    }
    Map<String, List<String>> clusters = new HashMap<>();
    for (Article a : articles) {
      clusters.computeIfAbsent(find(root, a.getId()), k -> new java.util.ArrayList<>()).add(a.getId());
    }
    int found = 0;
    int wrong = 0;
    for (List<String> cluster : clusters.values()) {
      for (int i = 0; i < cluster.size(); i++) {
        for (int j = i + 1; j < cluster.size(); j++) {
          if (goldPairs.contains(Set.of(cluster.get(i), cluster.get(j)))) {
            found++;
          } else {
            wrong++;
          }
        }
      }
    }
    return new Figures(articles.size(), right, goldPairs.size(), found, wrong, inOneStory, shared, mixed);
  }

  private static String find(Map<String, String> root, String id) {
    String r = id;
    while (root.containsKey(r)) {
      r = root.get(r);
    }
    return r;
  }

  private static void union(Map<String, String> root, String a, String b) {
    String ra = find(root, a);
    String rb = find(root, b);
    if (!ra.equals(rb)) {
      root.put(ra, rb);
    }
  }
}
