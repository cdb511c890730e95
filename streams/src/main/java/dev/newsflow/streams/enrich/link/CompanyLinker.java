package dev.newsflow.streams.enrich.link;

import dev.newsflow.schema.Company;
import dev.newsflow.schema.Mention;
import dev.newsflow.streams.enrich.text.ArticleText;
import dev.newsflow.streams.enrich.text.LeftmostLongest;
import dev.newsflow.streams.enrich.text.NormalizedText;
import dev.newsflow.streams.enrich.text.TokenAutomaton;
import dev.newsflow.streams.enrich.text.Tokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the companies an article is about, in one pass of an Aho-Corasick automaton over the folded
 * text, whatever the size of the gazetteer. Each company is known by its name, its aliases and its
 * products (a product names its maker), plus the variants {@link NameVariants} derives from them.
 *
 * <p>Rules, in the order they apply:
 * <ul>
 *   <li><b>words</b>: Latin-script aliases match whole words (a CJK character next to a Latin letter
 *       is a boundary); CJK aliases match anywhere, since those scripts do not separate words.
 *   <li><b>case</b>: an alias written with capitals does not match an all-lowercase occurrence
 *       ("sharp", "cts"), and a short acronym ("EA", "CTS") matches only in capitals. All-caps
 *       headlines carry no case, so there every alias matches whatever its case; Chinese has none,
 *       so a short acronym in capitals amid Chinese ("EA收购…") is a name, not an ambiguous word.
 *   <li><b>longest</b>: overlapping matches keep the leftmost longest ("Alibaba Cloud" over "Alibaba").
 *   <li><b>context</b>: a name that its surroundings show to be something else does not count: a work's
 *       title, a column label, a place, a person, another body, an industry, a public body, a byline,
 *       a club in a match report ({@link ChineseContext}); in English, a one-word name right after a given
 *       name or an honorific is a person's ({@link EnglishPersons}: "Daniel Williams", "Mr. Santos").
 *   <li><b>ambiguous</b>: an alias that is an ordinary word ("Apple", "Shell", "Oracle"), a very short
 *       one, a short acronym in a headline, or a two-character CJK name counts only with support:
 *       another, unambiguous mention of the same company in the article, or a cue next to it
 *       ("Apple said", "Apple's shares", "Shell Oil", "华为公司"). The mention's rule records which.
 *   <li><b>outlet</b>: the outlet that published the article ({@code source}) is not counted for
 *       naming itself in its own copy ("told Reuters"), unless its headline names it.
 * </ul>
 * Immutable; safe to share between stream threads.
 */
public final class CompanyLinker {
  /** Identifies the linking rules and word list in enriched records. */
  public static final String VERSION = "linker-3+" + CommonWords.VERSION + "+" + ChineseContext.VERSION + "+"
      + EnglishPersons.VERSION;

  static final byte CASE_ANY = 0;
  static final byte CASE_NOT_LOWER = 1;
  static final byte CASE_UPPER = 2;

  // Why an alias may be ambiguous (GazetteerBuilder sets them, a match reads them): bit flags.
  static final int AMBIGUOUS_WORD = 1;
  static final int SHORT_WORD = 2;
  static final int SHORT_CJK = 4;
  static final int TINY = 8;

  private final TokenAutomaton automaton;
  private final int[] entryStart;
  private final int[] entryCompany;
  private final byte[] entryCase;
  private final byte[] entryFlags;
  private final String[] entryRule;
  private final String[] entryWritten;
  private final String[] companyIds;
  private final int phrases;
  /** The records the gazetteer was built from, by id: what a later stage needs of a linked company. */
  private final Map<String, Company> companiesById;

  private static final Comparator<Linked> MOST_SALIENT_FIRST =
      Comparator.comparingDouble(Linked::salience).reversed().thenComparing(Linked::companyId);

  private static final ThreadLocal<TokenAutomaton.Matches> MATCHES =
      ThreadLocal.withInitial(TokenAutomaton.Matches::new);

  CompanyLinker(TokenAutomaton automaton, int[] entryStart, int[] entryCompany, byte[] entryCase,
      byte[] entryFlags, String[] entryRule, String[] entryWritten, String[] companyIds,
      int phrases, List<Company> companies) {
    this.automaton = automaton;
    this.entryStart = entryStart;
    this.entryCompany = entryCompany;
    this.entryCase = entryCase;
    this.entryFlags = entryFlags;
    this.entryRule = entryRule;
    this.entryWritten = entryWritten;
    this.companyIds = companyIds;
    this.phrases = phrases;
    Map<String, Company> byId = new HashMap<>();
    companies.forEach(c -> byId.put(c.getId(), c));
    this.companiesById = byId;
  }

  /** Builds the gazetteer of {@code companies}. */
  public static CompanyLinker of(Collection<Company> companies) {
    return new GazetteerBuilder(companies.size()).addAll(companies).build();
  }

  /** The gazetteer record of a company this linker links, null for an id it does not know. */
  public Company company(String companyId) {
    return companiesById.get(companyId);
  }

  /** How many distinct phrases the gazetteer holds. */
  public int size() {
    return phrases;
  }

