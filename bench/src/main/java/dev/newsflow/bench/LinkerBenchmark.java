package dev.newsflow.bench;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.streams.enrich.link.CompanyLinker;
import dev.newsflow.streams.enrich.text.ArticleText;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The company linker against org.ahocorasick (case-insensitive, whole words) over the same gazetteer
 * surface forms and the same 3 KB articles. One operation reads all {@value #ARTICLES} articles; the
 * setup prints their total length, so chars/s = ops/s × that length. The linker's operation is the
 * whole linking (folding, matching, rules, mentions); the baseline's only finds the emits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LinkerBenchmark {
  static final int ARTICLES = 32;

  @Param("10000")
  int companies;

  private CompanyLinker linker;
  private Trie baseline;
  private List<Article> articles;
  private String[] texts;

  @Setup
  public void setUp() {
    List<Company> gazetteer = SyntheticNews.companies(companies, 42);
    linker = CompanyLinker.of(gazetteer);
    baseline = Trie.builder().ignoreCase().onlyWholeWords().addKeywords(SyntheticNews.surfaceForms(gazetteer)).build();
    articles = SyntheticNews.articles(gazetteer, ARTICLES, 3000, 7);
    texts = articles.stream().map(a -> a.getTitle() + "\n" + a.getBody()).toArray(String[]::new);
    long chars = 0;
    for (String t : texts) {
      chars += t.length();
    }
    System.out.printf("%n[LinkerBenchmark] %d companies, %d phrases; one op = %d articles, %d chars%n", companies,
        linker.size(), ARTICLES, chars);
  }

  @Benchmark
  public void newsflowLinker(Blackhole bh) {
    for (Article a : articles) {
      bh.consume(linker.find(ArticleText.of(a.getTitle(), a.getBody()), a.getSource()));
    }
  }

  @Benchmark
  public void ahoCorasick(Blackhole bh) {
    for (String t : texts) {
      Collection<Emit> emits = baseline.parseText(t);
      bh.consume(emits);
    }
  }
}
