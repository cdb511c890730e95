package dev.newsflow.bench;

import dev.newsflow.schema.Company;
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

/** Building the linker's gazetteer from 100,000 companies (names, aliases, products, derived variants). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class GazetteerBuildBenchmark {
  private List<Company> companies;

  @Setup
  public void setUp() {
    companies = SyntheticNews.companies(100_000, 42);
  }

  @Benchmark
  public CompanyLinker build100kCompanies() {
    return CompanyLinker.of(companies);
  }
}
