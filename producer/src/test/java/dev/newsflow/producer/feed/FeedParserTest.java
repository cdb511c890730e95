package dev.newsflow.producer.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Recovery from the faults of real feeds, and refusal of hostile ones. */
class FeedParserTest {
  private final FeedParser parser = new FeedParser();

  private static String rss(String items) {
    return "<rss version=\"2.0\"><channel><title>Desk</title><link>https://news.example.com/</link>" + items
        + "</channel></rss>";
  }

  private Feed parse(String text) throws FeedException {
    return parser.parse(text.getBytes(StandardCharsets.UTF_8), null, null);
  }

  @Test
  void readsRss20AtomAndJsonFeed() throws FeedException {
    Feed rss = parse(rss("<item><title>One</title><link>https://news.example.com/1</link><guid>g1</guid>"
        + "<pubDate>Mon, 02 Jan 2006 15:04:05 GMT</pubDate><description>&lt;p&gt;Body&lt;/p&gt;</description></item>"));
    assertEquals("rss_2.0", rss.format());
    assertEquals(List.of(new FeedItem("g1", "One", "https://news.example.com/1", null, "<p>Body</p>", null,
        Instant.parse("2006-01-02T15:04:05Z"), "Mon, 02 Jan 2006 15:04:05 GMT")), rss.items());

    Feed atom = parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title><entry><id>urn:x:1</id>"
        + "<title type=\"html\">&lt;b&gt;Two&lt;/b&gt;</title><link rel=\"alternate\" href=\"https://a.example/2\"/>"
        + "<updated>2026-01-02T03:04:05Z</updated><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
        + "<p>Hi</p></div></content></entry></feed>");
    assertEquals("atom_1.0", atom.format());
    FeedItem entry = atom.items().get(0);
    assertEquals("urn:x:1", entry.guid());
    assertEquals("https://a.example/2", entry.link());
    assertEquals(Instant.parse("2026-01-02T03:04:05Z"), entry.published());

