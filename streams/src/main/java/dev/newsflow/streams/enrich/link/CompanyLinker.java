package dev.newsflow.streams.enrich.link;

import dev.newsflow.schema.Company;
import dev.newsflow.schema.Mention;
import dev.newsflow.streams.enrich.text.ArticleText;
import dev.newsflow.streams.enrich.text.NormalizedText;
import dev.newsflow.streams.enrich.text.TextNormalizer;
import dev.newsflow.streams.enrich.text.TokenAutomaton;
import dev.newsflow.streams.enrich.text.Tokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

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
 *       a club in a match report ({@link ChineseContext}).
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
  public static final String VERSION = "linker-3+" + CommonWords.VERSION + "+" + ChineseContext.VERSION;

  static final byte CASE_ANY = 0;
  static final byte CASE_NOT_LOWER = 1;
  static final byte CASE_UPPER = 2;

  private static final int AMBIGUOUS_WORD = 1;
  private static final int SHORT_WORD = 2;
  private static final int SHORT_CJK = 4;
  private static final int TINY = 8;

  private static final Set<String> CUES_AFTER = Set.of("said", "says", "announced", "announces", "reported",
      "reports", "unveiled", "unveils", "launched", "launches", "released", "releases", "introduced",
      "shares", "stock", "ceo", "chief", "chairman", "president", "spokesman", "spokeswoman", "spokesperson",
      "executive", "executives", "earnings", "revenue", "revenues", "profit", "profits", "shareholders",
      "stockholders", "agreed", "acquired", "acquires", "bought", "sold", "posted", "expects", "declined",
      "confirmed", "denied", "subsidiary", "unit", "board", "management", "inc", "corp", "corporation", "co",
      "ltd", "plc", "group", "holdings", "shareholder", "founder", "cofounder", "stake", "bid");
  private static final Set<String> CUES_AFTER_POSSESSIVE = Set.of("shares", "stock", "ceo", "chief", "board",
      "chairman", "president", "founder", "profit", "profits", "revenue", "revenues", "sales", "earnings",
      "results", "products", "subsidiary", "unit", "headquarters", "stake", "offer", "bid", "shareholders",
      "devices", "software", "chips", "executives", "management", "spokesman", "spokeswoman", "chairwoman",
      "model", "models", "market", "customers", "operations", "business", "division", "acquisition", "deal",
      "cloud", "service", "services", "platform", "app", "apps", "website", "store", "stores", "assistant",
      "chatbot", "engineers", "researchers", "employees", "staff", "workers", "partners", "investment", "plans",
      "strategy", "lawyers", "factory", "factories", "plant", "brand", "logo", "smartphone", "phones");
  private static final Set<String> CUES_BEFORE = Set.of("rival", "rivals", "chipmaker", "carmaker", "automaker",
      "retailer", "firm", "giant", "maker", "startup", "brokerage", "lender", "insurer", "conglomerate",
      "airline", "supplier", "operator", "company", "developer", "manufacturer", "group", "peers", "like");
  private static final List<String> CJK_CUES_AFTER = List.of("公司", "集团", "股份", "表示", "宣布", "发布", "推出",
      "旗下", "董事长", "总裁", "首席", "股价", "财报", "称", "方面", "创始人", "官方", "高管", "发言人", "今日", "日前",
      "近日", "正式", "已经", "正在", "将", "在", "也", "还", "是", "的");
  private static final List<String> CJK_CUES_BEFORE = List.of("据", "由", "与", "和", "及", "对", "向", "从");

  private final TokenAutomaton automaton;
  private final int[] entryStart;
  private final int[] entryCompany;
  private final byte[] entryCase;
  private final byte[] entryFlags;
  private final String[] entryRule;
  private final String[] entryWritten;
  private final String[] companyIds;
  private final int phrases;

  private static final Comparator<Linked> MOST_SALIENT_FIRST =
      Comparator.comparingDouble(Linked::salience).reversed().thenComparing(Linked::companyId);

  private static final ThreadLocal<TokenAutomaton.Matches> MATCHES =
      ThreadLocal.withInitial(TokenAutomaton.Matches::new);

  private CompanyLinker(TokenAutomaton automaton, int[] entryStart, int[] entryCompany, byte[] entryCase,
      byte[] entryFlags, String[] entryRule, String[] entryWritten, String[] companyIds,
      int phrases) {
    this.automaton = automaton;
    this.entryStart = entryStart;
    this.entryCompany = entryCompany;
    this.entryCase = entryCase;
    this.entryFlags = entryFlags;
    this.entryRule = entryRule;
    this.entryWritten = entryWritten;
    this.companyIds = companyIds;
    this.phrases = phrases;
  }

  /** Builds the gazetteer of {@code companies}. */
  public static CompanyLinker of(Collection<Company> companies) {
    return new Builder(companies.size()).addAll(companies).build();
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
        spans[kept++] = ((long) start << 40) | ((long) (0xFFFFF - (end - start)) << 20) | i;
      }
    }
    Arrays.sort(spans, 0, kept);
    List<Acc> byCompany = new ArrayList<>(); // few per article: a list beats a map
    int coveredUntil = -1;
    for (int k = 0; k < kept; k++) {
      int start = (int) (spans[k] >>> 40);
      if (start < coveredUntil) {
        continue;
      }
      int i = (int) (spans[k] & 0xFFFFF);
      int phrase = matches.phrase(i);
      int end = start + (0xFFFFF - (int) ((spans[k] >>> 20) & 0xFFFFF));
      coveredUntil = end;
      if (ChineseContext.notTheCompany(text, start, end) != null) {
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
    String cue = ambiguous ? cue(text, start, end) : null;
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

  /** A word next to an ambiguous mention that shows a company is meant, or null. */
  static String cue(ArticleText text, int start, int end) {
    NormalizedText f = text.folded();
    char[] chars = f.chars();
    int len = f.length();
    int afterAt = skipSeparators(chars, end, len);
    int beforeAt = start - 1;
    while (beforeAt > 0 && chars[beforeAt] == TextNormalizer.SEP) {
      beforeAt--;
    }
    boolean cjkAround = (afterAt < len && TextNormalizer.classOf(chars[afterAt]) == TextNormalizer.CJK)
        || (beforeAt >= 0 && TextNormalizer.classOf(chars[beforeAt]) == TextNormalizer.CJK);
    if (cjkAround) {
      String after = new String(chars, afterAt, Math.min(3, len - afterAt));
      for (String cue : CJK_CUES_AFTER) {
        if (after.startsWith(cue)) {
          return cue;
        }
      }
      if (beforeAt >= 0) {
        String before = String.valueOf(chars[beforeAt]);
        if (CJK_CUES_BEFORE.contains(before)) {
          return before;
        }
      }
      return null;
    }
    String following = token(chars, afterAt, len);
    if (following.equals("s")) { // a possessive: "Apple's shares"
      String owned = token(chars, skipSeparators(chars, afterAt + 1, len), len);
      return CUES_AFTER_POSSESSIVE.contains(owned) ? "'s " + owned : null;
    }
    if (CUES_AFTER.contains(following)) {
      return following;
    }
    int prevStart = beforeAt;
    while (prevStart > 0 && chars[prevStart - 1] != TextNormalizer.SEP) {
      prevStart--;
    }
    String preceding = beforeAt < 0 ? "" : new String(chars, prevStart, beforeAt + 1 - prevStart);
    return CUES_BEFORE.contains(preceding) ? preceding : null;
  }

  private static int skipSeparators(char[] chars, int from, int len) {
    int i = from;
    while (i < len && chars[i] == TextNormalizer.SEP) {
      i++;
    }
    return i;
  }

  private static String token(char[] chars, int from, int len) {
    int to = from;
    while (to < len && chars[to] != TextNormalizer.SEP) {
      to++;
    }
    return from >= len ? "" : new String(chars, from, to - from);
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

  /** Collects the companies' names and builds the automaton. */
  static final class Builder {
    private final TokenAutomaton.Builder automaton;
    private final List<String> companyIds = new ArrayList<>();
    // Entries per phrase, as flat growable lists: company, case, flags, rule.
    private int[] entryPhrase = new int[1024];
    private int[] entryCompany = new int[1024];
    private byte[] entryCase = new byte[1024];
    private byte[] entryFlags = new byte[1024];
    private String[] entryRule = new String[1024];
    private String[] entryWritten = new String[1024];
    private int entries;

    Builder(int expectedCompanies) {
      // About 40 states per company: name, aliases, products and their variants, shared prefixes aside.
      automaton = TokenAutomaton.builder((int) Math.min(1 << 28, 40L * expectedCompanies));
    }

    Builder addAll(Collection<Company> companies) {
      for (Company c : companies) {
        add(c);
      }
      return this;
    }

    void add(Company c) {
      int company = companyIds.size();
      companyIds.add(c.getId());
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
        int size = entries * 2;
        entryPhrase = Arrays.copyOf(entryPhrase, size);
        entryCompany = Arrays.copyOf(entryCompany, size);
        entryCase = Arrays.copyOf(entryCase, size);
        entryFlags = Arrays.copyOf(entryFlags, size);
        entryRule = Arrays.copyOf(entryRule, size);
        entryWritten = Arrays.copyOf(entryWritten, size);
      }
      entryPhrase[entries] = phrase;
      entryCompany[entries] = company;
      entryCase[entries] = caseMode;
      entryFlags[entries] = flags;
      entryRule[entries] = rule;
      entryWritten[entries] = written;
      entries++;
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
        return CASE_ANY;
      }
      return upper == letters && letters <= 4 ? CASE_UPPER : CASE_NOT_LOWER;
    }

    static byte flags(String written, String folded, boolean derived) {
      if (TextNormalizer.hasCjk(folded)) {
        // One character is never enough; two are an ordinary word as often as a name once a suffix is cut off.
        return folded.length() <= 1 || (derived && folded.length() <= 2) ? (byte) SHORT_CJK : 0;
      }
      if (folded.indexOf(' ') >= 0) {
        return 0;
      }
      int flags = 0;
      if (CommonWords.contains(folded)) {
        flags |= AMBIGUOUS_WORD;
      }
      if (folded.length() <= 2) {
        flags |= TINY;
      } else if (folded.length() <= 3) {
        flags |= SHORT_WORD;
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
          phrases);
    }
  }
}
