package dev.newsflow.streams.link;

import dev.newsflow.schema.Company;
import dev.newsflow.schema.Mention;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the companies an article is about, by their names, aliases and products. Latin-script names
 * match whole words, case-insensitively; Chinese, Japanese and Korean names match anywhere, since those
 * scripts do not separate words. Where matches overlap, the longest wins ("Alibaba Cloud" over "Alibaba").
 */
public final class CompanyLinker {
  /** Identifies the linking rules in enriched records. */
  public static final String VERSION = "linker-1";

  private final List<Alias> aliases;

  private record Alias(String text, String lower, String companyId, String rule, boolean cjk) {}

  private record Match(int start, int end, Alias alias, boolean inTitle) {}

  private CompanyLinker(List<Alias> aliases) {
    this.aliases = aliases;
  }

  public static CompanyLinker of(Collection<Company> companies) {
    List<Alias> aliases = new ArrayList<>();
    for (Company c : companies) {
      add(aliases, c.getName(), c.getId(), "name");
      c.getAliases().forEach(a -> add(aliases, a, c.getId(), "alias"));
      c.getProducts().forEach(p -> add(aliases, p, c.getId(), "product"));
    }
    return new CompanyLinker(List.copyOf(aliases));
  }

  private static void add(List<Alias> aliases, String text, String companyId, String rule) {
    if (text == null || text.isBlank()) {
      return;
    }
    String t = text.strip();
    aliases.add(new Alias(t, t.toLowerCase(Locale.ROOT), companyId, rule, hasCjk(t)));
  }

  public int size() {
    return aliases.size();
  }

  /** The companies mentioned in an article, most salient first. */
  public List<Mention> link(String title, String body) {
    List<Match> matches = new ArrayList<>();
    find(title, true, matches);
    find(body, false, matches);
    Map<String, List<Match>> byCompany = new LinkedHashMap<>();
    for (Match m : matches) {
      byCompany.computeIfAbsent(m.alias().companyId(), k -> new ArrayList<>()).add(m);
    }
    int total = matches.size();
    List<Mention> mentions = new ArrayList<>();
    byCompany.forEach((companyId, list) -> {
      boolean inTitle = list.stream().anyMatch(Match::inTitle);
      Match first = list.get(0);
      double share = (double) list.size() / total;
      double salience = Math.min(1.0, (inTitle ? 0.5 : 0.0) + 0.5 * share + (inTitle ? 0 : 0.1 * Math.min(list.size(), 3) / 3));
      mentions.add(Mention.newBuilder()
          .setCompanyId(companyId)
          .setAlias(first.alias().text())
          .setCount(list.size())
          .setSalience(Math.round(salience * 1000) / 1000.0)
          .setInTitle(inTitle)
          .setRule(first.alias().rule())
          .build());
    });
    mentions.sort(Comparator.comparingDouble(Mention::getSalience).reversed().thenComparing(Mention::getCompanyId));
    return mentions;
  }

  private void find(String text, boolean inTitle, List<Match> out) {
    if (text == null || text.isEmpty()) {
      return;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    List<Match> found = new ArrayList<>();
    for (Alias a : aliases) {
      for (int at = lower.indexOf(a.lower()); at >= 0; at = lower.indexOf(a.lower(), at + 1)) {
        int end = at + a.lower().length();
        if (a.cjk() || (isBoundary(lower, at - 1) && isBoundary(lower, end))) {
          found.add(new Match(at, end, a, inTitle));
        }
      }
    }
    found.sort(Comparator.comparingInt(Match::start).thenComparing(m -> -(m.end() - m.start())));
    int coveredUntil = -1;
    for (Match m : found) {
      if (m.start() >= coveredUntil) {
        out.add(m);
        coveredUntil = m.end();
      }
    }
  }

  private static boolean isBoundary(String s, int i) {
    if (i < 0 || i >= s.length()) {
      return true;
    }
    char c = s.charAt(i);
    return !Character.isLetterOrDigit(c);
  }

  static boolean hasCjk(String s) {
    return s.codePoints().anyMatch(cp -> {
      Character.UnicodeScript script = Character.UnicodeScript.of(cp);
      return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
          || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    });
  }
}