  /** The companies mentioned in an article, most salient first. */
  public List<Mention> link(String title, String body) {
    return link(ArticleText.of(title, body), null);
  }

  /** The companies mentioned in an article published by {@code source} (may be null), most salient first. */
  public List<Mention> link(ArticleText text, String source) {
    List<Mention> out = new ArrayList<>();
    for (Linked l : find(text, source)) {
      out.add(l.toMention(null));
    }
    return out;
  }

  /** A company found in an article, with where: positions are folded-text offsets of each counted mention. */
  public record Linked(String companyId, String alias, int count, boolean inTitle, double salience, String rule,
      int[] positions) {
    public Mention toMention(Double sentiment) {
      return Mention.newBuilder().setCompanyId(companyId).setAlias(alias).setCount(count).setSalience(salience)
          .setInTitle(inTitle).setRule(rule).setSentiment(sentiment).build();
    }
  }

  /** The companies found in an article, most salient first. */
  public List<Linked> find(ArticleText text, String source) {
    NormalizedText folded = text.folded();
    char[] chars = folded.chars();
    TokenAutomaton.Matches matches = MATCHES.get();
    matches.clear();
    automaton.match(text.tokens(), matches);
    int n = matches.size();
    if (n == 0) {
      return List.of();
    }
    // Leftmost longest first.
    long[] spans = new long[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      int phrase = matches.phrase(i);
      int start = matches.start(i);
      int end = matches.end(i);
      if (anyCaseFits(phrase, text, start, end)) {
        spans[kept++] = LeftmostLongest.key(start, end, i);
      }
    }
    Arrays.sort(spans, 0, kept);
    List<Acc> byCompany = new ArrayList<>(); // few per article: a list beats a map
    int coveredUntil = -1;
    for (int k = 0; k < kept; k++) {
      int start = LeftmostLongest.start(spans[k]);
      if (start < coveredUntil) {
        continue;
      }
      int i = LeftmostLongest.index(spans[k]);
      int phrase = matches.phrase(i);
      int end = LeftmostLongest.end(spans[k]);
      coveredUntil = end;
      if (ChineseContext.notTheCompany(text, start, end) != null || EnglishPersons.isPerson(text, start, end)) {
        continue;
      }
      int from = entryStart[phrase];
      int to = entryStart[phrase + 1];
      if (to - from == 1) { // one company: no ranking needed
        accept(byCompany, from, text, start, end);
        continue;
      }
      int best = bestRank(phrase, text, start, end);
      for (int e = from; e < to; e++) {
        if (caseFits(entryCase[e], text, start, end) && rank(e, text, start, end) >= best) {
          accept(byCompany, e, text, start, end);
        }
      }
    }
    int excluded = -1;
    if (source != null && !source.isBlank()) {
      excluded = phraseOf(source);
    }
    List<Acc> found = new ArrayList<>();
    int maxCount = 1;
    for (Acc acc : byCompany) {
      if (!acc.settle()) {
        continue;
      }
      if (excluded >= 0 && !acc.inTitle && namedBy(excluded, acc.company)) {
        continue;
      }
      found.add(acc);
      maxCount = Math.max(maxCount, acc.count);
    }
    List<Linked> out = new ArrayList<>(found.size());
    double length = Math.max(1, folded.length());
    for (Acc acc : found) {
      double salience = (acc.inTitle ? 0.5 : 0.0) + 0.3 * acc.count / maxCount + 0.2 * (1 - acc.first / length);
      out.add(new Linked(companyIds[acc.company], text.original(acc.firstStart, acc.firstEnd), acc.count,
          acc.inTitle, Math.round(Math.min(1.0, salience) * 1000) / 1000.0, acc.rule(entryRule),
          Arrays.copyOf(acc.positions, acc.count)));
    }
    out.sort(MOST_SALIENT_FIRST);
    return out;
  }

  /**
   * When several companies share a phrase, one whose own name or alias it is wins over one for which it
   * is a derived variant ("花旗" is a company of its own before it is "花旗集团" without its suffix), and
   * among those the longest written exactly so in the article, punctuation included ("【中国银行】").
   */
  private int rank(int entry, ArticleText text, int start, int end) {
    if (entryRule[entry].indexOf(':') >= 0) {
      return 0;
    }
    String written = entryWritten[entry];
    return writtenExactly(written, text, start, end) ? 2 + written.length() : 1;
  }

  private int bestRank(int phrase, ArticleText text, int start, int end) {
    int best = 0;
    for (int e = entryStart[phrase]; e < entryStart[phrase + 1]; e++) {
      if (caseFits(entryCase[e], text, start, end)) {
        best = Math.max(best, rank(e, text, start, end));
      }
    }
    return best;
  }

