package dev.newsflow.streams.enrich.dedup;

import dev.newsflow.streams.enrich.link.CommonWords;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What joins two distinct reports of one event into a story: the companies the article was linked to and its
 * distinctive tokens (both hashed), read from the original text in any language:
 * <ul>
 *   <li>names that mix letters and digits ({@code GPT-5}, {@code Qwen3.5}, {@code 910C}; not ordinals);</li>
 *   <li>amounts: specific ones (a decimal such as {@code 2.0}, or three digits or more that are neither round nor
 *       a year, such as {@code 4096}) and round ones with a unit ({@code 30%}); thousands separators are dropped
 *       first. An amount with a scale is folded to its value, so {@code $1.35bn}, {@code $1.35 billion} and
 *       {@code 13.5亿美元} are one token (the currency is not kept), specific when its value has two significant
 *       digits or more ({@code 680m}, {@code 52亿}) and round otherwise ({@code 400m}, {@code 3 billion});</li>
 *   <li>the linked companies' products ({@code Seedance}; in Chinese, {@code 混元}, found anywhere in the text as
 *       the linker finds Chinese names), and other capitalised Latin words of three letters or
 *       more (letters only) that do not open the text or a sentence, are not ordinary English words
 *       ({@link CommonWords}) nor common capitalised words (months, days, places, titles), and are not the linked
 *       companies' own names (every article about a company shares those).</li>
 * </ul>
 * Names with digits, specific amounts and products are strong; round amounts and other capitalised words are
 * weak. The classes are taken in that order (in each, the headline's before the body's), and at most
 * {@value #MAX_TOKENS} are kept. An article linked to no company, or to more than {@value #MAX_COMPANIES} (a
 * market overview follows no single event), has no marks and joins no story this way.
 *
 * <p>Two articles {@link #match} when they share a linked company, at least {@value #MIN_SHARED} tokens of which
 * at least one is strong and at least one is a detail of an event (an amount or a capitalised word, not a name
 * with digits nor a product: two reports naming the same two models are often about different news), and their
 * publication times are at most {@link #WINDOW} apart. The article is filed
 * under one bucket key per (company, strong token, {@link #WINDOW} slot) for its slot and the next, so two
 * articles that match always share a key (slots at most one apart), whichever partitions they came in on.
 */
public record StoryMarks(long[] companies, long[] tokens) {
  public static final StoryMarks NONE = new StoryMarks(new long[0], new long[0]);
  public static final Duration WINDOW = Duration.ofHours(48);
  public static final int MIN_SHARED = 2;
  public static final int MAX_COMPANIES = 3;
  public static final int MAX_TOKENS = 8;
  public static final String RULE = "story";
  static final String KEY_PREFIX = "s:";

  /** Digits of the longest number folded as an amount with a scale. */
  private static final int MAX_AMOUNT_DIGITS = 32;
  private static final Pattern ORDINAL = Pattern.compile("[0-9]+(st|nd|rd|th)");
  /** An amount, folded: an optional currency sign, a number, an optional unit. */
  private static final Pattern AMOUNT = Pattern.compile("[$]?([0-9]+(?:\\.[0-9]+)?)(%|bn|b|mn|m|k|tn|c|p|x)?");
  /**
   * A scale written after a number: an English word ({@code 1.35 billion}) or a Chinese one, right after the
   * digits ({@code 13.5亿}, {@code 4.1万}, {@code 2万亿}).
   */
  private static final Pattern SCALE = Pattern.compile(
      "(?:\\s*(?i:(trillion|billion|million|thousand|tn|bn|mn))\\b)|\\s?(万亿|亿|万)");
  /** What separates the words of a company's name (compiled once: {@code String.split} compiled it for every name). */
  private static final Pattern NAME_WORD_BREAK = Pattern.compile("[^a-z0-9.]+");
  private static final Set<String> COMMON = Set.of(
      "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
      "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
      "the", "this", "that", "these", "those", "there", "they", "their", "them", "then", "than", "his", "her", "its",
      "she", "him", "our", "you", "your", "but", "and", "for", "with", "from", "after", "before", "while", "when",
      "what", "who", "how", "why", "where", "which", "will", "would", "can", "could", "has", "have", "had", "was",
      "were", "are", "not", "all", "new", "more", "most", "some", "one", "two", "also", "according", "said", "says",
      "inc", "ltd", "corp", "co", "llc", "plc", "group", "company", "companies", "holdings", "technology",
      "technologies", "ceo", "cfo", "cto", "coo", "chairman", "president", "founder", "chief", "officer", "api",
      "app", "apps", "ai", "agi", "gpu", "gpus", "cpu", "llm", "llms", "usd", "rmb", "yuan", "dollar", "dollars",
      "china", "chinese", "beijing", "shanghai", "shenzhen", "hangzhou", "hong", "kong", "taiwan", "japan",
      "japanese", "korea", "korean", "india", "europe", "european", "america", "american", "united", "states",
      "u.s", "us", "usa", "uk", "britain", "british", "washington", "silicon", "valley", "global", "world",
      "international", "reuters", "bloomberg", "xinhua", "news", "times", "post", "daily", "report", "reports",
      "analyst", "analysts", "investors", "market", "markets", "stock", "stocks", "shares", "exchange", "index",
      "quarter", "year", "years", "week", "weeks", "today", "yesterday", "tomorrow", "month", "months",
      "mr", "mrs", "ms", "dr", "read", "see", "via", "image", "photo", "source", "update", "updated");

  /**
   * The marks of an article: {@code companyIds}, the companies it was linked to; {@code companyNames}, those
   * companies' names and aliases (words of them are not distinctive of one event).
   */
  public static StoryMarks of(String title, String body, Collection<String> companyIds, Collection<String> companyNames) {
    return of(title, body, companyIds, companyNames, List.of());
  }

  /** With the linked companies' {@code products}: a product name is distinctive even when it is an ordinary word. */
  public static StoryMarks of(String title, String body, Collection<String> companyIds, Collection<String> companyNames,
      Collection<String> products) {
    Set<String> ids = new TreeSet<>(companyIds);
    if (ids.isEmpty() || ids.size() > MAX_COMPANIES) {
      return NONE;
    }
    List<Token> chosen = distinctive(title, body, companyNames, products);
    if (chosen.size() < MIN_SHARED) {
      return NONE;
    }
    return new StoryMarks(ids.stream().mapToLong(StoryMarks::hash).sorted().distinct().toArray(),
        chosen.stream().mapToLong(Token::hash).sorted().distinct().toArray());
  }

  /**
   * A distinctive token, folded; {@code strong}: a name with digits, a specific amount or a linked company's
   * product; {@code detail}: an amount or a capitalised word (not a name with digits nor a product).
   */
  record Token(String text, boolean strong, boolean detail) {
    /** Its hash, whose lowest bit says whether it is strong and the next whether it is a detail. */
    long hash() {
      return (StoryMarks.hash(text) & ~3L) | (detail ? 2 : 0) | (strong ? 1 : 0);
    }
  }

  /** The article's distinctive tokens in the order of choice (at most {@value #MAX_TOKENS}). */
  static List<Token> distinctive(String title, String body, Collection<String> companyNames,
      Collection<String> products) {
    Set<String> productWords = new java.util.HashSet<>();
    for (String product : products) {
      if (product != null) {
        productWords.add(product.toLowerCase(Locale.ROOT));
      }
    }
    Set<String> names = new java.util.HashSet<>();
    for (String name : companyNames) {
      if (name == null) {
        continue;
      }
      String lower = name.toLowerCase(Locale.ROOT);
      names.add(lower);
      for (String w : NAME_WORD_BREAK.split(lower)) {
        names.add(w);
      }
    }
    // By class, each over the headline, then the body: the strong, language-neutral classes first.
    Set<String> mixed = new LinkedHashSet<>();
    Set<String> amounts = new LinkedHashSet<>();
    Set<String> named = new LinkedHashSet<>();
    Set<String> roundAmounts = new LinkedHashSet<>();
    Set<String> capitalised = new LinkedHashSet<>();
    for (String part : new String[] {title == null ? "" : title, body == null ? "" : body}) {
      // A text without a comma has no thousands separator: no pattern tried at each of its positions.
      String text = StoryWords.withoutThousandsCommas(part);
      StoryWords m = new StoryWords(text);
      while (m.find()) {
        String raw = trim(m.word());
        if (raw.isEmpty()) {
          continue;
        }
        String folded = raw.toLowerCase(Locale.ROOT);
        // Amounts and ordinals open with a digit or a currency sign: other words skip their patterns.
        boolean numeric = folded.charAt(0) == '$' || (folded.charAt(0) >= '0' && folded.charAt(0) <= '9');
        if ((names.contains(folded) && !productWords.contains(folded)) || COMMON.contains(folded)
            || numeric && ORDINAL.matcher(folded).matches()) {
          continue;
        }
        Matcher amount = numeric ? AMOUNT.matcher(folded) : null;
        boolean isAmount = amount != null && amount.matches();
        if (isAmount) {
          String unit = amount.group(2);
          Matcher word = SCALE.matcher(text).region(m.end(), text.length());
          String scaleWord = unit == null && word.lookingAt()
              ? (word.group(1) != null ? word.group(1) : word.group(2)) : null;
          // A number too long to be an amount (hostile text: thousands of digits) is not folded: BigDecimal's
          // parse of it would grow with the square of its length.
          if ((scaleWord != null || isScale(unit)) && amount.group(1).length() <= MAX_AMOUNT_DIGITS) {
            // Folded to its value; two significant digits or more make it specific however it was written.
            BigDecimal value = new BigDecimal(amount.group(1)).multiply(scale(unit)).multiply(scale(scaleWord))
                .stripTrailingZeros();
            (value.precision() >= 2 ? amounts : roundAmounts).add(value.toPlainString());
            continue;
          }
        }
        if (isAmount) {
          // Specific: a decimal, or three digits or more that are not round and not a year. Round or small
          // amounts with a unit (5%, 400m) are weak; small bare numbers (days, counts) are no tokens.
          String number = amount.group(1);
          String unit = amount.group(2) == null ? "" : amount.group(2);
          boolean year = unit.isEmpty() && isYear(number);
          if (number.contains(".") || number.length() >= 3 && !number.endsWith("00") && !year) {
            amounts.add(number + unit);
          } else if (!unit.isEmpty() || number.length() >= 3 && !year) {
            roundAmounts.add(number + unit);
          }
          continue;
        }
        boolean letters = false;
        boolean digits = false;
        boolean onlyLetters = true;
        for (int i = 0; i < raw.length(); i++) {
          char c = raw.charAt(i);
          letters |= Character.isLetter(c);
          digits |= Character.isDigit(c);
          onlyLetters &= Character.isLetter(c);
        }
        if (letters && digits) {
          if (raw.length() >= 3 && !raw.startsWith("$")) {
            mixed.add(folded);
          }
        } else if (letters && raw.length() >= 3 && Character.isUpperCase(raw.charAt(0)) && !opensSentence(text, m.start())
            && onlyLetters
            && (productWords.contains(folded) || !CommonWords.contains(folded))) {
          (productWords.contains(folded) ? named : capitalised).add(folded);
        }
      }
      named.addAll(chineseProducts(part, products));
    }
    List<Token> chosen = new ArrayList<>(MAX_TOKENS);
    for (Set<String> cls : List.of(mixed, amounts, named, roundAmounts, capitalised)) {
      for (String t : cls) {
        if (chosen.size() < MAX_TOKENS) {
          chosen.add(new Token(t, cls != capitalised && cls != roundAmounts,
              cls == amounts || cls == roundAmounts || cls == capitalised));
        }
      }
    }
    return chosen;
  }

  /** Whether an amount's unit is a scale ({@code bn}, {@code m}, {@code k}...). */
  private static boolean isScale(String unit) {
    return unit != null && (unit.equals("bn") || unit.equals("b") || unit.equals("mn") || unit.equals("m")
        || unit.equals("k") || unit.equals("tn"));
  }

  /** The factor of a scale, written as a unit or a word in English or Chinese; 1 for none. */
  private static BigDecimal scale(String unit) {
    if (unit == null) {
      return BigDecimal.ONE;
    }
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "k", "thousand" -> BigDecimal.TEN.pow(3);
      case "万" -> BigDecimal.TEN.pow(4);
      case "m", "mn", "million" -> BigDecimal.TEN.pow(6);
      case "亿" -> BigDecimal.TEN.pow(8);
      case "b", "bn", "billion" -> BigDecimal.TEN.pow(9);
      case "tn", "trillion", "万亿" -> BigDecimal.TEN.pow(12);
      default -> BigDecimal.ONE;
    };
  }

  /**
   * The linked companies' products written in other scripts than Latin (Chinese) that {@code text} holds, as the
   * linker finds Chinese names: anywhere. A product inside a longer one found ({@code 通义} in {@code 通义千问})
   * is that one's mention, not a token of its own.
   */
  private static List<String> chineseProducts(String text, Collection<String> products) {
    List<String> found = new ArrayList<>();
    for (String product : products) {
      if (product != null && !product.isEmpty() && product.chars().anyMatch(c -> c > 0x2E80) && text.contains(product)) {
        found.add(product);
      }
    }
    List<String> out = new ArrayList<>();
    for (String p : found) {
      if (found.stream().noneMatch(q -> q.length() > p.length() && q.contains(p))) {
        out.add(p.toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static String trim(String raw) {
    int end = raw.length();
    while (end > 0 && (raw.charAt(end - 1) == '.' || raw.charAt(end - 1) == '-' || raw.charAt(end - 1) == '+')) {
      end--;
    }
    return raw.substring(0, end);
  }

  private static boolean isYear(String number) {
    return number.length() == 4 && (number.startsWith("19") || number.startsWith("20"));
  }

  /**
   * Whether the word at {@code at} opens the text, a sentence or a line (Latin punctuation before it), where a
   * common word is capitalised too. After Chinese text, a capital marks a name.
   */
  private static boolean opensSentence(String text, int at) {
    int i = at - 1;
    while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '"' || text.charAt(i) == '\'' || text.charAt(i) == '(')) {
      i--;
    }
    if (i < 0) {
      return true;
    }
    char c = text.charAt(i);
    return c == '.' || c == '!' || c == '?' || c == '\n' || c == ':';
  }

  public boolean isEmpty() {
    return tokens.length == 0;
  }

  /**
   * The bucket keys the article is filed under: one per company and strong token, in the article's slot
   * ({@link #WINDOW} wide). Only strong tokens: two reports match only when they share one, so they always share
   * its key, and weak tokens would add bucket writes that find nothing more.
   */
  public List<String> keys(long order) {
    return keysAt(order, 0);
  }

  /**
   * The keys of the same companies and tokens in the slots either side, which the article reads without being
   * filed there. Two reports within {@link #WINDOW} of each other are in one slot or in neighbouring ones, and
   * whichever is read second finds the first in its own slot or a neighbour's. An article so writes one bucket for
   * each company and token and reads two more; filed in its slot and the next, as it was before, it wrote two.
   */
  public List<String> lookups(long order) {
    return keysAt(order, -1, 1);
  }

  /** The keys in the slots {@code offsets} away from the article's (0: its own). */
  private List<String> keysAt(long order, long... offsets) {
    if (isEmpty() || order <= 0) {
      return List.of();
    }
    long slot = order / WINDOW.toMillis();
    List<String> out = new ArrayList<>(companies.length * tokens.length * offsets.length);
    for (long c : companies) {
      for (long t : tokens) {
        if ((t & 1) == 0) {
          continue; // weak
        }
        for (long offset : offsets) {
          out.add(KEY_PREFIX + Long.toHexString(c) + ":" + Long.toHexString(t) + ":" + (slot + offset));
        }
      }
    }
    return out;
  }

  static boolean isStoryKey(String key) {
    return key.startsWith(KEY_PREFIX);
  }

  /**
   * Two probes of one story: a shared company, {@value #MIN_SHARED} shared tokens (one strong, one a detail),
   * within {@link #WINDOW}.
   */
  static DuplicateRules.Match match(Probe a, Probe b) {
    StoryMarks x = a.story();
    StoryMarks y = b.story();
    if (x.isEmpty() || y.isEmpty() || a.order() <= 0 || b.order() <= 0
        || Math.abs(a.order() - b.order()) > WINDOW.toMillis() || shared(x.companies, y.companies) == 0) {
      return null;
    }
    int shared = shared(x.tokens, y.tokens);
    return shared >= MIN_SHARED && sharesOne(x.tokens, y.tokens, 1) && sharesOne(x.tokens, y.tokens, 2)
        ? new DuplicateRules.Match(RULE, shared) : null;
  }

  /** Whether two sorted arrays of token hashes share a token with the {@code bit} set (1: strong, 2: detail). */
  private static boolean sharesOne(long[] x, long[] y, long bit) {
    for (long t : x) {
      if ((t & bit) != 0 && java.util.Arrays.binarySearch(y, t) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** How many values two sorted arrays of distinct values share. */
  private static int shared(long[] x, long[] y) {
    int shared = 0;
    int i = 0;
    int j = 0;
    while (i < x.length && j < y.length) {
      if (x[i] == y[j]) {
        shared++;
        i++;
        j++;
      } else if (x[i] < y[j]) {
        i++;
      } else {
        j++;
      }
    }
    return shared;
  }

  /** FNV-1a over the UTF-8 bytes: the same in every process. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoryMarks m && java.util.Arrays.equals(companies, m.companies)
        && java.util.Arrays.equals(tokens, m.tokens);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(companies) * 31 + java.util.Arrays.hashCode(tokens);
  }
}
