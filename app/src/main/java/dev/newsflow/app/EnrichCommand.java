package dev.newsflow.app;

import dev.newsflow.contract.PublishedAtRule;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.json.NdjsonLines;
import dev.newsflow.producer.NdjsonReader;
import dev.newsflow.schema.Article;
import dev.newsflow.producer.companies.CompaniesLoader;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.enrich.Enricher;
import dev.newsflow.streams.enrich.OfflineEnrichment;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Enrichment without a broker: the streams application's code over NDJSON files. */
@Command(name = "enrich", mixinStandardHelpOptions = true,
    description = {"Enrich articles offline (no broker): writes one EnrichedArticle per line (canonical JSON) to stdout.",
        "Uses the same linker, topics, sentiment and dedup as the streams application; refused articles are",
        "reported on stderr with their line and reason, as `import` reports them."})
final class EnrichCommand implements Callable<Integer> {
  @Option(names = "--companies", required = true, paramLabel = "FILE", description = "Companies, as `companies load` reads them: one canonical JSON per line, or a deletion.")
  Path companies;

  @Option(names = "--input", required = true, paramLabel = "FILE.ndjson", description = "Articles, one canonical JSON per line.")
  Path input;

  @Mixin ConfigOptions options;

  @Override
  public Integer call() throws IOException {
    // The companies are read and checked as `companies load` reads them: ids as the contract has them, deletions,
    // a later line replacing an earlier one; a refused line is reported and left out.
    CompaniesLoader.Gazetteer read = CompaniesLoader.read(companies);
    read.report().warnings().forEach(w -> System.err.println("newsflow: warning: " + w));
    read.report().rejections().forEach(r -> System.err.println("newsflow: refused " + r));
    List<Company> gazetteer = read.companies();
    // Read and checked as `import` reads and checks them (the article contract, text in its normal form),
    // so an article enriched here is one the pipeline enriches, and one refused here the pipeline refuses.
    List<Article> articles = new ArrayList<>();
    List<NdjsonLines.Rejection> rejections = new ArrayList<>();
    NdjsonReader.read(input, Article.class, PublishedAtRule.from(options.load()), articles::add, rejections::add);
    rejections.forEach(r -> System.err.println("newsflow: refused " + r));
    int refused = rejections.size() + read.report().rejections().size();
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
