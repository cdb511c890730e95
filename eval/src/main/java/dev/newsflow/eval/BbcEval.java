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

/** Section accuracy against the gold categories, and duplicate pairs against the gold pairs. */
public final class BbcEval {
  private BbcEval() {}

  /** The figures: section accuracy; duplicate pairs found, missed and wrongly claimed. */
  public record Figures(int articles, int sectionsRight, int goldPairs, int pairsFound, int falsePairs) {
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
    for (Article a : articles) {
      Enricher.Enrichment e = enricher.enrich(a, noCompanies);
      EnrichedArticle enriched = e.article();
      if (enriched.getSection() != null && enriched.getSection().equals(gold.get(a.getId()))) {
        right++;
      }
      stories.add(e.probe("1"), e.fingerprint().bucketKeys());
    }
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
    return new Figures(articles.size(), right, goldPairs.size(), found, wrong);
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
