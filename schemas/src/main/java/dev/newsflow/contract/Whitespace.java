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
    StringBuilder out = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }
}
