package dev.newsflow.streams.enrich.dedup;

import dev.newsflow.schema.EnrichedArticle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One article's dedup decision in progress, kept by article id: the held article, how many bucket
 * answers are still due, the best verdict and the earliest story match so far, and whether the article
 * has been published (a later
 * correction then publishes it again). Verdicts of another revision that arrive before their article
 * wait in {@code early}.
 */
public final class DedupState {
  static final int MAX_EARLY = 128;

  String version;
  /**
   * The held article of {@link #version}: not part of the stored state (its owner keeps it once, in a store of
   * its own, and sets it here after reading the state), but for states written before that layout.
   */
  EnrichedArticle article;
  /** The state was read in a layout that still held the article: its owner moves it to its own store. */
  boolean articleInState;
  int expected = -1;
  int received;
  Verdict best;
  /** The earliest story match so far ({@link StoryMarks}); not counted among the bucket answers. */
  Verdict story;
  boolean emitted;
  final List<Verdict> early = new ArrayList<>();

  /**
   * Where the held article is read from when the state needs it: most messages (a bucket's answer while
   * others are still due) decide nothing, and are spared reading the article.
   */
  private Supplier<EnrichedArticle> heldArticle;

  /** The held article, when the state does not know it yet (read back from the store without it). */
  public void holding(EnrichedArticle held) {
    holding(() -> held);
  }

  /** The held article, read from {@code held} only if a decision needs it. */
  public void holding(Supplier<EnrichedArticle> held) {
    if (article == null) {
      heldArticle = held;
    }
  }

  private EnrichedArticle article() {
    if (article == null && heldArticle != null) {
      article = heldArticle.get();
      heldArticle = null;
    }
    return article;
  }

  /** Whether the state was read in the layout that still held the article (then moved, once, by its owner). */
  public boolean articleInState() {
    return articleInState;
  }

  /** The article, moved out: the state no longer counts as holding it. */
  public EnrichedArticle takeLegacyArticle() {
    articleInState = false;
    return article;
  }

  /**
   * What to publish after a message, or null when nothing changes for the readers.
   *
   * <p>Under {@code at_least_once} a task killed between two commits processes its input again, while its stores,
   * restored from their changelogs, may already hold what that input did, and its output may not have reached
   * the topic. A message that can only come a second time then publishes the article again, once: a repeat is
   * what that guarantee allows, and without it the article would be lost. The held article of the revision
   * already published starts its count anew (its probes are sent again, so all its answers come again), and the
   * first bucket answer beyond the answers due publishes it. In an exactly-once run neither message comes.
   */
  public EnrichedArticle apply(DedupMessage m) {
    if (m.isArticle()) {
      if (emitted && m.version().equals(version)) {
        reset(version);
      }
      if (!m.version().equals(version)) {
        List<Verdict> waiting = new ArrayList<>(early);
        reset(m.version());
        for (Verdict v : waiting) {
          if (v.version().equals(version)) {
            count(v);
          } else if (early.size() < MAX_EARLY) {
            early.add(v);
          }
        }
      }
      article = m.article();
      expected = m.probes();
      return publishIfDecided();
    }
    Verdict v = m.verdict();
    if (version == null) {
      version = v.version();
    }
    if (!v.version().equals(version)) {
      if (early.size() < MAX_EARLY) {
        early.add(v);
      }
      return null;
    }
    Verdict before = best;
    Verdict storyBefore = story;
    count(v);
    if (emitted) {
      boolean answeredAgain = !v.isStory() && !v.correction() && received == expected + 1;
      return best != before || story != storyBefore || answeredAgain ? decided() : null;
    }
    return publishIfDecided();
  }

  private void count(Verdict v) {
    if (v.isStory()) {
      story = Decision.better(story, v);
      return;
    }
    if (!v.correction()) {
      received++;
    }
    best = Decision.better(best, v);
  }

  private void reset(String newVersion) {
    version = newVersion;
    article = null;
    heldArticle = null;
    expected = -1;
    received = 0;
    best = null;
    story = null;
    emitted = false;
    early.clear();
  }

  private EnrichedArticle publishIfDecided() {
    if (!emitted && received >= expected && article() != null) {
      emitted = true;
      return decided();
    }
    return null;
  }

  private EnrichedArticle decided() {
    if (article() == null) {
      // Held articles and states are forgotten independently after memory.retention: a correction that comes
      // after the article was forgotten has nothing to republish, as with any article older than the retention.
      return null;
    }
    return Verdict.mark(article, best, story);
  }
}
