package dev.newsflow.streams.phrases;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one sentence splitter of the application, in English and Chinese alike: release detection reads sentences
 * through it, and so does the key sentence a digest quotes ({@link KeySentence}). It returns the original text of
 * each sentence (trimmed), so a caller can quote a sentence exactly as the article wrote it.
 *
 * <p>A sentence ends
 * <ul>
 *   <li>at 。！？；, always;</li>
 *   <li>at . ! ? followed by whitespace, a CJK character or the end (so "Seedance 2.0", "3.5B" and
 *       "example.com" stay whole); a full stop not after a known abbreviation ("Inc.", "U.S.") or a single
 *       capital letter (an initial: "J. Smith");</li>
 *   <li>at a paragraph break: a line break, then another after nothing but whitespace. A single line break is
 *       whitespace: wire copy is wrapped at a fixed width, and each of its lines is not a sentence.</li>
 * </ul>
 * Closing quotes and brackets right after the end mark stay with the sentence.
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
      if (c == '\n' || c == '\r') {
        int after = paragraphBreakEnd(text, i);
        if (after > i) {
          add(out, text.substring(start, i));
          start = after;
          i = after - 1;
        }
        continue;
      }
      if (endMark(text, start, i)) {
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

  /**
   * Whether the character at {@code at} ends a sentence of {@code text} by the rules above: an end mark that counts,
   * or the first line break of a paragraph break. For a reader that walks the text itself (the sentiment scorer's
   * sentence around a mention).
   */
  public static boolean endsAt(String text, int at) {
    char c = text.charAt(at);
    if (c == '\n' || c == '\r') {
      return paragraphBreakEnd(text, at) > at;
    }
    if (c != '.') {
      return endMark(text, at, at); // only a full stop reads the word before it
    }
    int wordStart = at;
    while (wordStart > 0 && !Character.isWhitespace(text.charAt(wordStart - 1))) {
      wordStart--;
    }
    return endMark(text, wordStart, at);
  }

  private static boolean endMark(String text, int start, int i) {
    return switch (text.charAt(i)) {
      case '。', '！', '？', '；' -> true;
      case '!', '?' -> followedByBreak(text, i);
      case '.' -> followedByBreak(text, i) && !abbreviationOrInitial(text, start, i);
      default -> false;
    };
  }

  /**
   * Where the whitespace after the line break at {@code at} ends, when that whitespace holds another line break
   * (a paragraph break); {@code at} itself when it does not. "\r\n" counts as one line break.
   */
  private static int paragraphBreakEnd(String text, int at) {
    int i = at + (text.startsWith("\r\n", at) ? 2 : 1);
    boolean another = false;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      another |= text.charAt(i) == '\n' || text.charAt(i) == '\r';
      i++;
    }
    return another ? i : at;
  }

  /** Whether the end mark at {@code mark}, and any closers after it, is followed by whitespace, a CJK character or the end. */
  private static boolean followedByBreak(String text, int mark) {
    int next = mark + 1;
    while (next < text.length() && CLOSERS.indexOf(text.charAt(next)) >= 0) {
      next++;
    }
    return next == text.length() || Character.isWhitespace(text.charAt(next)) || Phrases.isCjk(text.charAt(next));
  }

  private static boolean abbreviationOrInitial(String text, int start, int dot) {
    int wordStart = dot;
    while (wordStart > start && !Character.isWhitespace(text.charAt(wordStart - 1))) {
      wordStart--;
    }
    String word = text.substring(wordStart, dot);
    if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
      return true; // an initial: "J. Smith"
    }
    return ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
  }

  private static void add(List<String> out, String sentence) {
    String s = sentence.strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
  }
}
