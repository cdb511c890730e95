package dev.newsflow.streams.enrich.link;

import dev.newsflow.streams.enrich.text.ArticleText;
import dev.newsflow.streams.enrich.text.NormalizedText;
import dev.newsflow.streams.enrich.text.TextNormalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells, from the characters around a Chinese company name where it stands in a text, when the name is
 * not used for the company: Chinese has no spaces, so a name can be the start of a place ("南京东路"
 * holds 京东), part of a person's transliterated name ("威廉姆斯"), the title of a work ("《大众软件》"),
 * an industry ("中国银行业"), a column label ("大众软件：…"), a club in a match report ("AC米兰 vs …"),
 * a byline or a public body. Each check reads a few characters on either side of the match, never the
 * whole text again. The words come from two versioned resources: {@code context-zh.txt} (the lists of
 * each rule) and {@code common-words-zh.txt} (the ordinary words a name may sit across).
 */
final class ChineseContext {
  static final String RESOURCE = "context-zh.txt";
  static final String WORDS_RESOURCE = "common-words-zh.txt";
  static final String VERSION;

  private static final Words PLACE_AFTER;
  private static final Words PLACE_MODIFIER;
  private static final Words NOT_PLACE;
  /** The common words, each packed into a long (up to four 16-bit characters), sorted: no allocation per lookup. */
  private static final long[] WORDS;
  private static final int LONGEST_WORD = 4;
  private static final String NAME_END;
  private static final String JOINING;
  private static final String TRANSLITERATION;
  private static final String TRANSLITERATION_ONLY;
  private static final Words PERSON_BEFORE;
  private static final Words PERSON_AFTER;
  private static final Words OTHER_BODY;
  private static final Words OTHER_BODY_MODIFIER;
  private static final Words NOT_OTHER_BODY;
  private static final Words INDUSTRY;
  private static final Words NOT_INDUSTRY;
  private static final Words PLACE_HEAD;
  private static final Words COMPANY_WORD;
  private static final Words PUBLIC_BODY;
  private static final Words CREDIT_AFTER;
  private static final Words NOT_CREDIT_AFTER;
  private static final Words CREDIT_END;
  private static final Words NOT_CREDIT_END;
  private static final Words SPORT_AFTER;
  private static final Words SPORT_BEFORE;
  private static final Set<String> CLUB_PREFIX;
  private static final Words CLUB_SUFFIX;
  private static final Words SPORT_WORD;

  /** How far around a club-form name to look for a sports text, in characters. */
  private static final int SPORT_WINDOW = 30;
  /** How far a title opened before a name may reach, in characters: a title is a few words. */
  private static final int TITLE_REACH = 24;
  /** How far after a name a dateline's "…日电" may end ("新华网纽约12月21日电"). */
  private static final int DATELINE_REACH = 16;

  static {
    WordListResource context = WordListResource.read(RESOURCE);
    WordListResource words = WordListResource.read(WORDS_RESOURCE);
    VERSION = context.version() + "+" + words.version();
    Map<String, List<String>> lists = context.lists(List.of("place-after", "place-modifier", "not-place", "name-end",
        "joining", "transliteration", "transliteration-only", "person-before", "person-after", "other-body", "other-body-modifier", "not-other-body",
        "industry", "not-industry", "place-head", "company-word", "public-body", "credit-after", "not-credit-after",
        "credit-end", "not-credit-end", "sport-after", "sport-before", "club-prefix", "club-suffix", "sport-word"));
    PLACE_AFTER = new Words(lists.get("place-after"));
    PLACE_MODIFIER = new Words(lists.get("place-modifier"));
    NOT_PLACE = new Words(lists.get("not-place"));
    WORDS = words.lines().stream().map(String::strip).mapToLong(ChineseContext::pack).sorted().distinct().toArray();
    NAME_END = String.join("", lists.get("name-end"));
    JOINING = String.join("", lists.get("joining"));
    TRANSLITERATION = String.join("", lists.get("transliteration"));
    TRANSLITERATION_ONLY = String.join("", lists.get("transliteration-only"));
    PERSON_BEFORE = new Words(lists.get("person-before"));
    PERSON_AFTER = new Words(lists.get("person-after"));
    OTHER_BODY = new Words(lists.get("other-body"));
    OTHER_BODY_MODIFIER = new Words(lists.get("other-body-modifier"));
    NOT_OTHER_BODY = new Words(lists.get("not-other-body"));
    INDUSTRY = new Words(lists.get("industry"));
    NOT_INDUSTRY = new Words(lists.get("not-industry"));
    PLACE_HEAD = new Words(lists.get("place-head"));
    COMPANY_WORD = new Words(lists.get("company-word"));
    PUBLIC_BODY = new Words(lists.get("public-body"));
    CREDIT_AFTER = new Words(lists.get("credit-after"));
    NOT_CREDIT_AFTER = new Words(lists.get("not-credit-after"));
    CREDIT_END = new Words(lists.get("credit-end"));
    NOT_CREDIT_END = new Words(lists.get("not-credit-end"));
    SPORT_AFTER = new Words(lists.get("sport-after"));
    SPORT_BEFORE = new Words(lists.get("sport-before"));
    CLUB_PREFIX = Set.copyOf(lists.get("club-prefix"));
    CLUB_SUFFIX = new Words(lists.get("club-suffix"));
    SPORT_WORD = new Words(lists.get("sport-word"));
  }

