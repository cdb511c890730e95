package dev.newsflow.streams.enrich.link;

import dev.newsflow.schema.Company;
import dev.newsflow.streams.enrich.text.TextNormalizer;
import dev.newsflow.streams.enrich.text.TokenAutomaton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Builds a {@link CompanyLinker}'s gazetteer: every company's name, aliases and products, plus the
 * variants {@link NameVariants} derives from them, as phrases of one token automaton, each phrase with
 * the companies it names and, per company, how it must be written (case), how ambiguous it is and the
 * rule that produced it.
 */
final class GazetteerBuilder {
  private final TokenAutomaton.Builder automaton;
  private final List<String> companyIds = new ArrayList<>();
  private final List<Company> companies = new ArrayList<>();
  // Entries per phrase, as flat growable lists: company, case, flags, rule.
  private int[] entryPhrase = new int[1024];
  private int[] entryCompany = new int[1024];
  private byte[] entryCase = new byte[1024];
  private byte[] entryFlags = new byte[1024];
  private String[] entryRule = new String[1024];
  private String[] entryWritten = new String[1024];
  private int entries;

  GazetteerBuilder(int expectedCompanies) {
    // About 40 states per company: name, aliases, products and their variants, shared prefixes aside.
    automaton = TokenAutomaton.builder((int) Math.min(1 << 28, 40L * expectedCompanies));
  }

  GazetteerBuilder addAll(Collection<Company> companies) {
    for (Company c : companies) {
      add(c);
    }
    return this;
  }

  void add(Company c) {
    int company = companyIds.size();
    companyIds.add(c.getId());
    companies.add(c);
    for (NameVariants.Variant v : NameVariants.of(c.getName(), "name")) {
      addAlias(company, v.written(), v.folded(), v.rule());
    }
    for (String alias : c.getAliases()) {
      for (NameVariants.Variant v : NameVariants.of(alias, "alias")) {
        addAlias(company, v.written(), v.folded(), v.rule());
      }
    }
    for (String product : c.getProducts()) {
      if (product != null && !product.isBlank()) {
        addAlias(company, product.strip(), TextNormalizer.fold(product), "product");
      }
    }
  }

  private void addAlias(int company, String written, String folded, String rule) {
    if (folded.isEmpty()) {
      return;
    }
    int phrase = automaton.add(folded);
    if (phrase < 0) {
      return;
    }
    byte caseMode = caseMode(written);
    byte flags = flags(written, folded, rule.indexOf(':') >= 0);
    // One entry per phrase and company: the first rule wins; case and ambiguity take the most lenient.
    for (int e = entries - 1; e >= 0 && e >= entries - 64; e--) {
      if (entryPhrase[e] == phrase && entryCompany[e] == company) {
        entryCase[e] = (byte) Math.min(entryCase[e], caseMode);
        entryFlags[e] = (byte) (entryFlags[e] & flags);
        if (entryRule[e].indexOf(':') >= 0 && rule.indexOf(':') < 0) {
          entryRule[e] = rule; // a name given as such explains the match better than a derived variant
          entryWritten[e] = written;
        }
        return;
      }
    }
    if (entries == entryPhrase.length) {
      growEntries();
    }
    int e = entries++;
    entryPhrase[e] = phrase;
    entryCompany[e] = company;
    entryCase[e] = caseMode;
    entryFlags[e] = flags;
    entryRule[e] = rule;
    entryWritten[e] = written;
  }

  private void growEntries() {
    int size = entries * 2;
    entryPhrase = Arrays.copyOf(entryPhrase, size);
    entryCompany = Arrays.copyOf(entryCompany, size);
    entryCase = Arrays.copyOf(entryCase, size);
    entryFlags = Arrays.copyOf(entryFlags, size);
    entryRule = Arrays.copyOf(entryRule, size);
    entryWritten = Arrays.copyOf(entryWritten, size);
  }

  static byte caseMode(String written) {
    int letters = 0;
    int upper = 0;
    for (int i = 0; i < written.length(); i++) {
      char c = written.charAt(i);
      if (Character.isLetter(c) && TextNormalizer.classOf(c) == TextNormalizer.WORD) {
        letters++;
        if (Character.isUpperCase(c)) {
          upper++;
        }
      }
    }
    if (upper == 0) {
      return CompanyLinker.CASE_ANY;
    }
    return upper == letters && letters <= 4 ? CompanyLinker.CASE_UPPER : CompanyLinker.CASE_NOT_LOWER;
  }

  static byte flags(String written, String folded, boolean derived) {
    if (TextNormalizer.hasCjk(folded)) {
      // One character is never enough; two are an ordinary word as often as a name once a suffix is cut off.
      return folded.length() <= 1 || (derived && folded.length() <= 2) ? (byte) CompanyLinker.SHORT_CJK : 0;
    }
    if (folded.indexOf(' ') >= 0) {
      return 0;
    }
    int flags = 0;
    if (CommonWords.contains(folded)) {
      flags |= CompanyLinker.AMBIGUOUS_WORD;
    }
    if (folded.length() <= 2) {
      flags |= CompanyLinker.TINY;
    } else if (folded.length() <= 3) {
      flags |= CompanyLinker.SHORT_WORD;
    }
    return (byte) flags;
  }

  CompanyLinker build() {
    TokenAutomaton built = automaton.build();
    int phrases = automaton.phrases();
    // Entries grouped by phrase (counting sort), so a match finds its companies in one range.
    int[] start = new int[phrases + 1];
    for (int e = 0; e < entries; e++) {
      start[entryPhrase[e] + 1]++;
    }
    for (int p = 0; p < phrases; p++) {
      start[p + 1] += start[p];
    }
    int[] fill = Arrays.copyOf(start, phrases);
    int[] company = new int[entries];
    byte[] caseMode = new byte[entries];
    byte[] flags = new byte[entries];
    String[] rule = new String[entries];
    String[] written = new String[entries];
    for (int e = 0; e < entries; e++) {
      int at = fill[entryPhrase[e]]++;
      company[at] = entryCompany[e];
      caseMode[at] = entryCase[e];
      flags[at] = entryFlags[e];
      rule[at] = entryRule[e];
      written[at] = entryWritten[e];
    }
    return new CompanyLinker(built, start, company, caseMode, flags, rule, written, companyIds.toArray(String[]::new),
        phrases, companies);
  }
}
