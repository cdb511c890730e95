package dev.newsflow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.contract.Sha256;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Mention;
import dev.newsflow.streams.enrich.Enricher;
import dev.newsflow.streams.enrich.OfflineEnrichment;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bench's load: seeded, addressable by index, and of the shares {@link SyntheticNews.Mix} promises. */
class SyntheticNewsTest {
  private static final Instant T = Instant.parse("2026-02-10T08:00:00Z");
  private static final List<Company> COMPANIES = SyntheticNews.companies(1000, 42);
  private static final SyntheticNews.Feed FEED = SyntheticNews.feed(COMPANIES, SyntheticNews.Mix.standard(), 42);
  private static final int N = 4000;
  /** SHA-256 of the first 1,000 articles of seed 42 over 1,000 companies: the feed of the baseline. */
  private static final String PINNED_FEED = "7dde9e201595550ce1fc54f30a0e35f805633a6094c2b654d6f16183ae124ae3";

  @Test
  void anArticleIsAFunctionOfTheSeedAndItsIndexOnly() {
    SyntheticNews.Feed again = SyntheticNews.feed(SyntheticNews.companies(1000, 42), SyntheticNews.Mix.standard(), 42);
    for (long i : new long[] {0, 1, 17, 999, 123_456}) {
      assertEquals(FEED.article(i, T), again.article(i, T), "article " + i);
    }
    // Asked out of order, the same articles come out.
    assertEquals(FEED.article(5, T), again.article(5, T));
    assertNotEquals(FEED.article(5, T).getBody(),
        SyntheticNews.feed(COMPANIES, SyntheticNews.Mix.standard(), 43).article(5, T).getBody(), "another seed, other text");
    assertEquals(T, FEED.article(3, T).getPublishedAt());
    assertEquals("bench-3", FEED.article(3, T).getId());
    assertEquals(3, SyntheticNews.Feed.index("bench-3"));
    assertEquals(-1, SyntheticNews.Feed.index("nf-2026-0001"));
  }