  /** True when the article writes the alias exactly as given, punctuation around it included. */
  private static boolean writtenExactly(String written, ArticleText text, int start, int end) {
    NormalizedText f = text.folded();
    int lead = 0;
    while (lead < written.length() && !Character.isLetterOrDigit(written.charAt(lead))) {
      lead++;
    }
    int from = f.originOf(start) - lead;
    if (from < 0) {
      return false;
    }
    for (int i = 0; i < written.length(); i++) {
      if (text.originalAt(from + i) != written.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The gazetteer phrase that is exactly {@code name} (folded), or -1. */
  private int phraseOf(String name) {
    Tokens tokens = Tokens.of(NormalizedText.of(name));
    if (tokens.size() == 0) {
      return -1;
    }
    TokenAutomaton.Matches m = new TokenAutomaton.Matches();
    automaton.match(tokens, m);
    for (int i = 0; i < m.size(); i++) {
      if (m.start(i) == tokens.start(0) && m.end(i) == tokens.end(tokens.size() - 1)) {
        return m.phrase(i);
      }
    }
    return -1;
  }

  /** Counts a mention of entry {@code e}'s company whose case already fits. */
  private void accept(List<Acc> byCompany, int e, ArticleText text, int start, int end) {
    boolean ambiguous = ambiguous(entryFlags[e], entryCase[e], text, start, end);
    String cue = ambiguous ? CueWords.around(text, start, end) : null;
    int company = entryCompany[e];
    Acc acc = null;
    for (Acc a : byCompany) {
      if (a.company == company) {
        acc = a;
        break;
      }
    }
    if (acc == null) {
      acc = new Acc();
      acc.company = company;
      byCompany.add(acc);
    }
    acc.add(e, start, end, start < text.titleEnd(), ambiguous, cue);
  }

  private boolean namedBy(int phrase, int company) {
    for (int e = entryStart[phrase]; e < entryStart[phrase + 1]; e++) {
      if (entryCompany[e] == company) {
        return true;
      }
    }
    return false;
  }

  private boolean anyCaseFits(int phrase, ArticleText text, int start, int end) {
    for (int e = entryStart[phrase]; e < entryStart[phrase + 1]; e++) {
      if (caseFits(entryCase[e], text, start, end)) {
        return true;
      }
    }
    return false;
  }

  private static boolean caseFits(byte mode, ArticleText text, int start, int end) {
    if (mode == CASE_ANY || text.caselessAt(start)) {
      return true;
    }
    NormalizedText f = text.folded();
    int from = f.originOf(start);
    int to = f.originOf(end - 1) + 1;
    boolean upper = false;
    for (int i = from; i < to; i++) {
      char c = text.originalAt(i);
      if (Character.isUpperCase(c)) {
        upper = true;
      } else if (mode == CASE_UPPER && Character.isLowerCase(c)) {
        return false;
      }
    }
    return upper;
  }

  private static boolean ambiguous(byte flags, byte caseMode, ArticleText text, int start, int end) {
    if ((flags & (AMBIGUOUS_WORD | SHORT_CJK)) != 0) {
      return true;
    }
    if ((flags & (TINY | SHORT_WORD)) == 0) {
      return false;
    }
    // Chinese has no capitalized words: an acronym written in capitals amid Chinese ("EA收购…") is a name.
    if (caseMode == CASE_UPPER && !text.caselessAt(start)
        && ChineseContext.nextToCjk(text.folded().chars(), start, end, text.folded().length())) {
      return false;
    }
    return (flags & TINY) != 0 || text.caselessAt(start);
  }

  /** What one article says about one company, settled once the whole text is read. */
  private static final class Acc {
    int company;
    int count;
    boolean inTitle;
    int first = Integer.MAX_VALUE;
    int firstStart;
    int firstEnd;
    int firstEntry;
    String support;
    boolean strong;
    int[] positions = new int[4];
    int[] ends = new int[4];
    int[] entries = new int[4];
    boolean[] ambiguous = new boolean[4];
    String[] cues = new String[4];
    int size;

    void add(int entry, int start, int end, boolean title, boolean isAmbiguous, String cue) {
      if (size == positions.length) {
        positions = Arrays.copyOf(positions, size * 2);
        ends = Arrays.copyOf(ends, size * 2);
        entries = Arrays.copyOf(entries, size * 2);
        ambiguous = Arrays.copyOf(ambiguous, size * 2);
        cues = Arrays.copyOf(cues, size * 2);
      }
      positions[size] = start;
      ends[size] = end;
      entries[size] = entry;
      ambiguous[size] = isAmbiguous;
      cues[size] = cue;
      size++;
      strong |= !isAmbiguous;
      inTitle |= title;
    }

    /** Keeps the mentions that count; false when none does. */
    boolean settle() {
      if (!strong) {
        for (int i = 0; i < size && support == null; i++) {
          support = cues[i] == null ? null : "cue:" + cues[i];
        }
        if (support == null) {
          return false;
        }
      }
      count = size;
      for (int i = 0; i < size; i++) {
        if (positions[i] < first) {
          first = positions[i];
          firstStart = positions[i];
          firstEnd = ends[i];
          firstEntry = i;
        }
      }
      return true;
    }

    String rule(String[] entryRule) {
      String rule = entryRule[entries[firstEntry]];
      if (ambiguous[firstEntry]) {
        rule += strong ? "+company-context" : "+" + support;
      }
      return rule;
    }
  }
}
