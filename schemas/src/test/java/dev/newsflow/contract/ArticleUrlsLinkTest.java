package dev.newsflow.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which links are kept at all and their canonical form: what the producer's feeds, files and HTTP keep. */
class ArticleUrlsLinkTest {
  @Test
  void canonicalFormDropsTrackingFragmentDefaultPortAndCase() {
    assertEquals(Optional.of("https://example.com/a/b?id=7&page=2"),
        ArticleUrls.canonical("HTTPS://Example.COM:443/a/b?utm_source=rss&id=7&fbclid=x&page=2&utm_medium=feed#comments", null));
    assertEquals(Optional.of("http://example.com/"), ArticleUrls.canonical("http://example.com", null));
    assertEquals(Optional.of("http://example.com:8080/x"), ArticleUrls.canonical("http://example.com:8080/x?gclid=1", null));
  }

  @Test
  void relativeLinksResolveAgainstTheBase() {
    assertEquals(Optional.of("https://news.example.com/2026/story.html"),
        ArticleUrls.canonical("../2026/story.html", URI.create("https://news.example.com/feeds/rss.xml")));
    assertEquals(Optional.empty(), ArticleUrls.canonical("story.html", null));
  }

  @Test
  void onlyHttpAndHttpsAreEverKept() {
    for (String hostile : new String[] {"javascript:alert(document.cookie)", "JavaScript:alert(1)",
        " javascript:alert(1)", "java\tscript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)",
        "file:///etc/passwd", "mailto:a@example.com", "//evil.example.com/x"}) {
      assertEquals(Optional.empty(), ArticleUrls.canonical(hostile, null), hostile);
      assertFalse(ArticleUrls.isWebUrl(hostile), hostile);
    }
    // a javascript: link stays refused even with a web base to resolve against
    assertEquals(Optional.empty(), ArticleUrls.canonical("javascript:alert(1)", URI.create("https://example.com/")));
  }

  @Test
  void illegalCharactersAreEscapedNotFatal() {
    assertEquals(Optional.of("https://example.com/caf%C3%A9%20menu?q=a%7Cb"),
        ArticleUrls.canonical("https://example.com/café menu?q=a|b", null));
  }
}
