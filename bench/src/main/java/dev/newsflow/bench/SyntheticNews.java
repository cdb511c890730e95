package dev.newsflow.bench;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.streams.enrich.link.NameVariants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded, reproducible gazetteer and articles for the benchmarks: invented company names (syllables,
 * a descriptor, a legal suffix), Latin and Chinese aliases, products, and business articles that
 * mention a few of them.
 *
 * <p>Two kinds of articles: {@link #articles} (3 KB, a few fixed newswire sentences, for the JMH
 * benchmarks, unchanged so that their figures stay comparable) and {@link #feed} (the load of
 * {@code newsflow bench}: English and Chinese 2–3 KB articles built from a grammar with large
 * vocabularies, so that unrelated articles share few shingles, with set shares of near-duplicates,
 * multi-company articles and articles that a WATCH rule fires on). Every article of a feed is a pure
 * function of the seed and its index.
 */
public final class SyntheticNews {
  private static final String[] SYLLABLES = {"ka", "lo", "vin", "tra", "mer", "zu", "dex", "sol", "qua", "ber",
      "nor", "fi", "pa", "ran", "tel", "gen", "mo", "xi", "cor", "lum", "vel", "ost", "ary", "ben", "dar"};
  private static final String[] DESCRIPTORS = {"Technologies", "Systems", "Robotics", "Energy", "Motors", "Bank",
      "Pharma", "Foods", "Airlines", "Semiconductor", "Media", "Networks"};
  private static final String[] SUFFIXES = {"Inc", "Corp", "Co Ltd", "Plc", "Holdings", "Group", "AG", "Limited"};
  private static final String HAN = "华为阿里腾讯百度字节跳动小米美团京东网易商汤科大讯飞海光寒武纪摩尔线程智谱宇树";
  private static final String[] SENTENCES = {
      "Shares rose 3.2 percent in early trading after the company said quarterly revenue beat expectations.",
      "Analysts said demand for data center chips remained strong despite export restrictions.",
      "The company did not comment on the report, which cited people familiar with the matter.",
      "Regulators in Brussels are examining whether the deal would reduce competition in cloud services.",
      "The startup raised new funding at a valuation of about 4 billion dollars, led by existing investors.",
      "Executives told analysts on a call that margins would improve in the second half of the year.",
      "It plans to hire more engineers for its artificial intelligence research lab in London.",
      "Sales of smartphones fell in the quarter as consumers held on to older devices for longer.",
      "The chief executive said the partnership would bring its models to millions of enterprise customers.",
      "A spokesperson declined to say when the humanoid robot would be available to buyers."};

  private SyntheticNews() {}

