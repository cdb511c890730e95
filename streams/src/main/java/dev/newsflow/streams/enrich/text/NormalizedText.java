package dev.newsflow.streams.enrich.text;

/**
 * Text in folded form ({@link TextNormalizer}), one folded character per original character, after a
 * leading separator: folded position {@code i} is original position {@code i - 1}. Segments (title,
 * body) are joined by one separator, which stands for one position of the original too.
 */
public final class NormalizedText {
  char[] chars;
  int length;

  public NormalizedText(int capacity) {
    chars = new char[Math.max(16, capacity)];
  }

  /** Folds {@code text} (one segment) into a fresh instance. */
  public static NormalizedText of(CharSequence text) {
    NormalizedText t = new NormalizedText(text.length() + 8);
    t.begin();
    t.append(text);
    t.end();
    return t;
  }

  public NormalizedText reset() {
    length = 0;
    return this;
  }

  /** Starts the text with its boundary separator. */
  public void begin() {
    ensureCapacity(1);
    chars[0] = TextNormalizer.SEP;
    length = 1;
  }

  /** Appends a segment. */
  public void append(CharSequence text) {
    TextNormalizer.appendTo(this, text);
  }

  /** Appends a separator: between two segments (e.g. title and body), or at the end. */
  public void separate() {
    ensureCapacity(length + 1);
    chars[length++] = TextNormalizer.SEP;
  }

  /** Ends the text with its boundary separator. */
  public void end() {
    separate();
  }

  void ensureCapacity(int n) {
    if (n > chars.length) {
      int size = Math.max(n, chars.length + chars.length / 2);
      chars = java.util.Arrays.copyOf(chars, size);
    }
  }

  public int length() {
    return length;
  }

  public char charAt(int i) {
    return chars[i];
  }

  /** Position in the original text of folded character {@code i}. */
  public int originOf(int i) {
    return Math.max(0, i - 1);
  }

  /** The folded characters themselves (read only; valid up to {@link #length()}). */
  public char[] chars() {
    return chars;
  }

  /** The folded text without its boundary separators. */
  public String foldedString() {
    int from = 0;
    int to = length;
    while (from < to && chars[from] == TextNormalizer.SEP) {
      from++;
    }
    while (to > from && chars[to - 1] == TextNormalizer.SEP) {
      to--;
    }
    return new String(chars, from, to - from);
  }

  @Override
  public String toString() {
    return new String(chars, 0, length);
  }
}
