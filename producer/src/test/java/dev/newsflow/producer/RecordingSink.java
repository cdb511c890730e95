package dev.newsflow.producer;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.Release;
import java.util.ArrayList;
import java.util.List;

/** Keeps what it is given, for tests of the sources; can be told to fail on flush like an unreachable broker. */
public final class RecordingSink implements RecordSink {
  public final List<Object> records = new ArrayList<>();
  public final List<String> deletedCompanies = new ArrayList<>();
  public RuntimeException failFlushWith;

  public List<Article> articles() {
    return records.stream().filter(Article.class::isInstance).map(Article.class::cast).toList();
  }

  @Override
  public synchronized void article(Article article) {
    records.add(article);
  }

  @Override
  public synchronized void release(Release release) {
    records.add(release);
  }

  @Override
  public synchronized void company(Company company) {
    records.add(company);
  }

  @Override
  public synchronized void companyDeleted(String companyId) {
    deletedCompanies.add(companyId);
  }

  @Override
  public void flush() {
    if (failFlushWith != null) {
      throw failFlushWith;
    }
  }
}