  /** {@code n} companies with ids {@code c0..c(n-1)}; about a third have a Chinese alias. */
  public static List<Company> companies(int n, long seed) {
    Random r = new Random(seed);
    List<Company> out = new ArrayList<>(n);
    Set<String> used = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      String core;
      do {
        core = capitalize(word(r) + word(r));
      } while (!used.add(core));
      String name = core + " " + DESCRIPTORS[r.nextInt(DESCRIPTORS.length)] + " " + SUFFIXES[r.nextInt(SUFFIXES.length)];
      List<String> aliases = new ArrayList<>();
      aliases.add(core);
      if (r.nextInt(3) == 0) {
        aliases.add(han(r) + han(r) + han(r) + (r.nextBoolean() ? han(r) : ""));
      }
      List<String> products = new ArrayList<>();
      if (r.nextInt(2) == 0) {
        products.add(capitalize(word(r)) + "-" + (1 + r.nextInt(9)));
      }
      out.add(Company.newBuilder().setId("c" + i).setName(name).setAliases(aliases).setProducts(products).build());
    }
    return out;
  }

  /** Every surface form the linker's gazetteer holds, for a baseline matcher given the same names. */
  static List<String> surfaceForms(List<Company> companies) {
    List<String> out = new ArrayList<>();
    for (Company c : companies) {
      NameVariants.of(c.getName(), "name").forEach(v -> out.add(v.written()));
      c.getAliases().forEach(a -> NameVariants.of(a, "alias").forEach(v -> out.add(v.written())));
      out.addAll(c.getProducts());
    }
    return out;
  }

  /** Articles of about {@code chars} characters mentioning a few of the companies. */
  static List<Article> articles(List<Company> companies, int count, int chars, long seed) {
    Random r = new Random(seed);
    List<Article> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Company lead = companies.get(r.nextInt(companies.size()));
      StringBuilder body = new StringBuilder(chars + 200);
      while (body.length() < chars) {
        if (r.nextInt(4) == 0) {
          Company c = r.nextInt(3) == 0 ? companies.get(r.nextInt(companies.size())) : lead;
          String mention = r.nextInt(4) == 0 ? c.getName() : c.getAliases().get(r.nextInt(c.getAliases().size()));
          body.append(mention).append(" said on Tuesday that it expects growth to continue. ");
        }
        body.append(SENTENCES[r.nextInt(SENTENCES.length)]).append(' ');
      }
      out.add(Article.newBuilder().setId("bench-" + i).setTitle(lead.getAliases().get(0) + " beats forecasts as demand grows")
          .setBody(body.toString()).setSource("Bench Wire").setPublishedAt(Instant.parse("2026-02-10T08:00:00Z"))
          .setLanguage("en").build());
    }
    return out;
  }

  /** Shares of each kind of article in a {@link #feed}; each a fraction of all articles. */
  public record Mix(double chinese, double nearDuplicates, double multiCompany, double watched, String watchKeyword) {
    /** 20 % Chinese, 10 % near-duplicates, 30 % naming two to four companies, 10 % carrying the watch keyword. */
    public static Mix standard() {
      return new Mix(0.2, 0.1, 0.3, 0.1, "Quorvex");
    }

    public Mix {
      if (chinese < 0 || nearDuplicates < 0 || multiCompany < 0 || watched < 0 || nearDuplicates + watched > 1
          || chinese > 1 || multiCompany > 1) {
        throw new IllegalArgumentException("shares must be fractions, near-duplicates plus watched at most 1: " + this);
      }
    }
  }

  /** Articles addressable by index, as the bench's load generator sends them. */
  public interface ArticleSource {
    /** Article {@code index}, published at {@code publishedAt}; its id is {@link Feed#id(long)}. */
    Article article(long index, Instant publishedAt);
  }

  /** The articles of {@code newsflow bench}: article {@code i} depends only on {@code seed}, {@code mix} and {@code i}. */
  public static Feed feed(List<Company> companies, Mix mix, long seed) {
    return new Feed(companies, mix, seed);
  }

  /**
   * An endless, random-access sequence of articles. Near-duplicates repeat a recent original with a
   * sentence or two rewritten, under another title, outlet and URL (shingle similarity well above the
   * dedup threshold). Watched articles are English originals that carry {@link Mix#watchKeyword()} in
   * the title and the body and are never repeated, so each is its own story and fires one WATCH alert.
   */
  public static final class Feed implements ArticleSource {
    /** How far back a near-duplicate may reach for its original. */
    private static final int NEAR_DUPLICATE_REACH = 200;
    private static final String[] OUTLETS = {"Bench Wire", "Daily Ledger", "Market Courier", "Tech Dispatch",
        "Harbour Times", "Evening Post", "Capital Review", "Signal Daily"};
    private static final String[] SUBJECTS = {"Analysts", "Investors", "The chief executive", "Regulators in Brussels",
        "A spokesperson", "Suppliers in Taiwan", "Two people familiar with the matter", "The finance chief",
        "Union leaders", "Brokers in Hong Kong", "Fund managers", "Economists at the central bank",
        "The board", "Rivals in Seoul", "Customers in Germany", "Engineers at the plant", "Lawmakers in Washington",
        "Credit analysts", "Shareholders", "The company's auditors", "Industry consultants", "Dealers in Tokyo",
        "Executives", "Bond traders", "Researchers", "Partners in India", "Short sellers", "Ratings agencies",
        "Local officials", "Pension funds"};
    private static final String[] VERBS = {"expect", "warned about", "pointed to", "are watching", "questioned",
        "welcomed", "played down", "raised concerns over", "cited", "forecast", "doubted", "praised",
        "are betting on", "highlighted", "sought clarity on", "downplayed", "flagged", "defended", "criticised",
        "are tracking", "challenged", "underlined", "were surprised by", "shrugged off", "focused on",
        "are wary of", "applauded", "reassessed", "debated", "singled out"};
    private static final String[] ADJECTIVES = {"rising", "weaker", "record", "slowing", "resilient", "patchy",
        "stronger", "uneven", "sluggish", "robust", "volatile", "falling", "steady", "surprising", "modest",
        "sharp", "gradual", "renewed", "fragile", "soaring", "tepid", "lopsided", "seasonal", "muted",
        "accelerating", "stalling", "broad", "narrow", "hefty", "unexpected"};
    private static final String[] NOUNS = {"demand", "margins", "orders", "hiring", "spending", "prices",
        "shipments", "bookings", "inventories", "subscriptions", "revenue", "costs", "exports", "wages",
        "capacity", "sales", "deliveries", "royalties", "licensing", "traffic", "deposits", "loans", "output",
        "imports", "advertising", "cash flow", "tariffs", "investment", "profits", "volumes"};
    private static final String[] MARKETS = {"data center chips", "electric vehicles", "cloud services",
        "smartphones", "industrial robots", "solar panels", "streaming", "payments", "freight", "medical devices",
        "batteries", "satellite links", "memory chips", "cosmetics", "luxury goods", "fertilisers", "steel",
        "software licences", "home appliances", "air travel", "shipping", "gaming", "wearables", "insurance",
        "drug trials", "wind turbines", "semiconductor tools", "food delivery", "cyber security", "mortgages"};
    private static final String[] TAILS = {"after a weaker quarter", "despite export restrictions", "as rates fell",
        "ahead of the annual meeting", "before the holiday season", "in the second half", "since the merger",
        "after the strike ended", "amid a price war", "as the currency slid", "following the recall",
        "under the new rules", "after the earnings call", "during the trade fair", "in early trading",
        "over the past decade", "as competition grew", "after the downgrade", "on Tuesday", "late on Friday",
        "in its home market", "across Europe", "in emerging markets", "before the vote", "after the audit",
        "as supply improved", "despite the outage", "as orders piled up", "during the quarter", "this year"};
    private static final String[] ZH_SUBJECTS = {"分析师", "投资者", "首席执行官", "监管机构", "公司发言人",
        "供应商", "知情人士", "财务总监", "券商研究员", "基金经理", "行业顾问", "董事会", "经销商", "债券交易员",
        "地方官员", "评级机构", "研究人员", "合作伙伴", "股东", "工程师"};
    private static final String[] ZH_VERBS = {"预计", "关注", "担心", "看好", "质疑", "强调", "指出", "低估",
        "重新评估", "密切跟踪", "看淡", "肯定", "讨论", "警告", "押注", "看重", "提到", "回应", "调整", "审视"};
    private static final String[] ZH_ADJECTIVES = {"持续增长的", "明显放缓的", "创纪录的", "疲软的", "强劲的",
        "波动的", "稳定的", "意外的", "温和的", "大幅上升的", "逐步回落的", "不均衡的", "季节性的", "高企的",
        "低迷的", "回暖的", "分化的", "收窄的", "扩大的", "新的"};
    private static final String[] ZH_NOUNS = {"需求", "利润率", "订单", "招聘", "资本开支", "价格", "出货量",
        "库存", "订阅收入", "营业收入", "成本", "出口", "产能", "销量", "交付量", "授权费", "存款", "贷款",
        "广告收入", "现金流"};
    private static final String[] ZH_MARKETS = {"数据中心芯片", "新能源汽车", "云计算服务", "智能手机", "工业机器人",
        "光伏组件", "流媒体", "移动支付", "物流运输", "医疗器械", "动力电池", "卫星通信", "存储芯片", "化妆品",
        "奢侈品", "钢铁", "家用电器", "民航", "游戏", "保险"};
    private static final String[] ZH_TAILS = {"在上一季度", "尽管面临出口限制", "随着利率下降", "在年度股东大会前",
        "在下半年", "自合并以来", "在价格战中", "随着人民币走弱", "在新规实施后", "在财报电话会议上", "在早盘交易中",
        "在过去十年里", "随着竞争加剧", "在评级下调后", "在国内市场", "在欧洲市场", "在新兴市场", "随着供应改善",
        "在本季度", "今年以来"};

    private final List<Company> companies;
    private final List<Company> chineseNamed;
    private final Mix mix;
    private final long seed;

    private Feed(List<Company> companies, Mix mix, long seed) {
      if (companies.isEmpty()) {
        throw new IllegalArgumentException("a feed needs at least one company");
      }
      this.companies = List.copyOf(companies);
      this.chineseNamed = companies.stream().filter(c -> chineseAlias(c) != null).toList();
      this.mix = mix;
      this.seed = seed;
    }

    public Mix mix() {
      return mix;
    }

    /** The id of article {@code index}. */
    public static String id(long index) {
      return "bench-" + index;
    }

    /** The index of an article id this feed made, or -1 for any other id. */
    public static long index(String id) {
      if (id == null || !id.startsWith("bench-")) {
        return -1;
      }
      try {
        return Long.parseLong(id.substring("bench-".length()));
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    /** True when article {@code index} carries the watch keyword (and so fires one WATCH alert). */
    public boolean watched(long index) {
      return draw(index) < mix.watched();
    }

    @Override
    public Article article(long index, Instant publishedAt) {
      SplittableRandom r = random(index);
      double u = r.nextDouble();
      Article.Builder a;
      if (u < mix.watched()) {
        a = original(index, r, true);
      } else if (u < mix.watched() + mix.nearDuplicates() && index > 0) {
        a = nearDuplicate(index, r);
      } else {
        a = original(index, r, false);
      }
      return a.setId(id(index)).setPublishedAt(publishedAt).build();
    }

    /** An article of its own: a lead company and, for a share, a few more; English or Chinese. */
    private Article.Builder original(long index, SplittableRandom r, boolean watched) {
      boolean chinese = !watched && !chineseNamed.isEmpty() && r.nextDouble() < mix.chinese();
      List<Company> pool = chinese ? chineseNamed : companies;
      List<Company> named = new ArrayList<>();
      named.add(pool.get(r.nextInt(pool.size())));
      if (r.nextDouble() < mix.multiCompany()) {
        int more = 1 + r.nextInt(3);
        for (int i = 0; i < more; i++) {
          Company c = pool.get(r.nextInt(pool.size()));
          if (!named.contains(c)) {
            named.add(c);
          }
        }
      }
      int bytes = 2048 + r.nextInt(1025);
      String outlet = OUTLETS[r.nextInt(OUTLETS.length)];
      List<String> sentences = sentences(r, named, bytes, chinese ? CHINESE : ENGLISH);
      String title = chinese ? chineseTitle(r, named.get(0)) : englishTitle(r, named.get(0));
      if (watched) {
        title = mix.watchKeyword() + ": " + title;
        sentences.add(1, "The " + mix.watchKeyword() + " programme was named in a filing on the same day.");
      }
      return Article.newBuilder().setTitle(title).setBody(String.join(chinese ? "" : " ", sentences))
          .setSource(outlet).setUrl(url(outlet, index)).setLanguage(chinese ? "zh" : "en");
    }

    /** A recent original told again: the same sentences with one or two rewritten, another title and outlet. */
    private Article.Builder nearDuplicate(long index, SplittableRandom r) {
      long of = -1;
      for (int tries = 0; tries < 5 && of < 0; tries++) {
        long candidate = index - 1 - r.nextInt((int) Math.min(index, NEAR_DUPLICATE_REACH));
        double u = draw(candidate);
        // The first article is never a near-duplicate: its draw makes it an original unless it is watched.
        boolean candidateIsOriginal = u >= mix.watched() && (u >= mix.watched() + mix.nearDuplicates() || candidate == 0);
        if (candidateIsOriginal) {
          of = candidate;
        }
      }
      if (of < 0) {
        return original(index, r, false);
      }
      SplittableRandom source = random(of);
      source.nextDouble(); // the original's own kind draw, so that its text comes out the same
      Article originalText = original(of, source, false).setId(id(of)).build();
      boolean chinese = "zh".equals(originalText.getLanguage());
      List<String> sentences = chinese ? splitChinese(originalText.getBody()) : splitEnglish(originalText.getBody());
      int rewrites = 1 + r.nextInt(2);
      for (int i = 0; i < rewrites && sentences.size() > 2; i++) {
        int at = 1 + r.nextInt(sentences.size() - 1);
        sentences.set(at, chinese ? chineseSentence(r) : englishSentence(r));
      }
      String outlet = OUTLETS[r.nextInt(OUTLETS.length)];
      String title = (chinese ? "更新：" : "UPDATE 1-") + originalText.getTitle();
      return Article.newBuilder().setTitle(title).setBody(String.join(chinese ? "" : " ", sentences))
          .setSource(outlet).setUrl(url(outlet, index)).setLanguage(originalText.getLanguage());
    }

    /** How a body in one language is written: a sentence naming a company, any other sentence, and their size. */
    private interface Language {
      String naming(SplittableRandom r, Company c);

      String plain(SplittableRandom r);

      int bytes(String sentence);
    }

    private static final Language ENGLISH = new Language() {
      @Override
      public String naming(SplittableRandom r, Company c) {
        String name = r.nextInt(3) == 0 ? c.getName() : c.getAliases().get(0);
        return name + " " + pick(r, VERBS) + " " + pick(r, ADJECTIVES) + " " + pick(r, NOUNS) + " in " + pick(r, MARKETS)
            + " " + pick(r, TAILS) + ", " + figure(r) + ".";
      }

      @Override
      public String plain(SplittableRandom r) {
        return englishSentence(r);
      }

      @Override
      public int bytes(String sentence) {
        return sentence.length() + 1; // ASCII, and the space that joins it to the next
      }
    };

    private static final Language CHINESE = new Language() {
      @Override
      public String naming(SplittableRandom r, Company c) {
        return chineseAlias(c) + "公司" + pick(r, ZH_TAILS) + pick(r, ZH_VERBS) + pick(r, ZH_ADJECTIVES) + pick(r, ZH_MARKETS)
            + pick(r, ZH_NOUNS) + "，涉及金额约" + (2 + r.nextInt(400)) + "亿元。";
      }

      @Override
      public String plain(SplittableRandom r) {
        return chineseSentence(r);
      }

      @Override
      public int bytes(String sentence) {
        return sentence.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      }
    };

    /** Sentences up to {@code bytes}: the first and about one in four name a company, each named company once first. */
    private static List<String> sentences(SplittableRandom r, List<Company> named, int bytes, Language language) {
      List<String> out = new ArrayList<>();
      int length = 0;
      int mention = 0;
      while (length < bytes) {
        String s;
        if (out.isEmpty() || r.nextInt(4) == 0) {
          Company c = mention < named.size() ? named.get(mention++) : named.get(r.nextInt(named.size()));
          s = language.naming(r, c);
        } else {
          s = language.plain(r);
        }
        out.add(s);
        length += language.bytes(s);
      }
      return out;
    }

    private static String englishSentence(SplittableRandom r) {
      return pick(r, SUBJECTS) + " " + pick(r, VERBS) + " " + pick(r, ADJECTIVES) + " " + pick(r, NOUNS) + " in "
          + pick(r, MARKETS) + " " + pick(r, TAILS) + (r.nextBoolean() ? ", " + figure(r) : "") + ".";
    }

    private static String figure(SplittableRandom r) {
      return switch (r.nextInt(3)) {
        case 0 -> "with shares up " + (1 + r.nextInt(90)) / 10.0 + " percent";
        case 1 -> "worth about " + (2 + r.nextInt(400)) + " million dollars";
        default -> "according to " + (2 + r.nextInt(9)) + " people briefed on the plans";
      };
    }

    private String englishTitle(SplittableRandom r, Company lead) {
      return lead.getAliases().get(0) + " " + pick(r, VERBS) + " " + pick(r, ADJECTIVES) + " " + pick(r, NOUNS)
          + " in " + pick(r, MARKETS) + " " + pick(r, TAILS);
    }

    private static String chineseSentence(SplittableRandom r) {
      return pick(r, ZH_SUBJECTS) + pick(r, ZH_TAILS) + pick(r, ZH_VERBS) + pick(r, ZH_ADJECTIVES) + pick(r, ZH_MARKETS)
          + pick(r, ZH_NOUNS) + (r.nextBoolean() ? "，增幅约为" + (1 + r.nextInt(90)) / 10.0 + "%" : "") + "。";
    }

    private static String chineseTitle(SplittableRandom r, Company lead) {
      return chineseAlias(lead) + "公司" + pick(r, ZH_VERBS) + pick(r, ZH_ADJECTIVES) + pick(r, ZH_MARKETS) + pick(r, ZH_NOUNS);
    }

    private static List<String> splitEnglish(String body) {
      List<String> out = new ArrayList<>();
      for (String s : body.split("(?<=\\.) ")) {
        out.add(s);
      }
      return out;
    }

    private static List<String> splitChinese(String body) {
      List<String> out = new ArrayList<>();
      for (String s : body.split("(?<=。)")) {
        out.add(s);
      }
      return out;
    }

    private static String chineseAlias(Company c) {
      return c.getAliases().stream().filter(a -> Character.UnicodeScript.of(a.codePointAt(0)) == Character.UnicodeScript.HAN)
          .findFirst().orElse(null);
    }

    private static String url(String outlet, long index) {
      return "https://" + outlet.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + ".example/news/" + index;
    }

    private static String pick(SplittableRandom r, String[] words) {
      return words[r.nextInt(words.length)];
    }

    /** The draw that decides an article's kind (watched, near-duplicate or original). */
    private double draw(long index) {
      return random(index).nextDouble();
    }

    private SplittableRandom random(long index) {
      // Distinct, well-mixed streams per index: the generator is keyed by the seed and the index only.
      return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (index + 1) * 0xC2B2AE3D27D4EB4FL);
    }
  }

  /**
   * The load of {@code newsflow bench --hot-bucket} (issue 10): one English article about {@code company},
   * 2–3 KB from the feed's grammar, sent again and again with only its last words changed ("loop body N
   * " and the company's name, as a script looping over one template writes it). Every copy shares its
   * headline and nearly all its shingles, so all of them fall into the same dedup buckets.
   */
  public static NearIdentical nearIdentical(Company company, long seed) {
    return new NearIdentical(company, seed);
  }

  /** See {@link #nearIdentical}: article {@code i} is the template plus "loop body i" and the company's name. */
  public static final class NearIdentical implements ArticleSource {
    private final Company company;
    private final String title;
    private final String template;

    private NearIdentical(Company company, long seed) {
      this.company = company;
      SplittableRandom r = new SplittableRandom(seed);
      this.title = Feed.ENGLISH.naming(r, company).replaceAll("[.,]", "");
      this.template = String.join(" ", Feed.sentences(r, List.of(company), 2048 + r.nextInt(1025), Feed.ENGLISH));
    }

    @Override
    public Article article(long index, Instant publishedAt) {
      return Article.newBuilder().setId(Feed.id(index)).setTitle(title)
          .setBody(template + " loop body " + index + " " + company.getName())
          .setSource("Bench Wire").setUrl(Feed.url("Bench Wire", index)).setLanguage("en").setPublishedAt(publishedAt)
          .build();
    }
  }

  private static String word(Random r) {
    return SYLLABLES[r.nextInt(SYLLABLES.length)] + SYLLABLES[r.nextInt(SYLLABLES.length)];
  }

  private static String han(Random r) {
    return String.valueOf(HAN.charAt(r.nextInt(HAN.length())));
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
