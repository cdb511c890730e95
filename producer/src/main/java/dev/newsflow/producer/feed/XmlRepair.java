package dev.newsflow.producer.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Entities;

/**
 * Repairs the everyday faults of feeds on the open web at the text level, before an XML parser sees
 * them, and refuses what is dangerous:
 * <ul>
 *   <li>anything before the first tag (whitespace, a stray byte order mark, server warnings) is dropped;</li>
 *   <li>the XML declaration is dropped: the text is already decoded, so its encoding claim is moot;</li>
 *   <li>characters XML forbids (most C0 controls, unpaired surrogates, U+FFFE/U+FFFF) and character
 *       references to them are removed;</li>
 *   <li>HTML named entities ({@code &nbsp;}, {@code &eacute;}, ...) become numeric references; a bare
 *       {@code &} or {@code <} in text is escaped;</li>
 *   <li>a DOCTYPE that only names an external DTD (as RSS 0.91's does) is removed without fetching
 *       anything; a DOCTYPE with an internal subset, the carrier of entity-expansion ("billion laughs")
 *       and external-entity (XXE) attacks, is refused.</li>
 * </ul>
 * CDATA sections, comments and processing instructions are copied unchanged.
 */
final class XmlRepair {
  private static final Set<String> XML_ENTITIES = Set.of("amp", "lt", "gt", "quot", "apos");
  private static final int MAX_ENTITY_NAME = 32;
  /** Deepest element nesting accepted: real feeds stay far below; hostile ones would cost stack and time. */
  static final int MAX_DEPTH = 2_000;
  /** HTML elements that never have content, so never deepen the tree even when written unclosed. */
  private static final Set<String> VOID_ELEMENTS = Set.of("br", "img", "hr", "input", "meta", "link", "area", "base",
      "col", "embed", "param", "source", "track", "wbr");

  private XmlRepair() {}

  /** The repaired document and what was changed. */
  record Result(String xml, List<String> warnings) {}

  static Result repair(String text) throws FeedException {
    List<String> warnings = new ArrayList<>();
    int start = firstMarkup(text);
    if (start < 0) {
      throw new FeedException("not a feed: the document holds no XML element");
    }
    if (!text.substring(0, start).isBlank()) {
      warnings.add("ignored " + start + " characters before the XML");
    }
    Scanner scanner = new Scanner(text, start, warnings);
    scanner.run();
    return new Result(scanner.out.toString(), warnings);
  }

  /** Where the markup starts: the first {@code <} followed by {@code ?}, {@code !} or a name. */
  static int firstMarkup(String text) {
    int i = text.indexOf('<');
    while (i >= 0 && i + 1 < text.length()) {
      char next = text.charAt(i + 1);
      if (next == '?' || next == '!' || isNameStart(next)) {
        return i;
      }
      i = text.indexOf('<', i + 1);
    }
    return -1;
  }

