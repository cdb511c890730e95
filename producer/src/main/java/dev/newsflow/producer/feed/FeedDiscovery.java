package dev.newsflow.producer.feed;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the feeds an HTML page advertises ({@code <link rel="alternate" type="application/rss+xml"
 * href="...">} and the Atom and JSON Feed equivalents), resolved against the page's URL or its
 * {@code <base>}. Only http(s) links are returned; nothing is fetched.
 */
final class FeedDiscovery {
  private static final Set<String> FEED_TYPES = Set.of("application/rss+xml", "application/atom+xml",
      "application/feed+json", "application/rdf+xml", "application/json", "application/xml", "text/xml");
  private static final int MAX_PAGE_CHARS = 2 * 1024 * 1024;

  private FeedDiscovery() {}

  /** True when the markup at the start of {@code text} is an HTML page rather than an XML feed. */
  static boolean isHtml(String text) {
    String[] doctype = new String[1];
    String root = XmlRepair.firstElementName(text, doctype);
    if (root != null) {
      return root.equalsIgnoreCase("html"); // an HTML DOCTYPE before an <rss> root is a mistake, not a page
    }
    return doctype[0] != null && doctype[0].equalsIgnoreCase("html");
  }

  static List<URI> advertisedFeeds(String html, URI page) {
    String input = html.length() > MAX_PAGE_CHARS ? html.substring(0, MAX_PAGE_CHARS) : html;
    Document doc = Jsoup.parse(input, page == null ? "" : page.toString());
    Set<URI> feeds = new LinkedHashSet<>();
    for (Element link : doc.select("link[href], a[href][type]")) {
      Set<String> rel = Set.of(link.attr("rel").toLowerCase(Locale.ROOT).trim().split("\\s+"));
      String type = link.attr("type").toLowerCase(Locale.ROOT).trim();
      int semicolon = type.indexOf(';');
      if (semicolon >= 0) {
        type = type.substring(0, semicolon).trim();
      }
      if (!(rel.contains("alternate") || rel.contains("feed")) || !FEED_TYPES.contains(type)) {
        continue;
      }
      String href = link.absUrl("href");
      if (href.isEmpty()) {
        href = link.attr("href").strip();
      }
      try {
        URI uri = new URI(href);
        String scheme = uri.getScheme();
        if (scheme == null || scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) {
          feeds.add(uri);
        }
      } catch (URISyntaxException e) {
        // an unusable href is not a feed we can offer
      }
    }
    return new ArrayList<>(feeds);
  }
}
