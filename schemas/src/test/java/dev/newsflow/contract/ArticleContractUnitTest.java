package dev.newsflow.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.ConfigException;
import dev.newsflow.schema.Article;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict and the text normal form on their own; ArticleContractTest (app) sends them through every door. */
class ArticleContractUnitTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final PublishedAtRule RULE = PublishedAtRule.standard().withClock(Clock.fixed(NOW, ZoneOffset.UTC));

  private static Article.Builder article() {
    return Article.newBuilder().setId("a-1").setTitle("Unitree ships a robot").setBody("Unitree said so.")
        .setUrl("https://example.com/a-1");
  }

  @Test
  void everyViolationIsListedInFieldOrderAndTheFirstNamesTheDeadLetterType() {
    ArticleContract.Verdict verdict = RULE.check(article().setId(" a ").setTitle("")
        .setBody("b".repeat(ArticleLimits.MAX_BODY_CHARS + 1)).setUrl("javascript:alert(1)").build());
    assertEquals(List.of(ArticleContract.Reason.PADDED_ID, ArticleContract.Reason.BLANK_TITLE,
        ArticleContract.Reason.BODY_TOO_LONG, ArticleContract.Reason.URL_NOT_WEB),
        verdict.violations().stream().map(ArticleContract.Violation::reason).toList());
    assertEquals("INVALID_ARTICLE", verdict.first().orElseThrow().reason().errorType());
    assertEquals("body: is 200001 characters; the limit is 200000", verdict.violations().get(2).toString());
    assertTrue(RULE.check(article().build()).accepted());
  }

  @Test
  void publishedAtMayBeUpToTheToleranceAfterTheMomentOfJudgementAndAnyTimeBackTo1970() {
    assertTrue(RULE.check(article().setPublishedAt(NOW.plus(Duration.ofDays(1))).build()).accepted());
    assertTrue(RULE.check(article().setPublishedAt(NOW.plusSeconds(3_600)).build()).accepted());
    assertTrue(RULE.check(article().setPublishedAt(Instant.parse("1987-03-26T12:00:00Z")).build()).accepted());
    assertTrue(RULE.check(article().setPublishedAt(Instant.EPOCH).build()).accepted());
    ArticleContract.Verdict old = RULE.check(article().setPublishedAt(Instant.parse("1969-12-31T23:00:00Z")).build());
    assertEquals(ArticleContract.Reason.PUBLISHED_BEFORE_1970, old.first().orElseThrow().reason());
    assertEquals("INVALID_ARTICLE", old.first().orElseThrow().reason().errorType());
    assertEquals("publishedAt: must be 1970-01-01T00:00:00Z or later (a Kafka record's time cannot be earlier), got "
        + "1969-12-31T23:00:00Z", old.first().orElseThrow().toString());
    ArticleContract.Verdict late = RULE.check(article().setPublishedAt(NOW.plus(Duration.ofDays(1)).plusMillis(1)).build());
    assertEquals(ArticleContract.Reason.FUTURE_PUBLISHED_AT, late.first().orElseThrow().reason());
    assertEquals("INVALID_ARTICLE", late.first().orElseThrow().reason().errorType());
    assertEquals("publishedAt: must be at most 1d after the article arrives (articles.max.future), got "
        + "2026-12-01T12:00:00.001Z", late.first().orElseThrow().toString());
    assertEquals("publishedAt: must be at most 2h after the article arrives (articles.max.future), got "
        + "9999-12-31T23:59:59Z", new PublishedAtRule(Duration.ofHours(2), RULE.clock())
        .check(article().setPublishedAt(Instant.parse("9999-12-31T23:59:59Z")).build()).first().orElseThrow().toString());
  }

  @Test
  void aRecordIsJudgedAtTheEarlierOfItsTimestampAndNow() {
    Article article = article().setPublishedAt(NOW.plusSeconds(3_600)).build();
    // Arrived three days ago: judged then, a date 3 days later is too far ahead of it, whenever it is re-read.
    assertEquals(ArticleContract.Reason.FUTURE_PUBLISHED_AT, RULE.check(article,
        NOW.minus(Duration.ofDays(3)).toEpochMilli()).first().orElseThrow().reason());
    // A record stamped in the future (or with publishedAt) cannot vouch for itself: judged now.
    assertTrue(RULE.check(article, NOW.plus(Duration.ofDays(3)).toEpochMilli()).accepted());
    Article farAhead = article().setPublishedAt(Instant.parse("9999-12-31T23:59:59Z")).build();
    assertEquals(ArticleContract.Reason.FUTURE_PUBLISHED_AT,
        RULE.check(farAhead, farAhead.getPublishedAt().toEpochMilli()).first().orElseThrow().reason());
    // No timestamp (-1): judged now.
    assertTrue(RULE.check(article, -1).accepted());
  }

  @Test
  void theToleranceIsBounded() {
    assertThrows(ConfigException.class, () -> new PublishedAtRule(Duration.ofSeconds(-1), RULE.clock()));
    assertThrows(ConfigException.class, () -> new PublishedAtRule(Duration.ofDays(367), RULE.clock()));
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
