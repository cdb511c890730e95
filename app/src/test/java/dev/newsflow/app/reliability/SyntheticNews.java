package dev.newsflow.app.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.json.CanonicalJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A seeded dataset whose right answer is known without running newsflow: invented companies with names
 * no filler word shares, and articles of random made-up lowercase words that name one to three of them. Each
 * article is unlike every other (no repeat for dedup to fold), and all are published within one hour of
 * event time, so none is late for its window. The model: each company's article count is the number of
 * articles that name it.
 */
final class SyntheticNews {
  /**
   * Filler words are made, not taken from a short list: articles drawn from a few hundred real words share
   * so many word sequences that dedup's similarity buckets fill up (the "hot bucket" case of issue 10),
   * which is not what this data is for. These syllables never occur in a company name.
   */
  private static final String[] WORD_SYLLABLES = {"ba", "ce", "di", "fo", "gu", "ha", "ji", "ko", "lu", "me", "ni",
      "po", "ra", "si", "tu", "wa", "yi", "ze", "mo", "ka"};
  private static final String[] SYLLABLES = {"vor", "quel", "zan", "trix", "bel", "dro", "kap", "mir", "nox", "pel",
      "rud", "sil", "tov", "ulm", "vex", "wyn", "yar", "zel", "gor", "hex"};
  static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

  record Company(String id, String name, String alias) {}

  record Article(String id, String title, String body, Instant publishedAt, String source, Set<String> companies) {}

  private final List<Company> companies = new ArrayList<>();
  private final List<Article> articles = new ArrayList<>();

  SyntheticNews(long seed, int companyCount, int articleCount) {
    Random random = new Random(seed);
    Set<String> names = new LinkedHashSet<>();
    while (names.size() < companyCount) {
      String word = SYLLABLES[random.nextInt(SYLLABLES.length)] + SYLLABLES[random.nextInt(SYLLABLES.length)]
          + SYLLABLES[random.nextInt(SYLLABLES.length)];
      names.add(Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    int n = 0;
    for (String word : names) {
      n++;
      companies.add(new Company(String.format("co%03d", n), word + " Holdings", word));
    }
    // Under an hour of event time in all, so that no article is late for its 1 h window.
    long stepMillis = Math.max(1, 50L * 60 * 1000 / Math.max(1, articleCount));
    for (int i = 0; i < articleCount; i++) {
      Set<String> named = new LinkedHashSet<>();
      int mentions = 1 + random.nextInt(3);
      while (named.size() < mentions) {
        named.add(companies.get(random.nextInt(companies.size())).id());
      }
      List<Company> who = companies.stream().filter(c -> named.contains(c.id())).toList();
      StringBuilder body = new StringBuilder();
      for (Company c : who) {
        body.append(c.name()).append(' ').append(words(random, 6)).append(". ");
      }
      body.append(words(random, 50)).append('.');
      String title = who.get(0).alias() + " " + words(random, 5);
      articles.add(new Article(String.format("syn-%05d", i), title, body.toString(),
          START.plusMillis(i * stepMillis), "wire-" + (i % 7), named));
    }
  }

  private static String words(Random random, int count) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < count; i++) {
      s.append(i == 0 ? "" : " ");
      int syllables = 2 + random.nextInt(2);
      for (int k = 0; k < syllables; k++) {
        s.append(WORD_SYLLABLES[random.nextInt(WORD_SYLLABLES.length)]);
      }
    }
    return s.toString();
  }

  List<Company> companies() {
    return companies;
  }

  List<Article> articles() {
    return articles;
  }

  /** The ids of the articles, as newsflow should output each exactly once. */
  Set<String> articleIds() {
    Set<String> ids = new LinkedHashSet<>();
    articles.forEach(a -> ids.add(a.id()));
    return ids;
  }

  /** The model: articles per company, from the input alone. */
  Map<String, Long> articleCounts() {
    Map<String, Long> counts = new TreeMap<>();
    articles.forEach(a -> a.companies().forEach(c -> counts.merge(c, 1L, Long::sum)));
    return counts;
  }

  /** Writes {@code companies.ndjson} and {@code articles.ndjson} into {@code dir}, laid out like data/sample. */
  Path writeDataset(Path dir) {
    try {
      Files.createDirectories(dir);
      List<String> companyLines = new ArrayList<>();
      for (Company c : companies) {
        ObjectNode o = CanonicalJson.mapper().createObjectNode();
        o.put("id", c.id());
        o.put("name", c.name());
        o.putArray("aliases").add(c.alias());
        companyLines.add(o.toString());
      }
      Files.write(dir.resolve("companies.ndjson"), companyLines, StandardCharsets.UTF_8);
      List<String> articleLines = new ArrayList<>();
      for (Article a : articles) {
        ObjectNode o = CanonicalJson.mapper().createObjectNode();
        o.put("id", a.id());
        o.put("title", a.title());
        o.put("body", a.body());
        o.put("source", a.source());
        o.put("publishedAt", a.publishedAt().toString());
        o.put("language", "en");
        articleLines.add(o.toString());
      }
      Files.write(dir.resolve("articles.ndjson"), articleLines, StandardCharsets.UTF_8);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
