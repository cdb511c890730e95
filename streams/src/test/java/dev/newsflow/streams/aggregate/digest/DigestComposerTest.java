package dev.newsflow.streams.aggregate.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.enrich.Enricher;
import dev.newsflow.streams.enrich.Ndjson;
import dev.newsflow.streams.enrich.OfflineEnrichment;
import dev.newsflow.streams.event.ArticleFacts;
import dev.newsflow.streams.event.PhrasedArticle;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Digests of the sample's companies (issue 12's acceptance case: ByteDance after the Seedance 2.0 launch). */
class DigestComposerTest {
  static final List<String> SEEDANCE = IntStream.rangeClosed(29, 36).mapToObj(i -> "nf-2026-00" + i).toList();
  static final long AFTER_LAUNCH = DigestWindow.hourOf(Instant.parse("2026-02-11T06:30:00Z").toEpochMilli());

  static List<EnrichedArticle> enriched;

  @BeforeAll
  static void enrichTheSample() {
    List<Company> companies = Ndjson.records(sample("companies.ndjson"), Company.class);
    List<Article> articles = Ndjson.records(sample("articles.ndjson"), Article.class);
    enriched = OfflineEnrichment.run(companies, articles, Enricher.standard());
  }

  /** The company's reports in the sample, as the aggregation would keep them. */
  static List<DigestReport> reports(String company) {
    List<DigestReport> out = new ArrayList<>();
    for (EnrichedArticle a : enriched) {
      ArticleFacts f = ArticleFacts.of(PhrasedArticle.of(a), a.getPublishedAt().toEpochMilli()).get(company);
      if (f != null) {
        out.add(DigestReport.of(f));
      }
    }
    return out;
  }

  static String text(String articleId) {
    EnrichedArticle a = enriched.stream().filter(e -> e.getId().equals(articleId)).findFirst().orElseThrow();
    return (a.getTitle() + " " + a.getBody()).replaceAll("\\s+", " ");
  }

  @Test
  void byteDanceAfterTheLaunchHasOneSeedanceStoryInEnglishAndChinese() {
    List<DigestReport> reports = reports("bytedance");
    assertTrue(reports.stream().map(DigestReport::articleId).toList().containsAll(SEEDANCE), "linked: " + reports);
    Digest d = DigestComposer.compose("ByteDance", reports, AFTER_LAUNCH, null);
    System.out.println(d.text());

    Digest.Story main = d.day().stories().get(0);
    String storyId = reports.stream().filter(r -> r.articleId().equals(SEEDANCE.get(0))).findFirst().orElseThrow().storyId();
    assertEquals(storyId, main.storyId());
    assertTrue(reports.stream().filter(r -> SEEDANCE.contains(r.articleId())).allMatch(r -> r.storyId().equals(storyId)),
        "the eight reports are one story");
    assertEquals(8, main.reports());
    assertEquals(7, main.outlets(), "Pacific Tech Wire reported twice");
    assertEquals(List.of("en", "zh"), main.languages());
    // The most central report: every report's sentence names ByteDance and Seedance at best; the earliest wins.
    assertEquals("nf-2026-0029", main.keySentenceArticleId());
    assertEquals("en", main.keySentenceLanguage());
    assertTrue(text("nf-2026-0029").contains(main.keySentence()), "word for word: " + main.keySentence());
    assertTrue(main.keySentence().contains("ByteDance") && main.keySentence().contains("Seedance 2.0"), main.keySentence());
    assertEquals(main, d.week().stories().get(0), "the launch is also the week's main story");
    assertTrue(d.text().startsWith("24 hours to 2026-02-11 07:00 UTC: 8 articles about ByteDance from 7 outlets"),
        d.text());
    assertTrue(d.text().contains("1. 8 reports from 7 outlets in English and Chinese: \u201C" + main.keySentence() + "\u201D"),
        d.text());
    assertTrue(d.text().contains("\n7 days to 2026-02-11 07:00 UTC: "), d.text());
  }

  @Test
  void everyKeySentenceIsASentenceOfItsArticleNamingTheCompanyOrProduct() {
    for (String company : List.of("bytedance", "alibaba", "openai", "kuaishou")) {
      for (DigestReport r : reports(company)) {
        if (r.keySentence() == null) {
          continue;
        }
        String s = r.keySentence().endsWith("\u2026") ? r.keySentence().substring(0, r.keySentence().length() - 1)
            : r.keySentence();
        assertTrue(text(r.articleId()).contains(s), r.articleId() + ": " + r.keySentence());
        assertTrue(r.keySentence().length() <= dev.newsflow.streams.phrases.KeySentence.MAX_CHARS, r.keySentence());
      }
    }
  }

  @Test
  void aChineseReportQuotesItsOwnChineseSentence() {
    DigestReport zh = reports("bytedance").stream().filter(r -> r.articleId().equals("nf-2026-0030")).findFirst()
        .orElseThrow();
    assertEquals("字节跳动今日正式推出新一代视频生成模型Seedance 2.0。", zh.keySentence());
    assertEquals("zh", zh.language());
  }

