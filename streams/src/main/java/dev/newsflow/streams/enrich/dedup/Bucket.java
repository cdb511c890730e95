package dev.newsflow.streams.enrich.dedup;

import java.util.ArrayList;
import java.util.List;

/**
 * The articles filed under one key (a URL, a content hash, a headline or an LSH band). A probe is
 * compared with each of them: an earlier match is the probe's original; a later one gets a
 * correction, since the probe turned out to be its original. Keeps the {@value #MAX_ENTRIES} most
 * recent articles, which bounds the work per probe however common a key is.
 */
public final class Bucket {
  static final int MAX_ENTRIES = 8;

  private final List<Probe> entries;

  public Bucket(List<Probe> entries) {
    this.entries = new ArrayList<>(entries);
  }

  public static Bucket empty() {
    return new Bucket(List.of());
  }

  public List<Probe> entries() {
    return entries;
  }

  /** Answers the probe (first verdict) plus any corrections, and files the probe here. */
  public List<Verdict> probe(Probe p) {
    Verdict answer = Verdict.none(p);
    List<Verdict> out = new ArrayList<>(2);
    out.add(null);
    for (Probe e : entries) {
      if (e.articleId().equals(p.articleId())) {
        continue;
      }
      DuplicateRules.Match m = DuplicateRules.match(p, e);
      if (m == null) {
        continue;
      }
      if (e.precedes(p)) {
        Verdict v = new Verdict(p.articleId(), p.version(), false, e.articleId(), e.order(), m.rule(), m.similarity());
        answer = Decision.better(answer, v);
      } else {
        out.add(new Verdict(e.articleId(), e.version(), true, p.articleId(), p.order(), m.rule(), m.similarity()));
      }
    }
    out.set(0, answer);
    entries.removeIf(e -> e.articleId().equals(p.articleId()));
    entries.add(p);
    if (entries.size() > MAX_ENTRIES) {
      entries.remove(0);
    }
    return out;
  }
}
