package dev.newsflow.streams.enrich.dedup;

import dev.newsflow.schema.EnrichedArticle;

/**
 * What reaches an article's dedup decision, keyed by article id: the enriched article itself, held
 * until the buckets have answered ({@code probes} of them), or one bucket's verdict.
 */
public record DedupMessage(EnrichedArticle article, String version, int probes, Verdict verdict) {
  public static DedupMessage held(EnrichedArticle article, String version, int probes) {
    return new DedupMessage(article, version, probes, null);
  }

  public static DedupMessage of(Verdict verdict) {
    return new DedupMessage(null, verdict.version(), 0, verdict);
  }

  public boolean isArticle() {
    return article != null;
  }
}
