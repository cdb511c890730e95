package dev.newsflow.streams.text;

import java.text.Normalizer;

/**
 * Folds text into the one form that aliases, lexicon terms and shingles are matched in: lowercase,
 * accents and full-width forms removed, every run of spaces and punctuation reduced to one separator,
 * and a separator put between Latin letters or digits and CJK characters (so that "ac米兰" and
 * "ac 米兰" read the same). Each folded character remembers where it came from in the original
 * text, so a match can quote the alias as the article wrote it.
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
      CLASS[c] = isCjk(folded) ? CJK : WORD;
    }
  }

  private static final ThreadLocal<char[]> SCRATCH = ThreadLocal.withInitial(() -> new char[4096]);

  private TextNormalizer() {}

  private static char[] scratch(int n) {
    char[] buffer = SCRATCH.get();
    if (buffer.length < n) {
      buffer = new char[n];
      SCRATCH.set(buffer);
    }
    return buffer;
  }

  /** The class of a character: {@link #SEPARATOR}, {@link #WORD} or {@link #CJK}. */
  public static byte classOf(char c) {
    byte k = CLASS[c];
    return k == IGNORED ? SEPARATOR : k;
  }

  /** Chinese, Japanese and Korean script characters: written without spaces between words. */
  public static boolean isCjk(char c) {
    Character.UnicodeScript script;
    try {
      script = Character.UnicodeScript.of(c);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
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

  /** Appends the folded form of {@code text} to {@code out}; {@code offset} is added to the recorded positions. */
  static void appendTo(NormalizedText out, CharSequence text, int offset) {
    int n = text.length();
    out.ensureCapacity(out.length + n + 2);
    char[] in = scratch(n);
    if (text instanceof String s) {
      s.getChars(0, n, in, 0);
    } else {
      for (int i = 0; i < n; i++) {
        in[i] = text.charAt(i);
      }
    }
    char[] chars = out.chars;
    int[] origin = out.origin;
    int len = out.length;
    byte prevClass = len == 0 ? SEPARATOR : classOf(chars[len - 1]);
    for (int i = 0; i < n; i++) {
      char c = in[i];
      byte k = CLASS[c];
      if (k == prevClass && k == WORD) { // the common case: a letter inside a word
        chars[len] = FOLD[c];
        origin[len++] = offset + i;
        continue;
      }
      if (k == IGNORED) {
        continue;
      }
      if (k == SEPARATOR) {
        if (prevClass != SEPARATOR) {
          chars[len] = SEP;
          origin[len++] = offset + i;
          prevClass = SEPARATOR;
        }
        continue;
      }
      if (prevClass != SEPARATOR && prevClass != k) {
        // Latin next to CJK: a word boundary that the text does not write. Each one takes a place of
        // its own, so only here can the folded text outgrow the original.
        out.length = len;
        out.ensureCapacity(len + (n - i) + 2);
        chars = out.chars;
        origin = out.origin;
        chars[len] = SEP;
        origin[len++] = offset + i;
      }
      chars[len] = FOLD[c];
      origin[len++] = offset + i;
      prevClass = k;
    }
    out.length = len;
  }
}
