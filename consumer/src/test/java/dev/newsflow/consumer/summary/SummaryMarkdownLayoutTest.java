package dev.newsflow.consumer.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.consumer.TestRecords;
import dev.newsflow.schema.CompanyDigest;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.DigestPeriod;
import dev.newsflow.schema.DigestStory;
import dev.newsflow.schema.Headline;
import dev.newsflow.schema.ReleaseRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole Markdown document, as a person reads it and as hostile article text cannot change it. */
class SummaryMarkdownLayoutTest {
  @Test
  void readsWellForAPerson() {
    CompanySummary s = TestRecords.summary("acme", 5);
    s.setLatestReleases(List.of(
        ReleaseRef.newBuilder().setId("r2").setProduct("Rocket").setVersion("2.0").setCategory("model")
            .setReleasedAt(Instant.parse("2026-03-02T09:30:00Z")).setUrl("https://acme.example/rocket-2").build(),
        ReleaseRef.newBuilder().setId("r1").setProduct("Sled").setFirstOfFamily(true).build(),
        ReleaseRef.newBuilder().setId("coverage:acme:skate:3").setProduct("Skate").setVersion("3")
            .setDetectedFromCoverage(true).build()));
    assertEquals("""
        # Company ACME

        **15 articles**, 5 in the last 24 hours; coverage rising sharply; latest release Rocket 2.0.

        `acme` · updated 2026-03-01 08:00 UTC

        ## Latest releases

        | Release | Category | Released |
        |---|---|---|
        | [Rocket 2.0](https://acme.example/rocket-2) | model | 2026-03-02 09:30 UTC |
        | Sled (new family) |  |  |
        | Skate 3 (detected from coverage) |  |  |

        ## Activity

        - Last 24 hours: 5 articles
        - Trend: rising sharply (+1.25)
        - Coverage so far: 15 articles, 35 mentions
        - Tone: negative (-0.50)
        - Topics: ai, chips

        ## Top headlines

        - [Headline 5 about acme](https://news.example.com/acme/5) — Example Wire, 2026-03-01 08:05 UTC
        """, SummaryMarkdown.render(s));
  }

  @Test
  void articleTextCannotInjectMarkdownHtmlOrScriptLinks() {
    CompanySummary s = TestRecords.summary("acme", 1);
    s.setName("<script>alert(1)</script> *Acme*");
    s.setTrendScore(null);
    s.setSentiment(null);
    s.setTopTopics(List.of());
    s.setLatestReleases(List.of());
    s.setLatestHeadlines(List.of(
        Headline.newBuilder().setArticleId("h1").setTitle("[click](javascript:alert(1)) <img src=x onerror=alert(1)>")
            .setUrl("javascript:alert(1)").build(),
        Headline.newBuilder().setArticleId("h2").setTitle("Bad url").setUrl("https://x.example/a) [y](z \"q\"<b>")
            .setSource("# not a heading\nsecond line").build()));
    assertEquals("""
        # \\<script\\>alert\\(1\\)\\</script\\> \\*Acme\\*

        **3 articles**, 1 in the last 24 hours.

        `acme` · updated 2026-03-01 08:00 UTC

        ## Latest releases

        None seen yet.

        ## Activity

        - Last 24 hours: 1 article
        - Trend: not known yet
        - Coverage so far: 3 articles, 7 mentions

        ## Top headlines

        - \\[click\\]\\(javascript:alert\\(1\\)\\) \\<img src=x onerror=alert\\(1\\)\\>
        - [Bad url](https://x.example/a%29%20%5By%5D%28z%20%22q%22%3Cb%3E) — \\# not a heading second line
        """, SummaryMarkdown.render(s));
  }

  @Test
  void theDigestComesFirstAsParagraphsAndNumberedStories() {
    CompanySummary s = TestRecords.summary("acme", 2);
    s.setLatestReleases(List.of());
    s.setTopTopics(List.of());
    s.setLatestHeadlines(List.of());
    DigestStory story = DigestStory.newBuilder().setStoryId("s1").setKeySentence("Acme *launched* <b>Rocket</b> 2.0.")
        .setKeySentenceArticleId("a1").setKeySentenceLanguage("en").setOutlets(2).setLanguages(List.of("en", "zh"))
        .setReports(2).setTone("neutral").build();
    DigestPeriod period = DigestPeriod.newBuilder().setArticles(2).setOutlets(2).setTone("neutral")
        .setStories(List.of(story)).build();
    s.setDigest(CompanyDigest.newBuilder().setAsOf(Instant.parse("2026-03-01T08:00:00Z")).setDay(period)
        .setWeek(period).setText("""
            Last 24 hours: 2 articles about Company ACME from 2 outlets, neutral in tone.
            1. 2 reports from 2 outlets in English and Chinese: \u201CAcme *launched* <b>Rocket</b> 2.0.\u201D
            Last 7 days: 2 articles about Company ACME from 2 outlets, neutral in tone.
            1. 2 reports from 2 outlets in English and Chinese: \u201CAcme *launched* <b>Rocket</b> 2.0.\u201D""")
        .build());
    String md = SummaryMarkdown.render(s);
    assertEquals("""
        # Company ACME

        **6 articles**, 2 in the last 24 hours; coverage rising.

        `acme` · updated 2026-03-01 08:00 UTC

        ## Digest

        Last 24 hours: 2 articles about Company ACME from 2 outlets, neutral in tone.

        1. 2 reports from 2 outlets in English and Chinese: \u201CAcme \\*launched\\* \\<b\\>Rocket\\</b\\> 2.0.\u201D

        Last 7 days: 2 articles about Company ACME from 2 outlets, neutral in tone.

        1. 2 reports from 2 outlets in English and Chinese: \u201CAcme \\*launched\\* \\<b\\>Rocket\\</b\\> 2.0.\u201D

        ## Latest releases
        """, md.substring(0, md.indexOf("## Latest releases") + "## Latest releases".length() + 1));
  }

  @Test
  void aCompanyOutOfTheNewsSaysWhenItLastHadSome() {
    CompanySummary s = TestRecords.summary("acme", 8);
    s.setArticleCount(8L);
    s.setLast24hArticles(0L);
    s.setTrendScore(null);
    s.setLatestReleases(List.of());
    s.setUpdatedAt(Instant.parse("2026-02-11T06:30:00Z"));
    String md = SummaryMarkdown.render(s);
    assertEquals("**8 articles**, none in the last 24 hours (its latest news 2026-02-11 06:30 UTC).",
        md.lines().filter(l -> l.startsWith("**")).findFirst().orElseThrow(), md);
  }
}
