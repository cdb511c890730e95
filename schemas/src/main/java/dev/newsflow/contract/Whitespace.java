package dev.newsflow.contract;

/**
 * The one rule for whitespace in article text, used where it is cleaned (producer) and where phrases are
 * looked for (streams): every run of whitespace or space separators (no-break spaces, line and paragraph
 * separators included) becomes a single space, and none is left at either end.
 */
public final class Whitespace {
  private Whitespace() {}

  /** The text on one line with single spaces; null stays null. */
  public static String collapse(String text) {
    if (text == null) {
      return null;
    }
    // Every piece of article text passes here several times (cleaning, phrases, sentences): a text already in
    // this form is returned as it is, and the rest is written into a plain array, printable ASCII judged inline.
    if (isCollapsed(text)) {
      return text;
    }
    char[] out = new char[text.length()];
    int length = 0;
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isSpace(c)) {
        space = length > 0;
      } else {
        if (space) {
          out[length++] = ' ';
          space = false;
        }
        out[length++] = c;
      }
    }
    return new String(out, 0, length);
  }

  /** Whether {@link #collapse} would give {@code text} back unchanged: single plain spaces, none at either end. */
  private static boolean isCollapsed(String text) {
    boolean afterSpace = true; // at the start, a space would be a leading one
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ') {
        if (afterSpace) {
          return false;
        }
        afterSpace = true;
      } else if (isSpace(c)) {
        return false;
      } else {
        afterSpace = false;
      }
    }
    return text.isEmpty() || !afterSpace;
  }

  /** Whitespace or a space separator ({@link Character#isWhitespace}, {@link Character#isSpaceChar}). */
  static boolean isSpace(char c) {
    if (c > ' ' && c < '\u007F') {
      return false; // printable ASCII, most of any text: neither
    }
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
