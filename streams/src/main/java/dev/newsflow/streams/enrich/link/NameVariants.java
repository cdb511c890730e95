package dev.newsflow.streams.enrich.link;

import dev.newsflow.streams.enrich.text.TextNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ways an article may write a company's name, derived from its official name and aliases: without
 * legal suffixes ("Baidu, Inc." → "Baidu"; "Merrill Lynch and Co Inc" → "Merrill Lynch"), without a
 * leading "The", without a leading possessive qualifier ("Sweden's Electrolux AB" → "Electrolux"), with
 * initials joined ("E.F. Hutton" → "EF Hutton"), with or without an apostrophe ("McDonald's" /
 * "McDonalds"), with "&" or "and". Case, accents, spacing and punctuation need no variants: matching
 * folds them ({@link TextNormalizer}). Each variant names the rule that produced it.
 */
public final class NameVariants {
  /** Legal forms and group words that trail an official name; folded, one or two tokens. */
  static final Set<String> LEGAL_SUFFIXES = Set.of(
      "inc", "incorporated", "corp", "corporation", "co", "cos", "company", "companies", "ltd", "limited",
      "plc", "llc", "lp", "l p", "llp", "pbc", "holdings", "holding", "group", "ag", "sa", "s a", "nv", "n v",
      "bv", "b v", "spa", "s p a", "se", "ab", "as", "asa", "oy", "oyj", "gmbh", "kk", "k k", "bhd", "berhad",
      "pty", "pte", "tbk", "nl");
  /** Chinese legal forms, longest first. */
  static final List<String> CJK_LEGAL_SUFFIXES = List.of("股份有限公司", "有限责任公司", "集团有限公司", "控股有限公司",
      "有限公司", "控股集团", "集团公司", "集团");
  /** Generic words that follow a distinctive name ("Huawei Technologies", "Unitree Robotics", "Litton Industries"). */
  static final Set<String> DESCRIPTORS = Set.of("technologies", "technology", "systems", "industries", "international",
      "intl", "electronics", "robotics", "enterprises", "laboratories", "labs", "solutions", "networks");
  private static final Set<String> CONNECTIVES = Set.of("and", "&", "of", "the", "de", "und", "et", "y");

  private NameVariants() {}

  /** One way to write a company's name, with the rule that derived it. */
  public record Variant(String written, String folded, String rule) {}

  /** Variants of a name (rule "name") or alias (rule "alias"), the text itself first. */
  public static List<Variant> of(String text, String rule) {
    Map<String, Variant> out = new LinkedHashMap<>();
    String t = text.strip();
    if (t.isEmpty()) {
      return List.of();
    }
    add(out, t, rule);
    if (TextNormalizer.hasCjk(t)) {
      for (String suffix : CJK_LEGAL_SUFFIXES) {
        if (t.endsWith(suffix) && t.length() - suffix.length() >= 2) {
          add(out, t.substring(0, t.length() - suffix.length()).strip(), rule + ":legal-suffix");
          break;
        }
      }
      return List.copyOf(out.values());
    }
    List<String> tokens = tokens(t);
    List<String> core = stripLegalSuffixes(tokens);
    if (core.size() < tokens.size() && !core.isEmpty()) {
      add(out, String.join(" ", core), rule + ":legal-suffix");
    }
    // "Sweden's Electrolux AB", "Japan's Toyota": a qualifier before the name itself.
    int possessive = possessiveQualifierEnd(core);
    if (possessive > 0 && possessive < core.size()) {
      List<String> rest = stripLegalSuffixes(core.subList(possessive, core.size()));
      // "Wendy's International" is not "International": the rest must name something by itself.
      if (!rest.isEmpty() && !(rest.size() == 1 && CommonWords.contains(TextNormalizer.fold(rest.get(0))))) {
        add(out, String.join(" ", rest), rule + ":qualifier");
      }
    }
    // "Huawei Technologies" → "Huawei": a distinctive first word, unless it is an ordinary word by itself.
    if (core.size() == 2 && DESCRIPTORS.contains(TextNormalizer.fold(core.get(1)))) {
      String first = TextNormalizer.fold(core.get(0));
      if (first.length() >= 3 && !CommonWords.contains(first)) {
        add(out, core.get(0), rule + ":descriptor");
      }
    }
    if (core.size() > 1 && core.get(0).equalsIgnoreCase("the")) {
      add(out, String.join(" ", core.subList(1, core.size())), rule + ":the");
    }
    for (Variant v : List.copyOf(out.values())) {
      String joined = joinInitials(v.written());
      if (!joined.equals(v.written())) {
        add(out, joined, v.rule() + ":initials");
      }
      if (v.written().indexOf('\'') >= 0 || v.written().indexOf('\u2019') >= 0) {
        add(out, v.written().replace("'", "").replace("\u2019", ""), v.rule() + ":apostrophe");
      }
      if (v.written().contains(" & ")) {
        add(out, v.written().replace(" & ", " and "), v.rule() + ":and");
      } else if (v.written().contains(" and ")) {
        add(out, v.written().replace(" and ", " & "), v.rule() + ":and");
      }
    }
    return List.copyOf(out.values());
  }

