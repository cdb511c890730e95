package dev.newsflow.streams.phrases;

import dev.newsflow.contract.Whitespace;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Finding words and phrases in article text, in any script. Text and terms are compared in one
 * normal form (NFKC, lower case, single spaces): the phrase form, which keeps punctuation and accents
 * ("Qwen3.5", "Société"). A Latin-script term matches whole words only ("Meta" is not in "metadata");
 * a Chinese, Japanese or Korean term matches anywhere, since those scripts do not separate words
 * ({@link #isCjk}, the one script rule of the module).
 *
 * <p>Whitespace follows the article contract's rule ({@link Whitespace}). Enrichment's folded form
 * ({@code enrich.text.TextNormalizer}) is another form on purpose: it drops accents and punctuation and
 * keeps every position, to quote an alias as written; it shares this class's script rule.
 */
public final class Phrases {
  private Phrases() {}

  /** The form text and terms are compared in: {@link #written} in lower case; "" for null. */
  public static String normalize(String text) {
    // Lower-casing maps no character to or from whitespace, so it commutes with collapsing (PhrasesTest).
    return written(text).toLowerCase(Locale.ROOT);
  }

  /**
   * The phrase form before lower-casing: NFKC with single spaces ({@link Whitespace}), for a caller that
   * quotes what it found in the case the text wrote it; "" for null.
   */
  public static String written(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    // After NFKC the no-break spaces are plain spaces: the shared whitespace rule gives what this always did.
    return Whitespace.collapse(Normalizer.normalize(text, Normalizer.Form.NFKC));
  }

  /**
   * A normalized title and body as one text to look for phrases in: the line between them keeps a
   * phrase from running from the title's last word into the body's first.
   */
  public static String join(String normalizedTitle, String normalizedBody) {
    return normalizedTitle + " \n " + normalizedBody;
  }

  /** Whether normalized {@code text} holds normalized {@code term}. */
  public static boolean contains(String text, String term) {
    return find(text, term, false);
  }

  /**
   * Whether normalized {@code text} names a product family: like {@link #contains}, but a family
   * ending in a letter may run straight into its version number, as in "Qwen3.5" or "GPT5".
   */
  public static boolean containsProduct(String text, String family) {
    return find(text, family, true);
  }

  private static boolean find(String text, String term, boolean versionMayFollow) {
    if (term.isEmpty() || text.length() < term.length()) {
      return false;
    }
    if (hasCjk(term)) {
      return text.contains(term);
    }
    boolean digitMayFollow = versionMayFollow && Character.isLetter(term.charAt(term.length() - 1));
    for (int at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      int end = at + term.length();
      boolean startsWord = at == 0 || !isWordChar(text.charAt(at - 1));
      boolean endsWord = end == text.length() || !isWordChar(text.charAt(end))
          || (digitMayFollow && Character.isDigit(text.charAt(end)));
      if (startsWord && endsWord) {
        return true;
      }
    }
    return false;
  }

  /** A letter or digit of a script that separates words (so not CJK, where every character stands alone). */
  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) && !isCjk(c);
  }

  /** Whether {@code s} holds a character of a script written without spaces between words ({@link #isCjk}). */
  public static boolean hasCjk(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      if (isCjk(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Below the first Hangul jamo (U+1100) no character is of the four scripts {@link #isCjk} looks for. */
  private static final char FIRST_CJK = '\u1100';

  /** Chinese, Japanese and Korean script characters: written without spaces between words. */
  public static boolean isCjk(char c) {
    if (c < FIRST_CJK) {
      return false; // most text: no script lookup (a binary search over every script's ranges)
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(c);
    return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
  }
}
