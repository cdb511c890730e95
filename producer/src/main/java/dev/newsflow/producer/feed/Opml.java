package dev.newsflow.producer.feed;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;

/**
 * OPML subscription lists (what feed readers export): every {@code <outline xmlUrl="...">}, at any
 * depth, is a feed. Only http(s) URLs are taken. Parsed with the same hardened XML reading as feeds.
 */
public final class Opml {
  private Opml() {}

  /** True when {@code text} is an OPML document. */
  public static boolean isOpml(String text) {
    String root = XmlRepair.firstElementName(text, null);
    return root != null && root.equalsIgnoreCase("opml");
  }

  /** The feed URLs of an OPML document, in order, without repeats. */
  public static List<URI> feeds(byte[] bytes) throws FeedException {
    FeedEncoding.Decoded decoded = FeedEncoding.decode(bytes, null);
    XmlRepair.Result repaired = XmlRepair.repair(decoded.text());
    Document document = FeedParser.parseXml(repaired.xml(), new ArrayList<>());
    Element root = document.getRootElement();
    if (!root.getName().equalsIgnoreCase("opml")) {
      throw new FeedException("not an OPML document: the root element is <" + root.getName() + ">");
    }
    Set<URI> feeds = new LinkedHashSet<>();
    collect(root, feeds);
    return new ArrayList<>(feeds);
  }

  private static void collect(Element element, Set<URI> feeds) {
    for (Element child : element.getChildren()) {
      if (child.getName().equalsIgnoreCase("outline")) {
        String url = child.getAttributeValue("xmlUrl");
        if (url == null) {
          url = child.getAttributeValue("xmlurl");
        }
        if (url != null) {
          dev.newsflow.contract.ArticleUrls.absolute(url, null).ifPresent(feeds::add);
        }
      }
      collect(child, feeds);
    }
  }
}
