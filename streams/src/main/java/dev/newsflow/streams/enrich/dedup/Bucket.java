package dev.newsflow.streams.enrich.dedup;

import java.util.ArrayList;
import java.util.List;

/**
 * The articles filed under one key (a URL, a content hash, a headline or an LSH band), earliest first
 * by ({@code publishedAt}, id). A probe is compared with them: the earliest earlier match is the probe's
 * original; a later member the probe matches gets a correction when the probe is earlier than the
 * original the bucket gave it so far.
 *
 * <p>The bucket keeps its {@code size} earliest members, not its latest arrivals: which members it
 * keeps then depends only on which articles exist, never on the order they came in, and every pair of
 * members has met (a member, once dropped, has {@code size} earlier ones and can never come back).
 * That bounds the work per probe, however common a key is, to {@code size} comparisons.
 */
public final class Bucket {
  /** The default of {@code dedup.bucket.size}. */
  public static final int DEFAULT_SIZE = 128;

  /** A member: its probe and the earliest original this bucket has given it (null: none). */
  public record Entry(Probe probe, String originalId, long originalOrder) {
    Entry withOriginal(Probe original) {
      return new Entry(probe, original.articleId(), original.order());
    }

    boolean hasOriginalBefore(Probe p) {
      return originalId != null && Probe.precedes(originalOrder, originalId, p.order(), p.articleId());
    }
  }

  private final List<Entry> entries;

  /** {@code entries}: earliest first. */
  public Bucket(List<Entry> entries) {
    this.entries = new ArrayList<>(entries);
  }

  public static Bucket empty() {
    return new Bucket(List.of());
  }

  /** The members, earliest first. */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * Answers the probe (first verdict), plus a correction for each later member it is now the original
   * of, files the probe among the {@code size} earliest members (or not at all when it is later than
   * all of them and the bucket is full). {@code comparisons} counts the pairs compared.
   */
  public List<Verdict> probe(Probe p, int size, Comparisons comparisons) {
    return probe(p, size, comparisons, DuplicateRules::match);
  }

  /** How two members of a bucket are compared: dedup's rules, or a story bucket's ({@link StoryMarks#match}). */
  public interface Rule {
    DuplicateRules.Match match(Probe a, Probe b);
  }

  /** As {@link #probe(Probe, int, Comparisons)}, comparing by {@code rule}. */
  public List<Verdict> probe(Probe p, int size, Comparisons comparisons, Rule rule) {
    entries.removeIf(e -> e.probe().articleId().equals(p.articleId())); // a revision replaces its earlier version
    return meet(p, size, comparisons, rule, true);
  }

  /**
   * Takes the article's member out ({@link ProbeBatch#withdraw}); true when it was one. A member whose original
   * it was remembers, from then on, the earliest earlier member it matches by {@code rule} (or none): the bucket is
   * then what filing its remaining members would have made of it, in any order. No answer is sent: an answer,
   * once given, is not taken back.
   */
  public boolean remove(String articleId, Rule rule) {
    if (!entries.removeIf(e -> e.probe().articleId().equals(articleId))) {
      return false;
    }
    for (int i = 0; i < entries.size(); i++) {
      Entry member = entries.get(i);
      if (articleId.equals(member.originalId())) {
        Entry now = new Entry(member.probe(), null, 0);
        for (int j = 0; j < i; j++) {
          if (rule.match(member.probe(), entries.get(j).probe()) != null) {
            now = now.withOriginal(entries.get(j).probe());
            break;
          }
        }
        entries.set(i, now);
      }
    }
    return true;
  }

  /**
   * The same verdicts as {@link #probe(Probe, int, Comparisons, Rule)}, for a bucket the article reads but is
   * not filed in (a neighbouring slot's story key, {@link StoryMarks#lookups}): the bucket is left as it was.
   * An earlier version of the article there is not compared with it.
   */
  public List<Verdict> compare(Probe p, Comparisons comparisons, Rule rule) {
    return meet(p, 0, comparisons, rule, false);
  }

  private List<Verdict> meet(Probe p, int size, Comparisons comparisons, Rule rule, boolean file) {
    int at = 0;
    while (at < entries.size() && entries.get(at).probe().precedes(p)) {
      at++;
    }
    Verdict answer = Verdict.none(p);
    Probe original = null;
    // Members are earliest first, so the first match is the earliest original this bucket can give.
    for (int i = 0; i < at && original == null; i++) {
      Probe e = entries.get(i).probe();
      if (e.articleId().equals(p.articleId())) {
        continue; // only where the bucket is not filed: the article's earlier version, still a member
      }
      comparisons.count();
      DuplicateRules.Match m = rule.match(p, e);
      if (m != null) {
        original = e;
        answer = new Verdict(p.articleId(), p.version(), false, e.articleId(), e.order(), m.rule(), m.similarity());
      }
    }
    List<Verdict> out = new ArrayList<>(2);
    out.add(answer);
    for (int i = at; i < entries.size(); i++) {
      Entry later = entries.get(i);
      if (later.hasOriginalBefore(p) || later.probe().articleId().equals(p.articleId())) {
        continue; // it already has an earlier original from this bucket: the probe changes nothing for it
      }
      comparisons.count();
      DuplicateRules.Match m = rule.match(p, later.probe());
      if (m != null) {
        Probe e = later.probe();
        out.add(new Verdict(e.articleId(), e.version(), true, p.articleId(), p.order(), m.rule(), m.similarity()));
        if (file) {
          entries.set(i, later.withOriginal(p));
        }
      }
    }
    if (file && at < size) {
      entries.add(at, original == null ? new Entry(p, null, 0) : new Entry(p, null, 0).withOriginal(original));
      while (entries.size() > size) {
        entries.remove(entries.size() - 1);
      }
    }
    return out;
  }

  /** Counts pair comparisons (a metric and a test's measure of the work per probe). */
  public interface Comparisons {
    Comparisons NONE = () -> {};

    void count();
  }
}
