package dev.newsflow.streams.text;

/**
 * Text in folded form ({@link TextNormalizer}) with, for every folded character, its position in the
 * original text. It begins and ends with a separator, so that a whole-word pattern written with
 * separators around it also matches at the very start and end. Reusable: {@link #reset()} keeps the buffers.
 */
public final class NormalizedText {
  char[] chars;
  int[] origin;
  int length;

  public NormalizedText(int capacity) {
    chars = new char[Math.max(16, capacity)];
    origin = new int[chars.length];
  }

  /** Folds {@code text} (one segment) into a fresh instance. */
  public static NormalizedText of(CharSequence text) {
    NormalizedText t = new NormalizedText(text.length() + 8);
    t.begin();
    t.append(text, 0);
    t.end(text.length());
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
    origin[0] = 0;
    length = 1;
  }

  /** Appends a segment; its positions are recorded as {@code offset + index}. */
  public void append(CharSequence text, int offset) {
    TextNormalizer.appendTo(this, text, offset);
  }

  /** Appends a separator (between two segments, e.g. title and body) recorded at {@code at}. */
  public void separate(int at) {
    ensureCapacity(length + 1);
    if (length == 0 || chars[length - 1] != TextNormalizer.SEP) {
      chars[length] = TextNormalizer.SEP;
      origin[length++] = at;
    }
  }

  /** Ends the text with its boundary separator. */
  public void end(int at) {
    separate(at);
  }

  void ensureCapacity(int n) {
    if (n > chars.length) {
      int size = Math.max(n, chars.length + chars.length / 2);
      chars = java.util.Arrays.copyOf(chars, size);
      origin = java.util.Arrays.copyOf(origin, size);
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
    return origin[i];
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
