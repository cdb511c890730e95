package dev.newsflow.streams.enrich.dedup;

/**
 * The words {@link StoryMarks} reads in a text, found by a scan of its characters rather than a regular expression
 * (the story marks read every word of every article, and the pattern's search was a quarter of their cost).
 *
 * <p>A word is what {@code [A-Za-z0-9$][A-Za-z0-9.+\-]*[A-Za-z0-9%]|[A-Za-z0-9]} finds, leftmost first: it opens
 * with an ASCII letter, a digit or {@code $}, runs on over letters, digits, {@code .}, {@code +} and {@code -},
 * and ends with a letter or a digit, or with a {@code %} right after the run; a lone letter or digit is a word
 * too. {@code StoryWordsTest} holds the scan to the pattern on random texts.
 */
final class StoryWords {
  private final String text;
  private int start;
  private int end;

  StoryWords(String text) {
    this.text = text;
  }

  /** Finds the next word after the last one found; false when there is none. */
  boolean find() {
    int n = text.length();
    for (int p = end; p < n; p++) {
      char first = text.charAt(p);
      boolean alnum = isAlnum(first);
      if (!alnum && first != '$') {
        continue;
      }
      int run = p + 1;
      int lastAlnum = -1;
      while (run < n && isRunChar(text.charAt(run))) {
        if (isAlnum(text.charAt(run))) {
          lastAlnum = run;
        }
        run++;
      }
      if (run < n && text.charAt(run) == '%') {
        return found(p, run + 1);
      }
      if (lastAlnum >= 0) {
        return found(p, lastAlnum + 1);
      }
      if (alnum) {
        return found(p, p + 1);
      }
      // A '$' with no letter or digit after it opens no word: the search goes on from the next character.
    }
    start = n;
    end = n;
    return false;
  }

  private boolean found(int from, int to) {
    start = from;
    end = to;
    return true;
  }

  int start() {
    return start;
  }

  int end() {
    return end;
  }

  String word() {
    return text.substring(start, end);
  }

  /**
   * {@code text} without the commas that group thousands: a comma with a digit before it and three digits after
   * it, as {@code (?<=[0-9]),(?=[0-9]{3})} finds them (each judged in the text as given).
   */
  static String withoutThousandsCommas(String text) {
    int comma = text.indexOf(',');
    if (comma < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    out.append(text, 0, comma);
    for (int i = comma; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ',' || !groupsThousands(text, i)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean groupsThousands(String text, int comma) {
    return comma > 0 && isDigit(text.charAt(comma - 1)) && digitsAt(text, comma + 1, 3);
  }

  private static boolean digitsAt(String text, int from, int count) {
    if (from + count > text.length()) {
      return false;
    }
    for (int i = from; i < from + count; i++) {
      if (!isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlnum(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isRunChar(char c) {
    return isAlnum(c) || c == '.' || c == '+' || c == '-';
  }
}
