package dev.newsflow.streams.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.aggregate.AggregationHarness;
import org.junit.jupiter.api.Test;

class ArticleFactsTest {
  private static ArticleFacts factsOf(EnrichedArticle a) {
    return ArticleFacts.of(PhrasedArticle.of(a), a.getPublishedAt().toEpochMilli()).get("acme");
  }

  @Test
  void aLongTitleIsCutForHeadlinesWithoutSplittingACharacter() {
    String title = "a".repeat(ArticleFacts.TITLE_CHARS - 2) + "\uD83D\uDE00 and more";
    EnrichedArticle a = AggregationHarness.article("a1", "2026-03-01T08:00:00Z").title(title)
        .mention("acme", 1, 1.0).build();
    // The emoji straddles the cut: it goes whole, as the contract cuts text (ArticleText.truncate).
    assertEquals("a".repeat(ArticleFacts.TITLE_CHARS - 2) + "…", factsOf(a).title());
  }

  @Test
  void aShortTitleIsKeptStripped() {
    EnrichedArticle a = AggregationHarness.article("a1", "2026-03-01T08:00:00Z").title("  Acme ships  ")
        .mention("acme", 1, 1.0).build();
    assertEquals("Acme ships", factsOf(a).title());
  }

  @Test
  void aReleaseReportedInARunOnSentenceKeepsItsStartAsEvidence() {
    String sentence = "Acme released Rocket 2.0 " + "and then it went on and on ".repeat(2_000);
    EnrichedArticle a = AggregationHarness.article("a1", "2026-03-01T08:00:00Z").body(sentence)
        .mention("acme", 1, 1.0).reports("acme", "Rocket", "2.0", sentence).build();
    String evidence = factsOf(a).releases().get(0).evidence();
    // Each release keeps up to 150 reports in the company's state, one Kafka record: a sentence is cut.
    assertEquals(ArticleFacts.EVIDENCE_CHARS, evidence.length());
    assertEquals(sentence.substring(0, ArticleFacts.EVIDENCE_CHARS - 1) + "…", evidence);
  }
}
