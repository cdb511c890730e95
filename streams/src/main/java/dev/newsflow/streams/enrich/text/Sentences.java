package dev.newsflow.streams.enrich.text;

import dev.newsflow.streams.phrases.Phrases;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits article text into sentences, in English and Chinese alike, returning the original text of
 * each (trimmed), so a caller can quote a sentence exactly as the article wrote it.
 *
 * <p>A sentence ends at 。！？；!? or a line break; at a full stop followed by a space, a CJK character
 * or the end (so "Seedance 2.0" and "3.5B" stay whole), except after a known abbreviation ("Inc.",
 * "U.S.") or a single capital letter. Closing quotes and brackets after the end stay with the sentence.
 */
public final class Sentences {
  private static final Set<String> ABBREVIATIONS = Set.of("inc", "ltd", "co", "corp", "mr", "mrs", "ms", "dr",
      "st", "vs", "jr", "sr", "no", "e.g", "i.e", "u.s", "u.k", "u.n", "etc", "approx", "jan", "feb", "mar", "apr",
      "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec");
  private static final String CLOSERS = "\"'”’」』）)】》";

  private Sentences() {}

  /** The sentences of {@code text} in order; none for null or blank text. */
  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean end = switch (c) {
        case '。', '！', '？', '；', '!', '?', '\n', '\r' -> true;
        case '.' -> endsWithFullStop(text, start, i);
        default -> false;
      };
      if (end) {
        int to = i + 1;
        while (to < n && CLOSERS.indexOf(text.charAt(to)) >= 0) {
          to++;
        }
        add(out, text.substring(start, to));
        start = to;
        i = to - 1;
      }
    }
    add(out, text.substring(start));
    return out;
  }

  private static boolean endsWithFullStop(String text, int start, int dot) {
    int next = dot + 1;
    while (next < text.length() && CLOSERS.indexOf(text.charAt(next)) >= 0) {
      next++;
    }
    if (next < text.length() && !Character.isWhitespace(text.charAt(next)) && !Phrases.isCjk(text.charAt(next))) {
      return false; // "2.0", "example.com"
    }
    int wordStart = dot;
    while (wordStart > start && !Character.isWhitespace(text.charAt(wordStart - 1))) {
      wordStart--;
    }
    String word = text.substring(wordStart, dot);
    if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
      return false; // an initial: "J. Smith"
    }
    return !ABBREVIATIONS.contains(word.toLowerCase(java.util.Locale.ROOT));
  }

  private static void add(List<String> out, String sentence) {
    String s = sentence.strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
  }
}