  private static void add(Map<String, Variant> out, String written, String rule) {
    String folded = TextNormalizer.fold(written);
    if (!folded.isEmpty() && !onlyLegalWords(folded)) {
      out.putIfAbsent(folded, new Variant(written, folded, rule));
    }
  }

  /** A name made of nothing but legal forms ("Co AG") identifies nothing. */
  static boolean onlyLegalWords(String folded) {
    for (String token : folded.split(" ")) {
      if (!LEGAL_SUFFIXES.contains(token) && !CONNECTIVES.contains(token)) {
        return false;
      }
    }
    return true;
  }

  /** Whitespace-separated tokens, with commas (as in "Baidu, Inc.") dropped. */
  private static List<String> tokens(String s) {
    List<String> out = new ArrayList<>(6);
    int n = s.length();
    int i = 0;
    while (i < n) {
      while (i < n && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == ',' || s.charAt(i) == ';')) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      int end = i;
      while (end > start && (s.charAt(end - 1) == ',' || s.charAt(end - 1) == ';')) {
        end--;
      }
      if (end > start) {
        out.add(s.substring(start, end));
      }
    }
    return out;
  }

  private static List<String> stripLegalSuffixes(List<String> tokens) {
    int end = tokens.size();
    while (end > 1) {
      String last = TextNormalizer.fold(tokens.get(end - 1));
      if (LEGAL_SUFFIXES.contains(last) || CONNECTIVES.contains(last) || last.isEmpty()) {
        end--;
      } else {
        break;
      }
    }
    // Never strip down to a lone connective or nothing.
    return end == tokens.size() ? tokens : tokens.subList(0, end);
  }

  private static int possessiveQualifierEnd(List<String> tokens) {
    for (int i = 0; i < tokens.size() - 1 && i < 2; i++) {
      String t = tokens.get(i).toLowerCase(Locale.ROOT);
      if (t.endsWith("'s") || t.endsWith("\u2019s")) {
        return i + 1;
      }
    }
    return 0;
  }

  /** "E.F. Hutton" → "EF Hutton": a token of initials written with periods, joined. */
  static String joinInitials(String s) {
    StringBuilder out = new StringBuilder(s.length());
    if (s.indexOf('.') < 0) {
      return s;
    }
    for (String token : s.split(" ")) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(token.indexOf('.') > 0 && INITIALS.matcher(token).matches() ? token.replace(".", "") : token);
    }
    return out.toString();
  }

  private static final java.util.regex.Pattern INITIALS = java.util.regex.Pattern.compile("(\\p{L}\\.){2,}|(\\p{L}\\.)+\\p{L}");
}