  private ChineseContext() {}

  /**
   * Why the name at folded positions {@code [start, end)} does not name the company, or null when
   * nothing around it says so. Only names in Chinese text are judged: title marks and sports words
   * apply to a Latin name amid Chinese too, the other checks to names that begin or end with a CJK
   * character.
   */
  static ContextReason notTheCompany(ArticleText text, int start, int end) {
    char[] c = text.folded().chars();
    int len = text.folded().length();
    boolean cjkFirst = isCjk(c[start]);
    boolean cjkLast = isCjk(c[end - 1]);
    if (!cjkFirst && !cjkLast && !nextToCjk(c, start, end, len)) {
      return null; // English text: none of this applies ("Apple vs Samsung" is no match report)
    }
    if (insideTitle(text, start, end)) {
      return ContextReason.TITLE;
    }
    if (!cjkFirst && !cjkLast) {
      return sport(text, c, start, end, len) ? ContextReason.SPORT : null; // a Latin name amid Chinese: "WE战队"
    }
    if (sport(text, c, start, end, len)) {
      return ContextReason.SPORT;
    }
    if (cjkLast && start >= text.titleEnd() && columnLabel(text, start, end)) {
      return ContextReason.LABEL;
    }
    if (cjkFirst && cjkLast) {
      if (nameDot(text, start, end)) {
        return ContextReason.PERSON;
      }
      if (transliterated(c, start, end, len) || PERSON_BEFORE.endingAt(c, 0, start) > 0
          || PERSON_AFTER.at(c, end, len) > 0) {
        return ContextReason.PERSON;
      }
      if (placeAfter(c, end, len)) {
        return ContextReason.PLACE;
      }
      // As in segmenting by longest words, a word only takes characters from a name hardly longer than it.
      if (wordAcrossStart(c, start, end, len) || wordAcrossEnd(c, start, end, len)) {
        return ContextReason.WORD_BOUNDARY;
      }
      if (PLACE_HEAD.endingAt(c, start, end) > 0 && COMPANY_WORD.at(c, end, len) == 0) {
        return ContextReason.PLACE;
      }
      if (otherBody(c, end, len)) {
        return ContextReason.OTHER_BODY;
      }
      if (industry(c, start, end, len)) {
        return ContextReason.INDUSTRY;
      }
      if (containsWord(c, start, end, PUBLIC_BODY)) {
        return ContextReason.PUBLIC_BODY;
      }
    }
    if (cjkLast && credit(c, start, end, len)) {
      return ContextReason.CREDIT;
    }
    return null;
  }

  /** A name inside title marks (《大众软件》, 《暴雪DOTA》) names a book, game, film or magazine. */
  private static boolean insideTitle(ArticleText text, int start, int end) {
    NormalizedText f = text.folded();
    int from = f.originOf(start);
    int to = f.originOf(end - 1) + 1;
    boolean opened = false;
    for (int i = from - 1; i >= 0 && i >= from - TITLE_REACH; i--) {
      char ch = text.originalAt(i);
      if (ch == '\u300A') {
        opened = true;
        break;
      }
      if (ch == '\u300B' || isClauseEnd(ch)) {
        return false;
      }
    }
    if (!opened) {
      return false;
    }
    int limit = f.originOf(f.length() - 1);
    for (int i = to; i < limit && i < to + TITLE_REACH; i++) {
      char ch = text.originalAt(i);
      if (ch == '\u300B') {
        return true;
      }
      if (ch == '\u300A' || isClauseEnd(ch)) {
        return false;
      }
    }
    return false;
  }

  /**
   * "大众软件：《仙剑》专题": in the body, a name that opens a sentence and is followed by a colon labels a
   * column or a speaker. (A headline "华为：…" is news about the company; the caller keeps those.)
   */
  private static boolean columnLabel(ArticleText text, int start, int end) {
    NormalizedText f = text.folded();
    char after = text.originalAt(f.originOf(end - 1) + 1);
    if (after != '\uFF1A' && after != ':') {
      return false;
    }
    int before = f.originOf(start) - 1;
    while (before >= 0 && Character.isWhitespace(text.originalAt(before))) {
      before--;
    }
    if (before < 0) {
      return true;
    }
    char ch = text.originalAt(before);
    return isClauseEnd(ch) || ch == '\u3011' || ch == '\u300D' || ch == '\u201D' || ch == ')' || ch == '\uFF09';
  }

