package dev.newsflow.producer.text;

import dev.newsflow.contract.ArticleText;
import dev.newsflow.contract.Whitespace;

/**
 * Makes untrusted text safe to store and display: the contract's normal form ({@link ArticleText}: no
 * control characters, unpaired surrogates or non-characters, newlines for carriage returns, windows-1252
 * for C1 controls), one line where a line is wanted, and a cut at a length limit on a code point boundary.
 */
public final class CleanText {
  private CleanText() {}

  /** {@code text} without characters no reader wants (the contract's normal form, {@link ArticleText}); null stays null. */
  public static String strip(String text) {
    return ArticleText.clean(text);
  }

  /** {@link #strip} and at most {@code maxChars} characters, never splitting a surrogate pair. */
  public static String strip(String text, int maxChars) {
    return truncate(strip(text), maxChars);
  }

  /** One line: every run of whitespace (newlines included) becomes a single space; trimmed. */
  public static String oneLine(String text) {
    return Whitespace.collapse(text);
  }

  /** At most {@code maxChars} characters, never splitting a surrogate pair; an ellipsis marks a cut ({@link ArticleText#truncate}). */
  public static String truncate(String text, int maxChars) {
    return ArticleText.truncate(text, maxChars);
  }
}
