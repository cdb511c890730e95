package dev.newsflow.app;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.enrich.ArticleValidator;
import dev.newsflow.streams.enrich.Enricher;
import dev.newsflow.streams.enrich.Ndjson;
import dev.newsflow.streams.enrich.OfflineEnrichment;
import dev.newsflow.streams.enrich.Rejection;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Enrichment without a broker: the streams application's code over NDJSON files. */
@Command(name = "enrich", mixinStandardHelpOptions = true,
    description = {"Enrich articles offline (no broker): writes one EnrichedArticle per line (canonical JSON) to stdout.",
        "Uses the same linker, topics, sentiment and dedup as the streams application; refused articles are",
        "reported on stderr with their line and reason."})
final class EnrichCommand implements Callable<Integer> {
  @Option(names = "--companies", required = true, paramLabel = "FILE", description = "Companies, one canonical JSON per line.")
  Path companies;

  @Option(names = "--input", required = true, paramLabel = "FILE.ndjson", description = "Articles, one canonical JSON per line.")
  Path input;

  @Override
  public Integer call() {
    List<Company> gazetteer = Ndjson.records(companies, Company.class);
    List<Article> articles = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    List<Article> read = Ndjson.articles(input, unreadable);
    unreadable.forEach(reason -> System.err.println("newsflow: refused " + reason));
    int refused = unreadable.size();
    for (Article a : read) {
      Optional<Rejection> rejection = ArticleValidator.check(a.getId(), a);
      if (rejection.isPresent()) {
        refused++;
        System.err.println("newsflow: " + input + ": article " + a.getId() + " refused: " + rejection.get().reason());
      } else {
        articles.add(a);
      }
    }
    List<EnrichedArticle> enriched = OfflineEnrichment.run(gazetteer, articles, Enricher.standard());
    PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
    for (EnrichedArticle e : enriched) {
      out.println(CanonicalJson.write(e));
    }
    out.flush();
    System.err.printf("newsflow: enriched %d articles with %d companies%s%n", enriched.size(), gazetteer.size(),
        refused == 0 ? "" : ", refused " + refused);
    return refused == 0 ? 0 : 2;
  }
}
