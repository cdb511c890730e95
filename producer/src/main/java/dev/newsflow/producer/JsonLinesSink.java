package dev.newsflow.producer;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.Release;
import java.io.PrintStream;

/**
 * {@code --dry-run}: each record is printed as one line of canonical JSON instead of being published.
 * A company deletion prints as {@code {"id":"...","deleted":true}}, the form {@code companies load}
 * reads.
 */
public final class JsonLinesSink implements RecordSink {
  private final PrintStream out;

  public JsonLinesSink(PrintStream out) {
    this.out = out;
  }

  @Override
  public void article(Article article) {
    out.println(CanonicalJson.write(article));
  }

  @Override
  public void release(Release release) {
    out.println(CanonicalJson.write(release));
  }

  @Override
  public void company(Company company) {
    out.println(CanonicalJson.write(company));
  }

  @Override
  public void companyDeleted(String companyId) {
    out.println(CanonicalJson.mapper().createObjectNode().put("id", companyId).put("deleted", true));
  }

  @Override
  public void flush() {
    out.flush();
    if (out.checkError()) {
      throw new IllegalStateException("cannot write to standard output");
    }
  }
}
