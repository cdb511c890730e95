package dev.newsflow.contract;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The normal form of untrusted text, the same at every door (files, HTTP, feeds, the streams
 * application's own check): control characters other than tab and newline, unpaired surrogates and
 * non-characters are removed, carriage returns become newlines, and C1 controls (U+0080..U+009F), which
 * in real text are windows-1252 punctuation mislabelled as Latin-1, become the characters meant (U+0092
 * is a right single quote). Limits are judged on the cleaned text ({@link ArticleContract}), so a
 * body that is at the limit once cleaned is taken everywhere.
 */
public final class ArticleText {
  private static final char[] WINDOWS_1252_C1 = windows1252C1();

  private ArticleText() {}

  private static char[] windows1252C1() {
    byte[] bytes = new byte[32];
    for (int i = 0; i < 32; i++) {
      bytes[i] = (byte) (0x80 + i);
    }
    String decoded = new String(bytes, Charset.forName("windows-1252"));
    char[] table = new char[32];
    for (int i = 0; i < 32; i++) {
      char c = decoded.charAt(i);
      table[i] = (c == '\uFFFD' || (c >= 0x80 && c <= 0x9F)) ? 0 : c;
    }
    return table;
  }

  /** {@code text} in the normal form; the same instance when it already is; null stays null. */
  public static String clean(String text) {
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

  /**
   * {@code record} with every string field in the normal form: the same instance when each already is
   * (the common case costs no copy), else a cleaned copy; {@code record} itself is never changed.
   */
  @SuppressWarnings("unchecked")
  public static <T extends SpecificRecord> T cleaned(T record) {
    if (isClean(record)) {
      return record;
    }
    T copy = (T) SpecificData.get().deepCopy(record.getSchema(), record);
    clean(copy);
    return copy;
  }

  /** Puts every string field of {@code record} in the normal form, in place, nested records and lists included. */
  public static void clean(SpecificRecord record) {
    for (Schema.Field field : record.getSchema().getFields()) {
      Object value = record.get(field.pos());
      Object cleaned = cleanValue(value);
      if (cleaned != value) {
        record.put(field.pos(), cleaned);
      }
    }
  }

  private static Object cleanValue(Object value) {
    if (value instanceof CharSequence text) {
      String s = text.toString();
      String cleaned = clean(s);
      return cleaned == s ? value : cleaned;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      boolean changed = false;
      for (Object item : list) {
        Object c = cleanValue(item);
        changed |= c != item;
        copy.add(c);
      }
      return changed ? copy : value;
    }
    if (value instanceof SpecificRecord nested) {
      clean(nested);
    }
    return value;
  }

  private static boolean isClean(Object value) {
    if (value instanceof CharSequence text) {
      String s = text.toString();
      return clean(s) == s;
    }
    if (value instanceof List<?> list) {
      return list.stream().allMatch(ArticleText::isClean);
    }
    if (value instanceof SpecificRecord record) {
      for (Schema.Field field : record.getSchema().getFields()) {
        if (!isClean(record.get(field.pos()))) {
          return false;
        }
      }
    }
    return true;
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
