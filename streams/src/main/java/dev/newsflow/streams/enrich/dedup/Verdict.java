package dev.newsflow.streams.enrich.dedup;

/**
 * A bucket's answer about one article ({@code articleId}, at {@code version}): the earlier article it
 * repeats ({@code originalId}, null when the bucket holds none), by which rule and how similar. A
 * {@code correction} tells an article already answered that an earlier original turned up later.
 */
public record Verdict(String articleId, String version, boolean correction, String originalId, long originalOrder,
    String rule, double similarity) {

  static Verdict none(Probe p) {
    return new Verdict(p.articleId(), p.version(), false, null, 0, null, 0);
  }

  public boolean matched() {
    return originalId != null;
  }
}
