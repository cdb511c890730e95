package dev.newsflow.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.Article;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict and the text normal form on their own; ArticleContractTest (app) sends them through every door. */
class ArticleContractUnitTest {
  private static Article.Builder article() {
    return Article.newBuilder().setId("a-1").setTitle("Unitree ships a robot").setBody("Unitree said so.")
        .setUrl("https://example.com/a-1");
  }

  @Test
  void everyViolationIsListedInFieldOrderAndTheFirstNamesTheDeadLetterType() {
    ArticleContract.Verdict verdict = ArticleContract.check(article().setId(" a ").setTitle("")
        .setBody("b".repeat(ArticleLimits.MAX_BODY_CHARS + 1)).setUrl("javascript:alert(1)").build());
    assertEquals(List.of(ArticleContract.Reason.PADDED_ID, ArticleContract.Reason.BLANK_TITLE,
        ArticleContract.Reason.BODY_TOO_LONG, ArticleContract.Reason.URL_NOT_WEB),
        verdict.violations().stream().map(ArticleContract.Violation::reason).toList());
    assertEquals("INVALID_ARTICLE", verdict.first().orElseThrow().reason().errorType());
    assertEquals("body: is 200001 characters; the limit is 200000", verdict.violations().get(2).toString());
    assertTrue(ArticleContract.check(article().build()).accepted());
  }

  @Test
  void cleaningCopiesOnlyWhenSomethingChangesAndNeverTouchesTheOriginal() {
    Article clean = article().build();
    assertSame(clean, ArticleText.cleaned(clean));
    Article dirty = article().setTitle("Unitree\u0000 ships\r\na robot\u0092s").build();
    Article cleaned = ArticleText.cleaned(dirty);
    assertNotSame(dirty, cleaned);
    assertEquals("Unitree ships\na robot\u2019s", cleaned.getTitle());
    assertEquals("Unitree\u0000 ships\r\na robot\u0092s", dirty.getTitle());
  }
}
