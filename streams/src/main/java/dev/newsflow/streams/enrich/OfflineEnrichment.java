package dev.newsflow.streams.enrich;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.enrich.dedup.StoryIndex;
import dev.newsflow.streams.enrich.dedup.Verdict;
import dev.newsflow.streams.enrich.link.CompanyLinker;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline's enrichment without a broker: the same {@link Enricher} and dedup rules, over a list
 * of articles in order. Dedup corrections are applied before the results are returned.
 */
public final class OfflineEnrichment {
  private OfflineEnrichment() {}

  public static List<EnrichedArticle> run(List<Company> companies, List<Article> articles, Enricher enricher) {
    CompanyLinker linker = CompanyLinker.of(companies);
    StoryIndex stories = new StoryIndex();
    List<EnrichedArticle> enriched = new ArrayList<>(articles.size());
    for (Article a : articles) {
      Enricher.Enrichment e = enricher.enrich(a, linker);
      stories.add(e.probe(Integer.toString(enriched.size())), e.bucketKeys(), e.lookupKeys());
      enriched.add(e.article());
    }
    List<EnrichedArticle> out = new ArrayList<>(enriched.size());
    for (EnrichedArticle a : enriched) {
      out.add(Verdict.mark(a, stories.decision(a.getId()), stories.story(a.getId())));
    }
    return out;
  }
}
