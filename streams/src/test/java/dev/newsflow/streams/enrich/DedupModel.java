package dev.newsflow.streams.enrich;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.enrich.dedup.DuplicateRules;
import dev.newsflow.streams.enrich.dedup.Probe;
import dev.newsflow.streams.enrich.link.CompanyLinker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What dedup should decide, computed the slow, obvious way: every pair of articles that share a bucket
 * key is compared, and an article's original is the earliest (publishedAt, then id) earlier article it
 * matches. Holds when no bucket has more members than {@code dedup.bucket.size}.
 */
final class DedupModel {
  private DedupModel() {}

  /** A set of articles and the model's answer for it ({@link #expected}). */
  record Answered(List<Article> articles, Map<String, String> expected) {}

  /**
   * The bundled sample and {@code count} retold stories of {@code seed} (testkit {@code RetoldNews}), with
   * the model's answer, which holds at least {@code minRepeats} repeats ({@link #expected(List, long)}).
   */
  static Answered sampleAndRetold(long seed, int count, long minRepeats) {
    List<Article> articles = new ArrayList<>(Ndjson.articles(SampleGoldTest.sample("articles.ndjson")));
    articles.addAll(dev.newsflow.testkit.RetoldNews.generate(seed, count));
    return new Answered(articles, expected(articles, minRepeats));
  }

  /**
   * The model's answer for {@code articles}, checked to hold at least {@code minRepeats} articles that repeat
   * an earlier one: on a set with few, a dedup that never finds a duplicate would pass.
   */
  static Map<String, String> expected(List<Article> articles, long minRepeats) {
    Map<String, String> expected = expected(articles);
    long repeats = expected.values().stream().filter(v -> !v.startsWith("null|")).count();
    assertTrue(repeats >= minRepeats, "the set holds " + repeats + " repeats, fewer than " + minRepeats);
    return expected;
  }

  /** id → "duplicateOf|storyId|duplicateRule" (duplicateOf and rule "null" for an original). */
  private static Map<String, String> expected(List<Article> articles) {
    Enricher enricher = Enricher.standard();
    CompanyLinker linker = CompanyLinker.of(List.of());
    Map<String, Probe> probes = new HashMap<>();
    Map<String, List<String>> byKey = new HashMap<>();
    for (Article a : articles) {
      Enricher.Enrichment e = enricher.enrich(a, linker);
      probes.put(a.getId(), e.probe("v"));
      for (String key : e.fingerprint().bucketKeys()) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(a.getId());
      }
    }
    Map<String, Set<String>> neighbours = new HashMap<>();
    for (List<String> ids : byKey.values()) {
      for (String id : ids) {
        neighbours.computeIfAbsent(id, k -> new HashSet<>()).addAll(ids);
      }
    }
    Map<String, String> out = new TreeMap<>();
    for (Probe x : probes.values()) {
      Probe original = null;
      DuplicateRules.Match how = null;
      for (String other : neighbours.get(x.articleId())) {
        Probe y = probes.get(other);
        if (y == x || !y.precedes(x) || (original != null && original.precedes(y))) {
          continue;
        }
        DuplicateRules.Match m = DuplicateRules.match(x, y);
        if (m != null) {
          original = y;
          how = m;
        }
      }
      out.put(x.articleId(), original == null ? "null|" + x.articleId() + "|null"
          : original.articleId() + "|" + original.articleId() + "|" + how.rule() + ":" + how.similarity());
    }
    return out;
  }

  /** The same view of published articles, latest value per id. */
  static Map<String, String> of(Iterable<EnrichedArticle> published) {
    Map<String, String> out = new TreeMap<>();
    for (EnrichedArticle a : published) {
      out.put(a.getId(), a.getDuplicateOf() + "|" + a.getStoryId() + "|" + a.getDuplicateRule());
    }
    return out;
  }
}
