package dev.newsflow.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One page, one identity and one outlet, whichever tracking family, host prefix, port, slash or fragment
 * a copy's link carries. Before the contract, dedup kept {@code pk_}, {@code mtm_}, {@code hsa_},
 * {@code itm_} and a dozen named trackers that the producer dropped, and the outlet count kept
 * {@code m.} that dedup dropped: two copies could be one page to one stage and two to another.
 */
class ArticleUrlsTest {
  private static final List<String> ONE_PAGE = List.of(
      "https://www.example.com/2026/story?id=7",
      "https://example.com/2026/story/?id=7#comments",
      "HTTPS://M.Example.COM:443/2026/story?utm_source=rss&id=7",
      "https://example.com/2026/story?pk_campaign=x&id=7&mtm_kwd=y",
      "https://example.com/2026/story?hsa_acc=1&itm_source=home&id=7&msclkid=2&ref=front",
      "http://example.com./2026/story?fbclid=abc&id=7&gclid=def");

  @Test
  void copiesOfOnePageHaveOneIdentityAndOneOutlet() {
    for (String url : ONE_PAGE) {
      assertEquals("example.com/2026/story?id=7", ArticleUrls.identity(url), url);
      assertEquals("example.com", ArticleUrls.outlet(url), url);
    }
  }

  @Test
  void whatSelectsTheContentIsKept() {
    assertEquals("example.com/story?a=1&b=2", ArticleUrls.identity("https://example.com/story?b=2&a=1"),
        "parameters compared sorted");
    assertEquals("example.com:8080/story", ArticleUrls.identity("http://example.com:8080/story"));
    assertEquals("news.example.com/story", ArticleUrls.identity("https://news.example.com/story"));
    assertEquals("page=2&id=7", ArticleUrls.withoutTracking("utm_source=rss&page=2&UTM_MEDIUM=x&id=7", false),
        "the producer keeps the order, and tracking names in any case go");
    assertFalse(ArticleUrls.isTracking("id"));
    assertTrue(ArticleUrls.isTracking("Utm_Campaign"));
  }

  @Test
  void textThatIsNotAUrlWithAHostIsComparedAsItIsAndHasNoOutlet() {
    assertEquals("urn:isbn:123", ArticleUrls.identity("  URN:ISBN:123 "));
    assertNull(ArticleUrls.identity(" "));
    assertNull(ArticleUrls.outlet("not a url"));
    assertNull(ArticleUrls.outlet(null));
  }
}
