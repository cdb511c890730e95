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

/**
 * A seeded, reproducible gazetteer and articles for the benchmarks: invented company names (syllables,
 * a descriptor, a legal suffix), Latin and Chinese aliases, products, and 3 KB business articles that
 * mention a few of them among ordinary newswire sentences.
 */
final class SyntheticNews {
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

  static List<Company> companies(int n, long seed) {
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
