package dev.newsflow.producer.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.Article;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedArticlesTest {
  private static final Instant FETCHED = Instant.parse("2026-03-01T12:00:00Z");
  private static final URI FEED_URL = URI.create("https://news.example.com/rss.xml");
  private static final Feed FEED = new Feed("rss_2.0", "Example <b>News</b>", "https://news.example.com/", "en-us",
      List.of(), List.of());

  private static FeedArticles.Result convert(FeedItem item) {
    return FeedArticles.toArticle(FEED, item, FEED_URL, FEED_URL.toString(), FETCHED);
  }

  private static FeedItem item(String guid, String title, String link, String date) {
    return new FeedItem(guid, title, link, null, "<p>Body &amp; more</p>", "Ann <i>Lee</i>", null, date);
  }

  @Test
  void itemBecomesACleanArticle() {
    FeedArticles.Result result = convert(item("https://news.example.com/a", "Chips &amp; <b>AI</b>",
        "/story?utm_source=rss&id=3#top", "Mon, 02 Jan 2026 15:04:05 GMT"));
    Article a = result.article();
    assertEquals("Chips & AI", a.getTitle());
    assertEquals("Body & more", a.getBody());
    assertEquals("https://news.example.com/story?id=3", a.getUrl());
    assertEquals("Example News", a.getSource());
    assertEquals("en-US", a.getLanguage());
    assertEquals("Ann Lee", a.getAuthor());
    assertEquals(Instant.parse("2026-01-02T15:04:05Z"), a.getPublishedAt());
    assertEquals(List.of(), result.notes());
  }

  @Test
  void idsAreStable() {
    String byGuid = convert(item("tag:news.example.com,2026:1", "t", null, null)).article().getId();
    assertEquals(byGuid, convert(item("tag:news.example.com,2026:1", "other title", "https://x.example/", null))
        .article().getId(), "a globally unique GUID alone decides");
    // Without a GUID the canonical URL decides: tracking parameters and fragments do not make a new article.
    String byUrl = convert(item(null, "t", "https://news.example.com/s?id=1&utm_campaign=x#c", null)).article().getId();
    assertEquals(byUrl, convert(item(null, "t2", "https://NEWS.example.com/s?id=1", null)).article().getId());
    // A feed-local GUID such as "42" is qualified by the feed: another feed's "42" is another article.
    String local = convert(item("42", "t", null, null)).article().getId();
    Feed other = new Feed("rss_2.0", "Other", "https://other.example/", null, List.of(), List.of());
    assertNotEquals(local, FeedArticles.toArticle(other, item("42", "t", null, null), URI.create(
        "https://other.example/rss"), "https://other.example/rss", FETCHED).article().getId());
    assertTrue(local.startsWith("feed-") && local.length() == 37, local);
  }

  @Test
  void javascriptLinksAreNeverKept() {
    FeedArticles.Result result = convert(item("g", "t", "javascript:alert(document.cookie)", null));
    assertNull(result.article().getUrl());
    assertEquals(List.of("dropped the link 'javascript:alert(document.cookie)': not an http(s) URL"), result.notes());
  }

  @Test
  void unparseableDateFallsBackToTheFetchTimeAndSaysSo() {
    FeedArticles.Result result = convert(item("g", "t", null, "the day after tomorrow"));
    assertEquals(FETCHED, result.article().getPublishedAt());
    assertEquals(List.of("unparseable date 'the day after tomorrow'; used the fetch time 2026-03-01T12:00:00Z"),
        result.notes());
    assertEquals(FETCHED, convert(item("g", "t", null, null)).article().getPublishedAt());
  }

  @Test
  void missingTitleIsTakenFromTheTextAndEmptyItemsAreRefused() {
    FeedArticles.Result untitled = convert(new FeedItem("g", null, null, "<p>Only a body here.</p>", null, null, null,
        null));
    assertEquals("Only a body here.", untitled.article().getTitle());
    FeedArticles.Result empty = convert(new FeedItem("g", " ", null, null, "<p> </p>", null, null, null));
    assertEquals("the item has neither a title nor any text", empty.rejection());
  }

  @Test
  void hugeTextIsCapped() {
    FeedArticles.Result result = convert(new FeedItem("g", "x".repeat(5000), null, "y".repeat(2_000_000), null, null,
        null, null));
    assertEquals(FeedArticles.MAX_TITLE_CHARS, result.article().getTitle().length());
    assertEquals(FeedArticles.MAX_BODY_CHARS, result.article().getBody().length());
  }
}