  @Test
  void theDigestIsTheSameInAnyOrder() {
    for (String company : List.of("bytedance", "alibaba", "openai")) {
      List<DigestReport> reports = new ArrayList<>(reports(company));
      long hour = DigestWindow.hourOf(reports.stream().mapToLong(DigestReport::publishedAt).max().orElseThrow());
      Digest expected = DigestComposer.compose(company, reports, hour, null);
      Random random = new Random(12);
      for (int i = 0; i < 20; i++) {
        Collections.shuffle(reports, random);
        assertEquals(expected, DigestComposer.compose(company, reports, hour, null));
      }
    }
  }

  @Test
  void storiesWeighByOutletsThenReportsThenFirstReportThenId() {
    long h = AFTER_LAUNCH;
    List<DigestReport> reports = List.of(
        report("a1", "many-reports", "x", h), report("a2", "many-reports", "x", h), report("a3", "many-reports", "x", h),
        report("b1", "two-outlets", "x", h), report("b2", "two-outlets", "y", h),
        report("c1", "later", "z", h + 60_000), report("d1", "earlier-b", "w", h), report("e1", "earlier-a", "v", h));
    Digest d = DigestComposer.compose("X", reports, h, null);
    assertEquals(List.of("two-outlets", "many-reports", "earlier-a", "earlier-b", "later"),
        d.day().stories().stream().map(Digest.Story::storyId).toList());
  }

  @Test
  void aPeriodKeepsItsOwnReports() {
    long h = AFTER_LAUNCH;
    long twoDaysAgo = h - 48 * DigestWindow.HOUR;
    long eightDaysAgo = h - 8 * 24 * DigestWindow.HOUR;
    Digest d = DigestComposer.compose("X", List.of(report("a", "s1", "x", h), report("b", "s2", "y", twoDaysAgo),
        report("c", "s3", "z", eightDaysAgo)), h, null);
    assertEquals(List.of("s1"), d.day().stories().stream().map(Digest.Story::storyId).toList());
    // One outlet and one report each: the earlier first report comes first.
    assertEquals(List.of("s2", "s1"), d.week().stories().stream().map(Digest.Story::storyId).toList());
    assertEquals(1, d.day().articles());
    assertEquals(2, d.week().articles());
  }

  @Test
  void toneIsTheMeanSentimentAsAWord() {
    assertEquals(Tone.POSITIVE, Tone.of(0.1));
    assertEquals(Tone.NEUTRAL, Tone.of(0.099));
    assertEquals(Tone.NEUTRAL, Tone.of(-0.099));
    assertEquals(Tone.NEGATIVE, Tone.of(-0.1));
    assertNull(Tone.of(null));
  }

  @Test
  void coverageAgainstTheUsualNeedsThreeDaysOfHistory() {
    assertNull(Coverage.compare(30, 10, 71), "less than three days before the last 24 h");
    assertEquals(new Coverage(3.0, "about 3x its usual coverage"), Coverage.compare(30, 30, 72));
    assertEquals(new Coverage(1.8, "about 1.8x its usual coverage"), Coverage.compare(18, 30, 72));
    assertEquals(new Coverage(1.0, "usual coverage"), Coverage.compare(10, 30, 72));
    assertEquals(new Coverage(0.3, "about 0.3x its usual coverage"), Coverage.compare(3, 30, 72));
  }

  @Test
  void aQuietPeriodSaysSo() {
    Digest d = DigestComposer.compose("Acme", List.of(), AFTER_LAUNCH, Coverage.compare(0, 30, 72));
    assertEquals("No articles about Acme in the 24 hours to 2026-02-11 07:00 UTC, though it usually has some.\n"
        + "No articles about Acme in the 7 days to 2026-02-11 07:00 UTC.", d.text());
  }

  @Test
  void aDayWithoutArticlesInAWeekWithSomeReadsAsASentence() {
    long h = AFTER_LAUNCH;
    long twoDaysAgo = h - 48 * DigestWindow.HOUR;
    Digest d = DigestComposer.compose("Acme", List.of(report("a", "s1", "x", twoDaysAgo),
        report("b", "s1", "y", twoDaysAgo)), h, null);
    assertEquals("No articles about Acme in the 24 hours to 2026-02-11 07:00 UTC.\n"
        + "7 days to 2026-02-11 07:00 UTC: 2 articles about Acme from 2 outlets.\n"
        + "1. 2 reports from 2 outlets in English: \u201CSentence of a.\u201D", d.text());
  }

  static DigestReport report(String id, String story, String outlet, long at) {
    return new DigestReport(id, story, outlet, "en", at, null, 1, false, "Sentence of " + id + ".", 1);
  }

  static Path sample(String file) {
    return Path.of(System.getProperty("user.dir")).getParent().resolve("data/sample").resolve(file);
  }
}
