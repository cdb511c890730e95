package dev.newsflow.streams.phrases;

import dev.newsflow.contract.Whitespace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sentence of an article that best says what it reports about a company: taken word for word from
 * the article (never rewritten), so a digest quotes its sources.
 *
 * <p>Chosen from the body: the sentence naming the most of the given names (the company's names as the
 * article writes them, and the products it reports), the earliest on a tie (news puts the point first).
 * The title stands in only when no sentence of the body names any. A sentence longer than {@link #MAX_CHARS}
 * is cut at a word (marked "…").
 *
 * @param text the sentence as the article writes it (whitespace collapsed)
 * @param names how many distinct names it holds: how well it speaks of the company (0 for a title fallback naming none)
 */
public record KeySentence(String text, int names) {
  /** Longest sentence kept: about two lines of a summary. */
  public static final int MAX_CHARS = 280;

  /** The key sentence naming the most of {@code names}; null when the article has no text. */
  public static KeySentence choose(String title, String body, Collection<String> names) {
    return Source.of(title, body).choose(names);
  }

  /**
   * An article's title and sentences, split and put in the phrase normal form once, to choose the key sentence
   * of each company it names.
   */
  public static final class Source {
    private final String title;
    private final List<String> sentences;
    private final List<String> normalized;

    private Source(String title, List<String> sentences) {
      this.title = title;
      this.sentences = sentences;
      this.normalized = sentences.stream().map(Phrases::normalize).toList();
    }

    public static Source of(String title, String body) {
      return new Source(title, sentences(body));
    }

    /** The key sentence naming the most of {@code names}; null when the article has no text. */
    public KeySentence choose(Collection<String> names) {
      Set<String> terms = new LinkedHashSet<>();
      for (String n : names) {
        String t = Phrases.normalize(n);
        if (!t.isEmpty()) {
          terms.add(t);
        }
      }
      KeySentence best = null;
      for (int i = 0; i < sentences.size(); i++) {
        int named = named(normalized.get(i), terms);
        if (named > 0 && (best == null || named > best.names())) {
          best = new KeySentence(cap(sentences.get(i)), named);
        }
      }
      if (best != null) {
        return best;
      }
      String t = title == null ? "" : Whitespace.collapse(title);
      return t.isEmpty() ? null : new KeySentence(cap(t), named(Phrases.normalize(t), terms));
    }
  }

  /** The sentences of a text ({@link Sentences}), in order, whitespace collapsed ({@link Whitespace}), empty ones left out. */
  public static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String sentence : Sentences.split(text)) {
      String t = Whitespace.collapse(sentence);
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** How many of {@code terms} the sentence (in the phrase normal form) names. */
  private static int named(String normalized, Set<String> terms) {
    int count = 0;
    for (String t : terms) {
      if (Phrases.containsProduct(normalized, t)) {
        count++;
      }
    }
    return count;
  }

  static String cap(String s) {
    if (s.length() <= MAX_CHARS) {
      return s;
    }
    int cut = s.lastIndexOf(' ', MAX_CHARS - 1);
    // A text without spaces (Chinese) is cut at the limit; a Latin one at its last word that fits.
    int end = cut > MAX_CHARS / 2 ? cut : MAX_CHARS - 1;
    return s.substring(0, end).stripTrailing() + "…";
  }
}
