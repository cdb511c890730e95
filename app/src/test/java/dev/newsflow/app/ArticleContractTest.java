package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.contract.ArticleLimits;
import dev.newsflow.producer.RecordChecks;
import dev.newsflow.schema.Article;
import dev.newsflow.streams.enrich.ArticleValidator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One article contract: what `import` and `ingest-server` accept (RecordChecks) is exactly what the streams
 * application enriches rather than dead-letters (ArticleValidator), at and around every limit. Before the
 * limits had one owner, a 300,000-character body was imported as a success and then dead-lettered.
 */
class ArticleContractTest {
  private static Article article(String id, String title, String body) {
    return Article.newBuilder().setId(id).setTitle(title).setBody(body).setSource("Example Wire")
        .setUrl("https://example.com/a").setLanguage("en").setPublishedAt(Instant.parse("2026-03-10T10:00:00Z")).build();
  }

  @Test
  void theProducersAndTheStreamsApplicationGiveTheSameVerdict() {
    Map<String, Article> cases = new LinkedHashMap<>();
    cases.put("ordinary", article("a-1", "Unitree ships a humanoid", "Unitree said on Tuesday..."));
    cases.put("body at the limit", article("a-2", "t", "x".repeat(ArticleLimits.MAX_BODY_CHARS)));
    cases.put("body one over", article("a-3", "t", "x".repeat(ArticleLimits.MAX_BODY_CHARS + 1)));
    cases.put("body of 300,000", article("a-4", "t", "x".repeat(300_000)));
    cases.put("title at the limit", article("a-5", "t".repeat(ArticleLimits.MAX_TITLE_CHARS), "b"));
    cases.put("title one over", article("a-6", "t".repeat(ArticleLimits.MAX_TITLE_CHARS + 1), "b"));
    cases.put("blank id", article(" ", "t", "b"));
    cases.put("neither title nor body", article("a-7", "", ""));
    Map<String, Boolean> imported = new LinkedHashMap<>();
    Map<String, Boolean> enriched = new LinkedHashMap<>();
    cases.forEach((name, a) -> {
      imported.put(name, RecordChecks.check(Article.newBuilder(a).build()).isEmpty());
      enriched.put(name, ArticleValidator.check(a.getId(), a).isEmpty());
    });
    assertEquals(imported, enriched);
    assertEquals(Boolean.FALSE, imported.get("body of 300,000"));
    assertEquals(Boolean.TRUE, imported.get("body at the limit"));
  }
}