  /** "西摩尔·霍夫曼": a middle dot joins the parts of a transliterated person's name. */
  private static boolean nameDot(ArticleText text, int start, int end) {
    NormalizedText f = text.folded();
    int before = f.originOf(start) - 1;
    int after = f.originOf(end - 1) + 1;
    return before >= 0 && isNameDot(text.originalAt(before)) || isNameDot(text.originalAt(after));
  }

  /** A name spelled only in transliteration characters, next to one that only transliterates ("威廉姆斯"). */
  private static boolean transliterated(char[] c, int start, int end, int len) {
    for (int i = start; i < end; i++) {
      if (TRANSLITERATION.indexOf(c[i]) < 0) {
        return false;
      }
    }
    return end < len && TRANSLITERATION_ONLY.indexOf(c[end]) >= 0
        || start > 0 && TRANSLITERATION_ONLY.indexOf(c[start - 1]) >= 0;
  }

  /** A place or facility word after the name, possibly after one modifier ("光大会展中心"). */
  private static boolean placeAfter(char[] c, int end, int len) {
    if (placeWordAt(c, end, len)) {
      return true;
    }
    int modifier = PLACE_MODIFIER.at(c, end, len);
    return modifier > 0 && placeWordAt(c, end + modifier, len);
  }

  private static boolean placeWordAt(char[] c, int at, int len) {
    return PLACE_AFTER.at(c, at, len) > 0 && NOT_PLACE.at(c, at, len) == 0;
  }