    Feed json = parse("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"J\",\"items\":[{\"id\":\"1\","
        + "\"url\":\"https://j.example/1\",\"title\":\"Three\",\"content_text\":\"a <b> c\","
        + "\"date_published\":\"2026-02-10T08:30:00Z\"}]}");
    assertEquals("json_1.1", json.format());
    assertEquals("a &lt;b&gt; c", json.items().get(0).content());
  }

  @Test
  void aDateOfAnAbsurdYearFromTheFeedLibraryGivesWayToTheDateAsWritten() throws FeedException {
    // feedjira's InvalidDateFormat.xml: ROME read the dc:date 1518478934 as the year -235183214 and took it
    // over the pubDate; a pubDate of 0 became the year -1.
    Feed feed = parse("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Desk</title>"
        + "<item><title>Epoch</title><pubDate>Mon, 16 Oct 2017 15:10:00 +0000</pubDate><dc:date>1518478934</dc:date>"
        + "</item><item><title>Zero</title><pubDate>0</pubDate></item></channel></rss>");
    Instant fetched = Instant.parse("2026-03-01T12:00:00Z");
    List<Instant> dates = feed.items().stream()
        .map(item -> FeedArticles.toArticle(feed, item, null, "desk.xml", fetched).article().getPublishedAt())
        .toList();
    assertEquals(List.of(Instant.parse("2017-10-16T15:10:00Z"), fetched), dates);
  }

  @Test
  void leadingWhitespaceAndByteOrderMarkBeforeTheDeclaration() throws FeedException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] doc = ("\n\n   <?xml version=\"1.0\" encoding=\"utf-8\"?>" + rss("<item><title>Ok</title></item>"))
        .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.writeBytes(bom);
    both.writeBytes(doc);
    assertEquals("Ok", parser.parse(both.toByteArray(), null, null).items().get(0).title());
  }

  @Test
  void wrongDeclaredEncodingIsCorrected() throws FeedException {
    // Declared UTF-8, written in windows-1252: read as windows-1252.
    byte[] cp1252 = ("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + rss("<item><title>Café “quoted”</title></item>"))
        .getBytes(Charset.forName("windows-1252"));
    Feed feed = parser.parse(cp1252, null, null);
    assertEquals("Café “quoted”", feed.items().get(0).title());
    assertTrue(feed.warnings().stream().anyMatch(w -> w.contains("not")), feed.warnings().toString());
    // Declared ISO-8859-1, written in UTF-8: read as UTF-8.
    byte[] utf8 = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + rss("<item><title>字节跳动 Café</title></item>"))
        .getBytes(StandardCharsets.UTF_8);
    assertEquals("字节跳动 Café", parser.parse(utf8, null, null).items().get(0).title());
  }

  @Test
  void charactersIllegalInXmlAreRemoved() throws FeedException {
    Feed feed = parse(rss("<item><title>Bad\u0001 char&#1; and &#x0B; gone</title></item>"));
    assertEquals("Bad char and  gone", feed.items().get(0).title());
  }

  @Test
  void htmlEntitiesBareAmpersandsAndUnclosedHtmlAreRecovered() throws FeedException {
    Feed feed = parse(rss("<item><title>AT&T&nbsp;&eacute;t&eacute; &copy; Q&A</title>"
        + "<description><p>Unclosed <b>bold<br></description></item>"));
    FeedItem item = feed.items().get(0);
    assertEquals("AT&T\u00a0été © Q&A", item.title());
    assertTrue(item.summary().contains("Unclosed") && item.summary().contains("bold"), item.summary());
    assertTrue(feed.warnings().stream().anyMatch(w -> w.contains("read leniently")), feed.warnings().toString());
  }

  @Test
  void rss091DoctypeIsAcceptedWithoutFetchingAnything() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    try {
      String dtd = "http://127.0.0.1:" + server.getAddress().getPort() + "/rss-0.91.dtd";
      Feed feed = parse("<?xml version=\"1.0\"?><!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \""
          + dtd + "\"><rss version=\"0.91\"><channel><title>Old</title><link>http://old.example/</link>"
          + "<description>d</description><language>en</language><item><title>Item &eacute;</title>"
          + "<link>http://old.example/1</link></item></channel></rss>");
      assertEquals("Old", feed.title());
      assertEquals("Item é", feed.items().get(0).title());
      assertEquals(0, requests.get(), "the DTD must never be fetched");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void externalEntitiesAreRefused() {
    FeedException e = assertThrows(FeedException.class, () -> parse("<?xml version=\"1.0\"?>"
        + "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + rss("<item><title>&xxe;</title></item>")));
    assertTrue(e.getMessage().contains("XXE"), e.getMessage());
  }

  @Test
  void billionLaughsIsRefusedQuickly() {
    StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for (int i = 1; i < 10; i++) {
      doc.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
          .append("\">");
    }
    doc.append("]>").append(rss("<item><title>&lol9;</title></item>"));
    FeedException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> assertThrows(FeedException.class, () -> parse(doc.toString())));
    assertTrue(e.getMessage().contains("billion laughs"), e.getMessage());
  }

  @Test
  void entityReferencesWithoutDeclarationsAreNeverExpanded() throws FeedException {
    Feed feed = parse(rss("<item><title>&xxe; &unknown;</title></item>"));
    assertEquals("&xxe; &unknown;", feed.items().get(0).title());
  }

  @Test
  void anHtmlPageIsRefusedNamingTheFeedsItAdvertises() {
    NotAFeedException e = assertThrows(NotAFeedException.class, () -> parser.parse((
        "<!DOCTYPE html><html><head><title>News</title>"
            + "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\">"
            + "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"https://cdn.example.com/atom\">"
            + "<link rel=\"stylesheet\" href=\"/s.css\"></head><body><p>Hello</body></html>")
        .getBytes(StandardCharsets.UTF_8), "text/html", URI.create("https://news.example.com/section/")));
    assertEquals(List.of(URI.create("https://news.example.com/feed.xml"), URI.create("https://cdn.example.com/atom")),
        e.advertisedFeeds());
    assertEquals("an HTML page, not a feed; it advertises the feeds https://news.example.com/feed.xml, "
        + "https://cdn.example.com/atom", e.getMessage());
  }

  @Test
  void opmlIsNamedForWhatItIs() {
    FeedException e = assertThrows(FeedException.class, () -> parse("<opml version=\"2.0\"><body>"
        + "<outline xmlUrl=\"https://a.example/rss\"/></body></opml>"));
    assertTrue(e.getMessage().contains("OPML"), e.getMessage());
  }

  @Test
  void undeclaredNamespacePrefixesAndUserlandNamespacesAreRead() throws FeedException {
    Feed feed = parse("<rss version=\"2.0\"><channel><title>T</title><item><title>I</title>"
        + "<dc:creator>Ann</dc:creator></item></channel></rss>");
    assertEquals("I", feed.items().get(0).title());
    Feed userland = parse("<rss xmlns=\"http://backend.userland.com/rss2\" version=\"2.0\"><channel><title>U</title>"
        + "</channel></rss>");
    assertEquals("U", userland.title());
  }

  @Test
  void sizeCapsHold() {
    FeedParser small = new FeedParser(1000, 2);
    FeedException e = assertThrows(FeedException.class,
        () -> small.parse(rss("<item><title>x</title></item>".repeat(100)).getBytes(StandardCharsets.UTF_8), null, null));
    assertTrue(e.getMessage().contains("limit is 1000"), e.getMessage());
    Feed capped = assertDoesNotThrowFeed(() -> new FeedParser(1 << 20, 2)
        .parse(rss("<item><title>x</title></item>".repeat(5)).getBytes(StandardCharsets.UTF_8), null, null));
    assertEquals(2, capped.items().size());
    assertTrue(capped.warnings().contains("read the first 2 of 5 items"), capped.warnings().toString());
  }

  @Test
  void deeplyNestedMarkupIsRefusedNotACrash() {
    String deep = "<x>".repeat(200_000) + "</x>".repeat(200_000);
    FeedException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(FeedException.class, () -> parse(rss("<item><title>t</title><description>" + deep
            + "</description></item>"))));
    assertTrue(e.getMessage().contains("nested"), e.getMessage());
  }

  @Test
  void invalidUtf8AndGarbageAreHandled() throws FeedException {
    byte[] doc = rss("<item><title>ok \u00ff</title></item>").getBytes(StandardCharsets.UTF_8);
    doc[doc.length - 30] = (byte) 0xC3; // a lone lead byte
    Feed feed = parser.parse(doc, null, null);
    assertEquals(1, feed.items().size());
    assertThrows(FeedException.class, () -> parse("\u0000\u0001 binary junk"));
    assertThrows(FeedException.class, () -> parse(""));
    assertThrows(FeedException.class, () -> parse("{\"verion\": \"1.0\""));
  }

  @Test
  void guidThatIsNotALinkIsNotUsedAsOne() throws FeedException {
    Feed feed = parse(rss("<item><title>t</title><guid>abc123</guid></item>"
        + "<item><title>u</title><guid>https://news.example.com/u</guid></item>"));
    assertNull(feed.items().get(0).link());
    assertEquals("https://news.example.com/u", feed.items().get(1).link());
    assertFalse(feed.items().get(0).guid().isEmpty());
  }

  private interface FeedCall {
    Feed call() throws FeedException;
  }

  private static Feed assertDoesNotThrowFeed(FeedCall call) {
    try {
      return call.call();
    } catch (FeedException e) {
      throw new AssertionError(e);
    }
  }
}
