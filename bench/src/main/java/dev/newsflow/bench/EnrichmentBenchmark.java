package dev.newsflow.bench;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.streams.enrich.Enricher;
import dev.newsflow.streams.enrich.link.CompanyLinker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full enrichment of one 3 KB article with a 10,000-company gazetteer: folding, linking, topics,
 * section, article and per-company sentiment, and the dedup fingerprint. Sampled, so JMH reports the
 * median (p0.50) and tail of single calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnrichmentBenchmark {
  private CompanyLinker linker;
  private Enricher enricher;
  private List<Article> articles;
  private int next;

  @Setup
  public void setUp() {
    List<Company> gazetteer = SyntheticNews.companies(10_000, 42);
    linker = CompanyLinker.of(gazetteer);
    enricher = Enricher.standard();
    articles = SyntheticNews.articles(gazetteer, 32, 3000, 7);
  }

  @Benchmark
  public Enricher.Enrichment enrich3kbArticle() {
    Article a = articles.get(next++ & 31);
    return enricher.enrich(a, linker);
  }
}
