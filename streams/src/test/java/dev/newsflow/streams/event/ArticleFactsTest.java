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
}