  /**
   * A common word or place name that takes the character before the name and the name's first
   * character ("北京东路" holds 京东, "人民生活" holds 民生), unless a joining character precedes the name
   * ("和平安" is 和/平安).
   */
  private static boolean wordAcrossStart(char[] c, int start, int end, int len) {
    if (start == 0 || JOINING.indexOf(c[start - 1]) >= 0) {
      return false;
    }
    for (int back = 1; back < LONGEST_WORD && start - back >= 0 && isCjk(c[start - back]); back++) {
      for (int length = Math.max(back + 1, end - start - 1); length <= LONGEST_WORD && start - back + length <= len;
          length++) {
        if (isWord(c, start - back, length)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A common word that takes the name's last character and the character after it ("星光大道" holds 光大,
   * "新浪网友" holds 新浪网), unless the name ends in a character that ends company names ("建行为…").
   */
  private static boolean wordAcrossEnd(char[] c, int start, int end, int len) {
    if (end >= len || !isCjk(c[end]) || NAME_END.indexOf(c[end - 1]) >= 0) {
      return false;
    }
    for (int inside = 1; inside < LONGEST_WORD && end - inside >= start; inside++) {
      for (int length = Math.max(inside + 1, end - start - 1); length <= LONGEST_WORD && end - inside + length <= len;
          length++) {
        if (isWord(c, end - inside, length)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isWord(char[] c, int from, int length) {
    long key = 0;
    for (int i = from; i < from + length; i++) {
      key = key << 16 | c[i];
    }
    return Arrays.binarySearch(WORDS, key) >= 0;
  }

  private static long pack(String word) {
    if (word.length() > LONGEST_WORD) {
      throw new IllegalStateException(WORDS_RESOURCE + ": words have at most " + LONGEST_WORD + " characters: " + word);
    }
    long key = 0;
    for (int i = 0; i < word.length(); i++) {
      key = key << 16 | word.charAt(i);
    }
    return key;
  }

  /** "星河信托", "邮政局", "星河研究学会": the name names a different body, or a family. */
  private static boolean otherBody(char[] c, int end, int len) {
    if (NOT_OTHER_BODY.at(c, end, len) > 0) {
      return false;
    }
    if (OTHER_BODY.at(c, end, len) > 0) {
      return true;
    }
    int modifier = OTHER_BODY_MODIFIER.at(c, end, len);
    return modifier > 0 && OTHER_BODY.at(c, end + modifier, len) > 0;
  }

  /** "中国银行业": a name ending in an industry noun, followed by 业, is the industry. */
  private static boolean industry(char[] c, int start, int end, int len) {
    return end < len && c[end] == '\u4E1A' && INDUSTRY.endingAt(c, start, end) > 0
        && NOT_INDUSTRY.at(c, end, len) == 0;
  }

  /** A byline or dateline: "每经记者", "新浪房产讯", "新华网纽约12月21日电"; or a name that is one ("新浪娱乐讯"). */
  private static boolean credit(char[] c, int start, int end, int len) {
    if (CREDIT_AFTER.at(c, end, len) > 0) {
      return NOT_CREDIT_AFTER.at(c, end, len) == 0;
    }
    if (end - start > 2 && CREDIT_END.endingAt(c, start, end) > 0 && NOT_CREDIT_END.endingAt(c, start, end) == 0) {
      return true;
    }
    int limit = Math.min(len - 1, end + DATELINE_REACH);
    for (int i = end; i < limit; i++) {
      if (c[i] == '\u65E5' && c[i + 1] == '\u7535') { // 日电
        return true;
      }
    }
    return false;
  }

  /**
   * A club in a match report: a sports word right next to the name ("AC米兰vs切沃", "击败AC米兰"), or a
   * club-form name ("AC米兰", "…队") with sports words around it.
   */
  private static boolean sport(ArticleText text, char[] c, int start, int end, int len) {
    int after = end;
    while (after < len && Character.isWhitespace(text.originalAt(after - 1))) {
      after++;
    }
    if (SPORT_AFTER.at(c, after, len) > 0) {
      return true;
    }
    int before = start;
    while (before > 1 && Character.isWhitespace(text.originalAt(before - 2))) {
      before--;
    }
    if (SPORT_BEFORE.endingAt(c, 0, before) > 0) {
      return true;
    }
    if (!clubForm(c, start, end)) {
      return false;
    }
    int from = Math.max(0, start - SPORT_WINDOW);
    int to = Math.min(len, end + SPORT_WINDOW);
    return containsWord(c, from, start, SPORT_WORD) || containsWord(c, end, to, SPORT_WORD);
  }

  private static boolean clubForm(char[] c, int start, int end) {
    if (CLUB_SUFFIX.endingAt(c, start, end) > 0) {
      return true;
    }
    int i = start;
    while (i < end && c[i] != TextNormalizer.SEP && !isCjk(c[i])) {
      i++;
    }
    return i > start && i < end && CLUB_PREFIX.contains(new String(c, start, i - start));
  }

  /** True when the nearest word character before or after folded positions {@code [start, end)} is CJK. */
  static boolean nextToCjk(char[] c, int start, int end, int len) {
    int after = end;
    while (after < len && c[after] == TextNormalizer.SEP) {
      after++;
    }
    int before = start - 1;
    while (before > 0 && c[before] == TextNormalizer.SEP) {
      before--;
    }
    return after < len && isCjk(c[after]) || before >= 0 && isCjk(c[before]);
  }

  private static boolean containsWord(char[] c, int from, int to, Words words) {
    for (int i = from; i < to; i++) {
      if (words.at(c, i, to) > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * A short list of words, with a 64-bit sketch of their first and last characters so that a position
   * no word can start or end at is turned away with one test.
   */
  private static final class Words {
    private final String[] words;
    private final long first;
    private final long last;

    Words(List<String> list) {
      words = list.toArray(String[]::new);
      long f = 0;
      long l = 0;
      for (String w : words) {
        f |= 1L << w.charAt(0);
        l |= 1L << w.charAt(w.length() - 1);
      }
      first = f;
      last = l;
    }

    /** The length of the first word the text holds at {@code at} (before {@code len}), or 0. */
    int at(char[] c, int at, int len) {
      if (at >= len || (first & 1L << c[at]) == 0) {
        return 0;
      }
      for (String word : words) {
        if (at + word.length() <= len && regionMatches(c, at, word)) {
          return word.length();
        }
      }
      return 0;
    }

    /** The length of the first word the text holds ending at {@code end} (from {@code from} on), or 0. */
    int endingAt(char[] c, int from, int end) {
      if (end <= from || (last & 1L << c[end - 1]) == 0) {
        return 0;
      }
      for (String word : words) {
        if (end - word.length() >= from && regionMatches(c, end - word.length(), word)) {
          return word.length();
        }
      }
      return 0;
    }
  }

  private static boolean regionMatches(char[] c, int at, String word) {
    for (int i = 0; i < word.length(); i++) {
      if (c[at + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCjk(char ch) {
    return TextNormalizer.classOf(ch) == TextNormalizer.CJK;
  }

  private static boolean isNameDot(char ch) {
    return ch == '\u00B7' || ch == '\u30FB' || ch == '\u2027' || ch == '\u2022';
  }

  private static boolean isClauseEnd(char ch) {
    return ch == '\u3002' || ch == '\uFF0C' || ch == '\uFF1B' || ch == '\uFF01' || ch == '\uFF1F' || ch == '\u3001'
        || ch == '.' || ch == ',' || ch == ';' || ch == '!' || ch == '?' || ch == '\n';
  }
}
