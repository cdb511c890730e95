package dev.newsflow.producer.text;

import dev.newsflow.contract.Whitespace;

/**
 * Makes untrusted text safe to store and display: control characters (other than tab and newline),
 * unpaired surrogates and non-characters are removed, carriage returns become newlines, and the
 * result is cut at a length limit on a code point boundary. C1 controls (U+0080..U+009F), which in
 * real text are windows-1252 punctuation mislabelled as Latin-1, become the characters meant
 * (U+0092 is a right single quote).
 */
public final class CleanText {
  private static final char[] WINDOWS_1252_C1 = windows1252C1();

  private CleanText() {}

  private static char[] windows1252C1() {
    byte[] bytes = new byte[32];
    for (int i = 0; i < 32; i++) {
      bytes[i] = (byte) (0x80 + i);
    }
    String decoded = new String(bytes, java.nio.charset.Charset.forName("windows-1252"));
    char[] table = new char[32];
    for (int i = 0; i < 32; i++) {
      char c = decoded.charAt(i);
      table[i] = (c == '\uFFFD' || (c >= 0x80 && c <= 0x9F)) ? 0 : c;
    }
    return table;
  }

  /** {@code text} without characters no reader wants; null stays null. */
  public static String strip(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean keep;
      if (Character.isHighSurrogate(c)) {
        keep = i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1));
        if (keep) {
          if (out != null) {
            out.append(c).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else if (Character.isLowSurrogate(c)) {
        keep = false;
      } else if (c >= 0x80 && c <= 0x9F) {
        if (out == null) {
          out = new StringBuilder(n).append(text, 0, i);
        }
        char meant = WINDOWS_1252_C1[c - 0x80];
        if (meant != 0) {
          out.append(meant);
        }
        continue;
      } else {
        keep = isWanted(c);
      }
      if (keep && c == '\r') {
        // CRLF becomes LF, a lone CR becomes LF
        if (out == null) {
          out = new StringBuilder(n).append(text, 0, i);
        }
        if (i + 1 >= n || text.charAt(i + 1) != '\n') {
          out.append('\n');
        }
        continue;
      }
      if (keep) {
        if (out != null) {
          out.append(c);
        }
      } else if (out == null) {
        out = new StringBuilder(n).append(text, 0, i);
      }
    }
    return out == null ? text : out.toString();
  }

  /** {@link #strip} and at most {@code maxChars} characters, never splitting a surrogate pair. */
  public static String strip(String text, int maxChars) {
    return truncate(strip(text), maxChars);
  }

  /** One line: every run of whitespace (newlines included) becomes a single space; trimmed. */
  public static String oneLine(String text) {
    return Whitespace.collapse(text);
  }

  /** At most {@code maxChars} characters, never splitting a surrogate pair; an ellipsis marks a cut. */
  public static String truncate(String text, int maxChars) {
    if (text == null || text.length() <= maxChars) {
      return text;
    }
    int end = maxChars - 1;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }

  private static boolean isWanted(char c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return true;
    }
    if (c < 0x20 || c == 0x7F) {
      return false;
    }
    return c != '\uFFFE' && c != '\uFFFF' && !(c >= '\uFDD0' && c <= '\uFDEF');
  }
}
