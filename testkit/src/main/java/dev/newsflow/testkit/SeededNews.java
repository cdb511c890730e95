package dev.newsflow.testkit;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Seeded, reproducible news for the reliability tests: invented companies and short English articles
 * (a few hundred characters) naming one to three of them. Article {@code i} is a pure function of the
 * seed and {@code i}, so a test can send articles in any order, across crashes, and still know exactly
 * what it sent. Short articles keep a run of thousands of them quick on a small machine; the benchmarks'
 * {@code SyntheticNews} makes the long, realistic ones.
 */
public final class SeededNews {
  /** Article {@code i} is published at {@code START + i * SPACING}: in order, one story time each. */
  public static final Instant START = Instant.parse("2026-03-02T06:00:00Z");
  public static final Duration SPACING = Duration.ofSeconds(5);

  private static final String[] SYLLABLES = {"ka", "lo", "vin", "tra", "mer", "zu", "dex", "sol", "qua", "ber",
      "nor", "fi", "pa", "ran", "tel", "gen", "mo", "cor", "lum", "vel", "ost", "ben", "dar", "wex"};
  private static final String[] DESCRIPTORS = {"Robotics", "Semiconductor", "Motors", "Networks", "Pharma",
      "Energy", "Aerospace", "Biotech"};
  private static final String[] OUTLETS = {"Wire One", "Daily Two", "Tech Three", "Market Four", "Chip Five"};
  private static final String[] SENTENCES = {
      "said quarterly revenue rose on strong demand for its new products.",
      "announced a partnership to build a factory in Ohio.",
      "cut its outlook after a weaker quarter in Europe.",
      "raised new funding from existing investors.",
      "unveiled a new model that it says halves energy use.",
      "faces a regulatory review of its latest acquisition.",
      "plans to hire hundreds of engineers next year.",
      "reported a drop in shipments as customers delayed orders."};

  private SeededNews() {}

  /** {@code n} companies with ids {@code co-00}, {@code co-01}, ...; names unique, made of invented syllables. */
  public static List<Company> companies(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Set<String> used = new LinkedHashSet<>();
    List<Company> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String core;
      do {
        core = capitalize(syllable(r) + syllable(r) + syllable(r));
      } while (!used.add(core));
      out.add(Company.newBuilder()
          .setId(String.format(Locale.ROOT, "co-%02d", i))
          .setName(core + " " + DESCRIPTORS[r.nextInt(DESCRIPTORS.length)])
          .setAliases(List.of(core))
          .build());
    }
    return out;
  }

  /** The id of article {@code index}. */
  public static String id(int index) {
    return "seeded-" + index;
  }

  /** Article {@code index}: one to three of {@code companies} named in it, published {@code index * SPACING} after {@link #START}. */
  public static Article article(List<Company> companies, long seed, int index) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + index);
    List<Company> named = new ArrayList<>();
    named.add(companies.get(r.nextInt(companies.size())));
    int more = r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0;
    for (int k = 0; k < more; k++) {
      Company c = companies.get(r.nextInt(companies.size()));
      if (!named.contains(c)) {
        named.add(c);
      }
    }
    StringBuilder body = new StringBuilder();
    for (Company c : named) {
      body.append(c.getName()).append(' ').append(SENTENCES[r.nextInt(SENTENCES.length)]).append(' ');
    }
    body.append("Story number ").append(index).append(" in the seeded feed ").append(seed).append('.');
    Company lead = named.get(0);
    return Article.newBuilder()
        .setId(id(index))
        .setTitle(lead.getAliases().get(0) + " " + SENTENCES[r.nextInt(SENTENCES.length)].split(" ")[0] + " news, item " + index)
        .setBody(body.toString())
        .setSource(OUTLETS[r.nextInt(OUTLETS.length)])
        .setPublishedAt(START.plus(SPACING.multipliedBy(index)))
        .setLanguage("en")
        .build();
  }

  /** Articles {@code 0..count-1}. */
  public static List<Article> articles(List<Company> companies, long seed, int count) {
    return IntStream.range(0, count).mapToObj(i -> article(companies, seed, i)).toList();
  }

  private static String syllable(SplittableRandom r) {
    return SYLLABLES[r.nextInt(SYLLABLES.length)];
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