  /**
   * The name of the first element, past the prolog (declaration, comments, processing instructions,
   * DOCTYPE); null when there is none. {@code doctype[0]} receives the DOCTYPE's root name, if any.
   */
  static String firstElementName(String text, String[] doctype) {
    int i = firstMarkup(text);
    while (i >= 0 && i + 1 < text.length()) {
      if (text.startsWith("<?", i)) {
        i = indexAfter(text, i, "?>");
      } else if (text.startsWith("<!--", i)) {
        i = indexAfter(text, i, "-->");
      } else if (text.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
        int end = indexAfter(text, i, ">");
        String[] words = text.substring(i + 9, Math.min(end, i + 100)).strip().split("[\\s>\\[]+", 2);
        if (doctype != null && doctype.length > 0 && words.length > 0) {
          doctype[0] = words[0];
        }
        i = end;
      } else if (text.charAt(i) == '<' && isNameStart(text.charAt(i + 1))) {
        int end = i + 1;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '>'
            && text.charAt(end) != '/') {
          end++;
        }
        return text.substring(i + 1, end);
      } else {
        i++;
      }
      int next = i < text.length() ? text.indexOf('<', i) : -1;
      i = next;
    }
    return null;
  }

  private static int indexAfter(String text, int from, String end) {
    int at = text.indexOf(end, from);
    return at < 0 ? text.length() : at + end.length();
  }

  static boolean isNameStart(char c) {
    return Character.isLetter(c) || c == '_' || c == ':';
  }

  static boolean isXmlChar(int cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
        || (cp >= 0x10000 && cp <= 0x10FFFF);
  }

  private static final class Scanner {
    private final String s;
    private final int n;
    private final StringBuilder out;
    private final List<String> warnings;
    private int i;
    private int illegalChars;
    private int escapedAmpersands;
    private int htmlEntities;
    private boolean seenRoot;
    private int depth;

    Scanner(String s, int start, List<String> warnings) {
      this.s = s;
      this.n = s.length();
      this.out = new StringBuilder(s.length() + 64);
      this.warnings = warnings;
      this.i = start;
    }

    void run() throws FeedException {
      while (i < n) {
        char c = s.charAt(i);
        if (c == '<') {
          markup();
        } else if (c == '&') {
          entity();
        } else {
          character();
        }
      }
      if (illegalChars > 0) {
        warnings.add("removed " + illegalChars + " characters that XML does not allow");
      }
      if (escapedAmpersands > 0) {
        warnings.add("escaped " + escapedAmpersands + " bare '&' or '<'");
      }
      if (htmlEntities > 0) {
        warnings.add("replaced " + htmlEntities + " HTML entities that XML does not define");
      }
    }

    private void character() {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(i + 1));
        i += 2;
        return;
      }
      if (isXmlChar(c) && !Character.isSurrogate(c)) {
        out.append(c);
      } else {
        illegalChars++;
      }
      i++;
    }

    /** Copies {@code s[i, end)} dropping characters XML forbids; used inside CDATA, comments and PIs. */
    private void copyFiltered(int end) {
      while (i < end) {
        character();
      }
    }

    private void markup() throws FeedException {
      if (s.startsWith("<!--", i)) {
        int end = s.indexOf("-->", i + 4);
        copyFiltered(end < 0 ? n : end + 3);
      } else if (s.startsWith("<![CDATA[", i)) {
        int end = s.indexOf("]]>", i + 9);
        copyFiltered(end < 0 ? n : end + 3);
      } else if (s.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
        doctype();
      } else if (s.startsWith("<?", i)) {
        int end = s.indexOf("?>", i + 2);
        int stop = end < 0 ? n : end + 2;
        if (s.regionMatches(true, i, "<?xml", 0, 5) && (i + 5 < n) && !isNameChar(s.charAt(i + 5))) {
          i = stop; // the XML declaration: its encoding claim no longer applies to decoded text
        } else {
          copyFiltered(stop);
        }
      } else if (s.startsWith("<!", i)) {
        copyFiltered(Math.min(n, i + 2));
      } else if (i + 1 < n && (isNameStart(s.charAt(i + 1)) || s.charAt(i + 1) == '/')) {
        seenRoot = true;
        int start = out.length();
        tag();
        nest(start);
      } else {
        out.append("&lt;");
        escapedAmpersands++;
        i++;
      }
    }

    private void doctype() throws FeedException {
      int j = i + 9;
      char quote = 0;
      for (; j < n; j++) {
        char c = s.charAt(j);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          }
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '[') {
          throw new FeedException("refused: the document declares a DTD with an internal subset; newsflow never "
              + "processes DTD declarations, which carry entity-expansion (billion laughs) and external-entity (XXE) "
              + "attacks");
        } else if (c == '>') {
          break;
        }
      }
      if (seenRoot) {
        throw new FeedException("not well-formed XML: a DOCTYPE after the root element");
      }
      i = Math.min(n, j + 1); // an external DTD is named, never fetched: drop the declaration
    }

    /** Tracks nesting from the tag just copied to {@code out} at {@code start}. */
    private void nest(int start) throws FeedException {
      if (out.length() - start < 2) {
        return;
      }
      if (out.charAt(start + 1) == '/') {
        depth = Math.max(0, depth - 1);
        return;
      }
      if (out.charAt(out.length() - 1) == '>' && out.charAt(out.length() - 2) == '/') {
        return;
      }
      int end = start + 1;
      while (end < out.length() && !Character.isWhitespace(out.charAt(end)) && out.charAt(end) != '>'
          && out.charAt(end) != '/') {
        end++;
      }
      if (VOID_ELEMENTS.contains(out.substring(start + 1, end).toLowerCase(java.util.Locale.ROOT))) {
        return;
      }
      if (++depth > MAX_DEPTH) {
        throw new FeedException("refused: elements are nested more than " + MAX_DEPTH + " deep");
      }
    }

    private void tag() {
      out.append('<');
      i++;
      char quote = 0;
      while (i < n) {
        char c = s.charAt(i);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
            out.append(c);
            i++;
          } else if (c == '&') {
            entity();
          } else if (c == '<') {
            out.append("&lt;");
            i++;
          } else {
            character();
          }
        } else if (c == '"' || c == '\'') {
          quote = c;
          out.append(c);
          i++;
        } else if (c == '>') {
          out.append(c);
          i++;
          return;
        } else if (c == '<') {
          return; // an unclosed tag; the lenient parse deals with it
        } else {
          character();
        }
      }
    }

    private void entity() {
      int j = i + 1;
      if (j < n && s.charAt(j) == '#') {
        numericReference(j + 1);
        return;
      }
      int k = j;
      while (k < n && k - j <= MAX_ENTITY_NAME && isEntityNameChar(s.charAt(k))) {
        k++;
      }
      if (k > j && k < n && s.charAt(k) == ';') {
        String name = s.substring(j, k);
        if (XML_ENTITIES.contains(name)) {
          out.append(s, i, k + 1);
        } else if (Entities.isNamedEntity(name)) {
          String value = Entities.getByName(name);
          value.codePoints().forEach(cp -> out.append("&#").append(cp).append(';'));
          htmlEntities++;
        } else {
          out.append("&amp;").append(name).append(';'); // unknown: keep the text as written
          escapedAmpersands++;
        }
        i = k + 1;
        return;
      }
      out.append("&amp;");
      escapedAmpersands++;
      i++;
    }

    private void numericReference(int from) {
      boolean hex = from < n && (s.charAt(from) == 'x' || s.charAt(from) == 'X');
      int k = hex ? from + 1 : from;
      int digitsStart = k;
      while (k < n && k - digitsStart < 10 && Character.digit(s.charAt(k), hex ? 16 : 10) >= 0) {
        k++;
      }
      if (k == digitsStart || k >= n || s.charAt(k) != ';') {
        out.append("&amp;");
        escapedAmpersands++;
        i++;
        return;
      }
      long cp = Long.parseLong(s.substring(digitsStart, k), hex ? 16 : 10);
      if (cp <= Character.MAX_CODE_POINT && isXmlChar((int) cp)) {
        if (cp >= 0x80 && cp <= 0x9F) {
          // &#150; and friends: windows-1252 code points written as Unicode; what the author meant
          byte[] b = {(byte) cp};
          out.append("&#").append(new String(b, java.nio.charset.Charset.forName("windows-1252")).codePointAt(0))
              .append(';');
        } else {
          out.append(s, i, k + 1);
        }
      } else {
        illegalChars++;
      }
      i = k + 1;
    }

    private static boolean isEntityNameChar(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isNameChar(char c) {
      return isNameStart(c) || Character.isDigit(c) || c == '-' || c == '.';
    }
  }
}
