package dev.newsflow.streams.enrich.text;

import dev.newsflow.streams.phrases.Phrases;
import java.text.Normalizer;

/**
 * Folds text into the one form that aliases, lexicon terms and shingles are matched in: lowercase,
 * accents and full-width forms removed, spaces and punctuation turned into separators. A text folds
 * one character for one, so a match can quote the alias as the article wrote it; a phrase
 * ({@link #fold}) also has separator runs reduced to one and a separator put between Latin letters or
 * digits and CJK characters (so that "ac米兰" and "ac 米兰" read the same, as they do to the tokenizer).
 *
 * <p>Rule keywords, product names and rumour phrases are compared in the other form, {@link Phrases}, which
 * keeps punctuation ("Qwen3.5"); the two share one script rule ({@link Phrases#isCjk}).
 *
 * <p>Folding is a table lookup per character: the table is built once per JVM.
 */
public final class TextNormalizer {
  /** The separator every run of spaces and punctuation becomes. */
  public static final char SEP = ' ';

  /** Character classes, as returned by {@link #classOf(char)}. */
  public static final byte SEPARATOR = 0;
  public static final byte WORD = 1;
  public static final byte CJK = 2;
  private static final byte IGNORED = 3;

  private static final char[] FOLD = new char[65536];
  private static final byte[] CLASS = new byte[65536];

  static {
    for (int c = 0; c < 65536; c++) {
      char ch = (char) c;
      if (Character.isSurrogate(ch)) {
        CLASS[c] = SEPARATOR;
        FOLD[c] = SEP;
        continue;
      }
      int type = Character.getType(ch);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
        CLASS[c] = IGNORED;
        FOLD[c] = SEP; // in a text, a stray mark separates; in a phrase it is dropped (fold)
        continue;
      }
      if (!Character.isLetterOrDigit(ch)) {
        CLASS[c] = SEPARATOR;
        FOLD[c] = SEP;
        continue;
      }
      char folded = Character.toLowerCase(ch);
      String decomposed = Normalizer.normalize(String.valueOf(ch), Normalizer.Form.NFKD);
      if (!decomposed.isEmpty() && Character.isLetterOrDigit(decomposed.charAt(0))) {
        // Keep the base letter when the rest is only combining marks (é -> e, Ａ -> a); ligatures and
        // other multi-letter expansions keep the character itself.
        boolean onlyMarksAfter = decomposed.codePoints().skip(1)
            .allMatch(cp -> Character.getType(cp) == Character.NON_SPACING_MARK);
        if (onlyMarksAfter && Character.charCount(decomposed.codePointAt(0)) == 1) {
          folded = Character.toLowerCase(decomposed.charAt(0));
        }
      }
      FOLD[c] = folded;
      CLASS[c] = Phrases.isCjk(folded) ? CJK : WORD;
    }
  }

  private TextNormalizer() {}

  /** The class of a character: {@link #SEPARATOR}, {@link #WORD} or {@link #CJK}. */
  public static byte classOf(char c) {
    byte k = CLASS[c];
    return k == IGNORED ? SEPARATOR : k;
  }

  /** True when {@code s} holds at least one CJK character. */
  public static boolean hasCjk(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      if (CLASS[s.charAt(i)] == CJK) {
        return true;
      }
    }
    return false;
  }

  /** The folded form of a phrase (an alias or a lexicon term), without leading or trailing separators. */
  public static String fold(CharSequence phrase) {
    int n = phrase.length();
    char[] out = new char[2 * n + 1];
    int len = 0;
    byte prevClass = SEPARATOR;
    for (int i = 0; i < n; i++) {
      char c = phrase.charAt(i);
      byte k = CLASS[c];
      if (k == IGNORED) {
        continue;
      }
      if (k == SEPARATOR) {
        if (prevClass != SEPARATOR) {
          out[len++] = SEP;
          prevClass = SEPARATOR;
        }
        continue;
      }
      if (prevClass != SEPARATOR && prevClass != k) {
        out[len++] = SEP;
      }
      out[len++] = FOLD[c];
      prevClass = k;
    }
    if (len > 0 && out[len - 1] == SEP) {
      len--;
    }
    return new String(out, 0, len);
  }

  /**
   * Appends the folded form of {@code text} to {@code out}, one folded character per original one
   * (separators and ignored marks become {@link #SEP}), so positions map back by arithmetic alone.
   */
  static void appendTo(NormalizedText out, CharSequence text) {
    int n = text.length();
    out.ensureCapacity(out.length + n + 2);
    char[] chars = out.chars;
    int len = out.length;
    if (text instanceof String s) {
      s.getChars(0, n, chars, len);
      for (int i = len, end = len + n; i < end; i++) {
        chars[i] = FOLD[chars[i]];
      }
      len += n;
    } else {
      for (int i = 0; i < n; i++) {
        chars[len++] = FOLD[text.charAt(i)];
      }
    }
    out.length = len;
  }
}