  /**
   * The load is pinned: "before" and "after" figures are comparable only on the same articles. A change
   * to the generator that moves this digest needs a new baseline in BENCHMARKS.md.
   */
  @Test
  void theFeedOfTheBaselineIsPinned() throws Exception {
    java.security.MessageDigest sha = Sha256.digest();
    for (int i = 0; i < 1_000; i++) {
      Article a = FEED.article(i, T);
      sha.update((a.getId() + "\n" + a.getTitle() + "\n" + a.getBody() + "\n" + a.getSource() + "\n" + a.getUrl()
          + "\n" + a.getLanguage() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(PINNED_FEED, Sha256.hex(sha.digest(), 32));
  }

  @Test
  void bodiesAreTwoToThreeKilobytesInEnglishAndChinese() {
    Map<String, Integer> byLanguage = new HashMap<>();
    for (int i = 0; i < N; i++) {
      Article a = FEED.article(i, T);
      int bytes = a.getBody().getBytes(StandardCharsets.UTF_8).length;
      assertTrue(bytes >= 1900 && bytes <= 3300, "article " + i + " has " + bytes + " bytes");
      byLanguage.merge(a.getLanguage(), 1, Integer::sum);
    }
    // 20 % of the originals that are not watched (70 % of all) are Chinese; near-duplicates copy their original's language.
    double chinese = byLanguage.get("zh") / (double) N;
    assertTrue(chinese > 0.13 && chinese < 0.21, "Chinese share " + chinese);
  }

  @Test
  void aTenthCarryTheWatchKeywordAsEnglishOriginalsWithUniqueTitles() {
    int watched = 0;
    Set<String> titles = new HashSet<>();
    for (int i = 0; i < N; i++) {
      Article a = FEED.article(i, T);
      boolean carries = a.getTitle().contains("Quorvex") && a.getBody().contains("Quorvex");
      assertEquals(FEED.watched(i), carries, "article " + i);
      if (carries) {
        watched++;
        assertEquals("en", a.getLanguage());
        assertTrue(titles.add(a.getTitle()), "a watched title repeats: " + a.getTitle());
      }
    }
    assertTrue(watched > 0.08 * N && watched < 0.12 * N, "watched " + watched);
  }

  @Test
  void aTenthAreNearDuplicatesOfARecentOriginal() {
    int nearDuplicates = 0;
    for (int i = 0; i < N; i++) {
      Article a = FEED.article(i, T);
      if (!a.getTitle().startsWith("UPDATE 1-") && !a.getTitle().startsWith("更新：")) {
        continue;
      }
      nearDuplicates++;
      String originalTitle = a.getTitle().substring(a.getTitle().startsWith("UPDATE 1-") ? 9 : 3);
      Article original = null;
      for (int j = i - 1; j >= Math.max(0, i - 200) && original == null; j--) {
        Article candidate = FEED.article(j, T);
        if (candidate.getTitle().equals(originalTitle)) {
          original = candidate;
        }
      }
      assertTrue(original != null, "article " + i + " repeats no article of the 200 before it");
      assertTrue(!FEED.watched(SyntheticNews.Feed.index(original.getId())), "a watched article is never repeated");
      assertNotEquals(original.getUrl(), a.getUrl());
      assertTrue(sharedSentences(original.getBody(), a.getBody()) >= 0.75, "article " + i + " is not near its original");
    }
    assertTrue(nearDuplicates > 0.08 * N && nearDuplicates < 0.12 * N, "near-duplicates " + nearDuplicates);
  }

  @Test
  void unrelatedArticlesShareFewThreeWordShingles() {
    // The dedup stage calls articles repeats from 0.6 shingle similarity: originals must stay far below.
    Article a = FEED.article(0, T);
    Article b = FEED.article(1, T);
    assertTrue(jaccard(shingles(a.getBody()), shingles(b.getBody())) < 0.2);
  }

  @Test
  void aShareOfArticlesNameSeveralCompanies() {
    int several = 0;
    int originals = 0;
    for (int i = 0; i < N; i++) {
      Article a = FEED.article(i, T);
      if (!"en".equals(a.getLanguage()) || a.getTitle().startsWith("UPDATE 1-")) {
        continue;
      }
      originals++;
      long named = COMPANIES.stream().filter(c -> a.getBody().contains(c.getAliases().get(0) + " ")).count();
      several += named >= 2 ? 1 : 0;
    }
    double share = several / (double) originals;
    assertTrue(share > 0.2 && share < 0.4, "share naming several companies " + share);
  }

  @Test
  void sharesThatAreNotFractionsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SyntheticNews.Mix(0.2, 0.6, 0.3, 0.6, "x"));
    assertThrows(IllegalArgumentException.class, () -> new SyntheticNews.Mix(-0.1, 0.1, 0.3, 0.1, "x"));
  }

  private static double sharedSentences(String original, String copy) {
    Set<String> a = new HashSet<>(Arrays.asList(original.split("(?<=[.。]) ?")));
    List<String> b = Arrays.asList(copy.split("(?<=[.。]) ?"));
    return b.stream().filter(a::contains).count() / (double) b.size();
  }

  private static Set<String> shingles(String text) {
    String[] words = text.split("\\s+");
    Set<String> out = new HashSet<>();
    for (int i = 2; i < words.length; i++) {
      out.add(words[i - 2] + " " + words[i - 1] + " " + words[i]);
    }
    return out;
  }

  private static double jaccard(Set<String> a, Set<String> b) {
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    Set<String> either = new HashSet<>(a);
    either.addAll(b);
    return both.size() / (double) either.size();
  }

  /**
   * The hot-bucket load: one 2–3 KB template naming one company, differing only in "loop body N"; the
   * pipeline's own dedup rules mark every copy but the earliest (all share one instant, so the smallest
   * id) a repeat, and of the standard feed only its near-duplicates' share.
   */
  @Test
  void nearIdenticalArticlesAreAllRepeatsOfTheEarliestToTheDedupRules() {
    Company hot = COMPANIES.get(0);
    SyntheticNews.NearIdentical source = SyntheticNews.nearIdentical(hot, 42);
    List<Article> articles = new ArrayList<>();
    for (long i = 300; i < 500; i++) {
      articles.add(source.article(i, T));
    }
    assertEquals(source.article(7, T), SyntheticNews.nearIdentical(hot, 42).article(7, T), "seeded");
    Article first = articles.get(0);
    int bytes = first.getBody().getBytes(StandardCharsets.UTF_8).length;
    assertTrue(bytes >= 2048 && bytes <= 3300, bytes + " bytes");
    assertTrue(first.getBody().endsWith(" loop body 300 " + hot.getName()), first.getBody());
    assertEquals(SyntheticNews.Feed.id(300), first.getId());
    assertEquals(1, articles.stream().map(Article::getTitle).distinct().count(), "one headline");
    assertEquals(articles.size(), articles.stream().map(Article::getBody).distinct().count(), "no two bodies alike");

    List<EnrichedArticle> enriched = OfflineEnrichment.run(COMPANIES, articles, Enricher.standard());
    // "bench-300" < "bench-301" < ... < "bench-499": ids decide, as publishedAt ties.
    assertEquals(null, enriched.get(0).getDuplicateOf(), "the earliest is the original");
    for (EnrichedArticle a : enriched) {
      assertEquals(List.of(hot.getId()), a.getMentions().stream().map(Mention::getCompanyId).toList(), a.getId());
      if (a != enriched.get(0)) {
        assertEquals("bench-300", a.getDuplicateOf(), a.getId() + " " + a.getDuplicateRule());
      }
    }

    List<Article> varied = new ArrayList<>();
    for (long i = 300; i < 500; i++) {
      varied.add(FEED.article(i, T));
    }
    long repeats = OfflineEnrichment.run(COMPANIES, varied, Enricher.standard()).stream()
        .filter(a -> a.getDuplicateOf() != null).count();
    assertTrue(repeats > 5 && repeats < 40, repeats + " of 200 varied articles marked as repeats");
  }
}
