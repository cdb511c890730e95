package dev.newsflow.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.streams.enrich.Ndjson;
import dev.newsflow.streams.enrich.link.CompanyLinker;
import dev.newsflow.streams.enrich.text.ArticleText;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Company-linking quality against gold files: recall and predictions beyond gold, or precision/recall/F1. */
public final class LinkingEval {
  private LinkingEval() {}

  /** Figures of one run. */
  public record Figures(int articles, int gold, int found, int predicted, int beyondGold) {
    public double recall() {
      return gold == 0 ? 1.0 : (double) found / gold;
    }

    public double precision() {
      return predicted == 0 ? 1.0 : (double) found / predicted;
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double beyondGoldPerArticle() {
      return articles == 0 ? 0 : (double) beyondGold / articles;
    }
  }

  /** Runs the linker over {@code prefix.articles.ndjson} with {@code prefix.companies.ndjson}, scored on {@code prefix.gold.ndjson}. */
  public static Figures run(Path prefix, Map<String, Set<String>> mistakes) {
    List<Company> companies = Ndjson.records(sibling(prefix, ".companies.ndjson"), Company.class);
    List<Article> articles = Ndjson.articles(sibling(prefix, ".articles.ndjson"));
    Map<String, Set<String>> gold = gold(sibling(prefix, ".gold.ndjson"));
    CompanyLinker linker = CompanyLinker.of(companies);
    int goldCount = 0;
    int found = 0;
    int predicted = 0;
    int beyond = 0;
    for (Article a : articles) {
      Set<String> expected = gold.getOrDefault(a.getId(), Set.of());
      Set<String> got = new LinkedHashSet<>();
      for (CompanyLinker.Linked l : linker.find(ArticleText.of(a.getTitle(), a.getBody()), a.getSource())) {
        got.add(l.companyId());
      }
      goldCount += expected.size();
      predicted += got.size();
      for (String id : got) {
        if (expected.contains(id)) {
          found++;
        } else {
          beyond++;
          if (mistakes != null) {
            mistakes.computeIfAbsent("+" + id, k -> new LinkedHashSet<>()).add(a.getId());
          }
        }
      }
      if (mistakes != null) {
        for (String id : expected) {
          if (!got.contains(id)) {
            mistakes.computeIfAbsent("-" + id, k -> new LinkedHashSet<>()).add(a.getId());
          }
        }
      }
    }
    return new Figures(articles.size(), goldCount, found, predicted, beyond);
  }

  static Path sibling(Path prefix, String suffix) {
    return prefix.resolveSibling(prefix.getFileName() + suffix);
  }

  /** Gold company ids per article id: lines of {@code {"id": ..., "companies": [...]}}. */
  static Map<String, Set<String>> gold(Path file) {
    Map<String, Set<String>> out = new HashMap<>();
    for (Ndjson.Line line : Ndjson.lines(file)) {
      Set<String> ids = new LinkedHashSet<>();
      for (JsonNode id : line.tree().path("companies")) {
        ids.add(id.asText());
      }
      out.put(line.tree().path("id").asText(), ids);
    }
    return out;
  }
}
