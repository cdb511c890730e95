package dev.newsflow.producer.feed;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.SyndFeedInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.Text;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * Reads RSS 0.9x, 1.0, 2.0 and Atom 0.3, 1.0 documents with ROME, after two repairs ROME does not
 * make: HTML written as unescaped (even unclosed) elements inside a text element is turned back into
 * markup text, and a feed ROME does not recognise only because of its {@code version} attribute or a
 * missing Atom namespace is read as the dialect it evidently is.
 */
final class RomeFeedReader {
  static final String ATOM_10 = "http://www.w3.org/2005/Atom";
  static final String ATOM_03 = "http://purl.org/atom/ns#";
  static final String RSS_090 = "http://my.netscape.com/rdf/simple/0.9/";
  static final String RSS_10 = "http://purl.org/rss/1.0/";
  private static final Set<String> TEXT_ELEMENTS = Set.of("title", "description", "encoded", "summary", "content",
      "subtitle", "tagline", "info", "rights", "copyright");
  private static final List<String> DATE_ELEMENTS = List.of("pubDate", "date", "published", "issued", "created",
      "updated", "modified");

  private RomeFeedReader() {}

  static Feed read(Document document, int maxItems, List<String> warnings) throws FeedException {
    Element root = document.getRootElement();
    prepare(root, warnings);
    SyndFeed synd = build(document, warnings);
    List<Element> itemElements = itemElements(root);
    List<SyndEntry> entries = synd.getEntries();
    boolean aligned = itemElements.size() == entries.size();
    List<FeedItem> items = new ArrayList<>(Math.min(entries.size(), maxItems));
    for (int i = 0; i < entries.size() && i < maxItems; i++) {
      items.add(item(entries.get(i), aligned ? itemElements.get(i) : null));
    }
    if (entries.size() > maxItems) {
      warnings.add("read the first " + maxItems + " of " + entries.size() + " items");
    }
    String title = blankToNull(synd.getTitle());
    if (title == null && synd.getModule(DCModule.URI) instanceof DCModule dc) {
      title = blankToNull(dc.getTitle());
    }
    return new Feed(synd.getFeedType(), title, synd.getLink(), synd.getLanguage(), items, warnings);
  }

  /** Repairs ROME would otherwise fail on or read wrongly; each is noted in {@code warnings}. */
  private static void prepare(Element root, List<String> warnings) {
    if (flattenMarkup(root)) {
      warnings.add("read HTML elements inside text elements as markup");
    }
    boolean rss = root.getName().equals("rss");
    boolean rdf = root.getName().equals("RDF");
    if (rss && root.getNamespace() != Namespace.NO_NAMESPACE) {
      // UserLand's RSS namespaces (backend.userland.com/rss2) are valid RSS that ROME looks past.
      warnings.add("RSS in the namespace '" + root.getNamespaceURI() + "'; read as plain RSS");
      Namespace declared = root.getNamespace();
      setNamespace(root, declared, Namespace.NO_NAMESPACE);
    }
    if ((rss || rdf) && channel(root) == null) {
      // An RSS document without a channel is an empty feed, not a crash inside the parser.
      Namespace ns = rss ? root.getNamespace() : root.getNamespace("");
      root.addContent(new Element("channel", ns == null ? Namespace.NO_NAMESPACE : ns));
      warnings.add("the RSS document has no channel");
    }
    if (root.getName().equals("feed")) {
      removeEmptyLinks(root);
      decodeBase64(root, warnings);
    }
  }

  private static Element channel(Element root) {
    for (Element child : root.getChildren()) {
      if (child.getName().equals("channel")) {
        return child;
      }
    }
    return null;
  }

  /** Atom links without an href carry nothing and make ROME fail while looking for the base URI. */
  private static void removeEmptyLinks(Element element) {
    element.getChildren().removeIf(child -> child.getName().equals("link") && isAtom(child)
        && blankToNull(child.getAttributeValue("href")) == null);
    for (Element child : element.getChildren()) {
      removeEmptyLinks(child);
    }
  }

  /**
   * Atom text of a non-text, non-XML media type (1.0) or {@code mode="base64"} (0.3) is base64; it is
   * decoded when it decodes to UTF-8 text, and otherwise left as written.
   */
  private static void decodeBase64(Element element, List<String> warnings) {
    for (Element child : element.getChildren()) {
      String type = child.getAttributeValue("type");
      boolean base64 = "base64".equals(child.getAttributeValue("mode")) || (type != null && type.contains("/")
          && !type.startsWith("text/") && !type.endsWith("xml") && !type.endsWith("html"));
      if (base64 && TEXT_ELEMENTS.contains(child.getName()) && isAtom(child)) {
        String decoded = decodeBase64Text(child.getTextTrim());
        if (decoded != null) {
          child.setText(decoded);
          setHtmlType(child);
        } else {
          warnings.add("an Atom " + child.getName() + " of type " + type + " is not base64 text; read as written");
        }
      } else {
        decodeBase64(child, warnings);
      }
    }
  }

  private static String decodeBase64Text(String text) {
    try {
      byte[] bytes = Base64.getMimeDecoder().decode(text);
      return FeedEncoding.isValidUtf8(bytes) ? new String(bytes, StandardCharsets.UTF_8) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Marks an Atom text construct as escaped HTML, in the vocabulary of its Atom version. */
  private static void setHtmlType(Element element) {
    if (element.getNamespaceURI().equals(ATOM_03)) {
      element.setAttribute("type", "text/html");
      element.setAttribute("mode", "escaped");
    } else {
      element.setAttribute("type", "html");
    }
  }

  private static SyndFeed build(Document document, List<String> warnings) throws FeedException {
    try {
      return input().build(document);
    } catch (IllegalArgumentException e) {
      if (!adjustDialect(document, warnings)) {
        throw new FeedException("not a feed: the root element is <" + document.getRootElement().getQualifiedName()
            + ">, which is neither RSS nor Atom");
      }
      try {
        return input().build(document);
      } catch (IllegalArgumentException | com.rometools.rome.io.FeedException retry) {
        throw new FeedException("not a feed ROME can read: " + retry.getMessage(), retry);
      }
    } catch (com.rometools.rome.io.FeedException e) {
      throw new FeedException("cannot read the feed: " + e.getMessage(), e);
    }
  }

  private static SyndFeedInput input() {
    SyndFeedInput input = new SyndFeedInput();
    input.setPreserveWireFeed(true);
    input.setAllowDoctypes(false);
    return input;
  }

  /** Makes an RSS document with an odd version, or an Atom document without namespace, readable. */
  private static boolean adjustDialect(Document document, List<String> warnings) {
    Element root = document.getRootElement();
    String name = root.getName();
    if (name.equals("rss")) {
      String version = root.getAttributeValue("version");
      warnings.add("RSS version " + (version == null ? "missing" : "'" + version + "' not recognised")
          + "; read as RSS 2.0");
      root.setAttribute("version", "2.0");
      return true;
    }
    if (name.equals("feed") && !root.getNamespaceURI().equals(ATOM_10) && !root.getNamespaceURI().equals(ATOM_03)) {
      boolean old = "0.3".equals(root.getAttributeValue("version"));
      Namespace atom = Namespace.getNamespace(old ? ATOM_03 : ATOM_10);
      warnings.add("an Atom feed without the Atom namespace; read as Atom " + (old ? "0.3" : "1.0"));
      setNamespace(root, root.getNamespace(), atom);
      return true;
    }
    if (name.equals("RDF")) {
      Namespace declared = root.getNamespace("");
      Namespace rss = Namespace.getNamespace(declared != null && declared.getURI().contains("netscape")
          ? RSS_090 : RSS_10);
      warnings.add("an RDF feed in the namespace '" + (declared == null ? "" : declared.getURI()) + "'; read as "
          + (rss.getURI().equals(RSS_090) ? "RSS 0.90" : "RSS 1.0"));
      for (Element child : root.getChildren()) {
        setNamespace(child, declared == null ? Namespace.NO_NAMESPACE : declared, rss);
      }
      if (declared != null) {
        root.removeNamespaceDeclaration(declared);
      }
      root.addNamespaceDeclaration(rss);
      return true;
    }
    return false;
  }

  private static void setNamespace(Element element, Namespace from, Namespace to) {
    if (element.getNamespace().equals(from)) {
      element.setNamespace(to);
    }
    for (Element child : element.getChildren()) {
      setNamespace(child, from, to);
    }
  }

  /**
   * Turns element children of text elements into escaped markup text, so that unescaped HTML in a
   * description is read as HTML instead of vanishing. Atom XHTML content is left as it is.
   */
  private static boolean flattenMarkup(Element element) {
    boolean changed = false;
    for (Element child : element.getChildren()) {
      if (TEXT_ELEMENTS.contains(child.getName()) && !child.getChildren().isEmpty() && !isXhtmlConstruct(child)) {
        String markup = new XMLOutputter(Format.getRawFormat().setOmitDeclaration(true)).outputString(child.getContent());
        child.removeContent();
        child.addContent(new Text(markup));
        if (isAtom(child)) {
          setHtmlType(child);
        }
        changed = true;
      } else {
        changed |= flattenMarkup(child);
      }
    }
    return changed;
  }

  private static boolean isAtom(Element element) {
    return element.getNamespaceURI().equals(ATOM_10) || element.getNamespaceURI().equals(ATOM_03);
  }

  private static boolean isXhtmlConstruct(Element element) {
    String type = element.getAttributeValue("type");
    String mode = element.getAttributeValue("mode");
    return (type != null && type.toLowerCase(Locale.ROOT).contains("xhtml")) || "xml".equals(mode)
        || (isAtom(element) && type != null && type.toLowerCase(Locale.ROOT).endsWith("xml"));
  }

  /** The item or entry elements in document order: the same order ROME lists them in. */
  private static List<Element> itemElements(Element root) {
    List<Element> items = new ArrayList<>();
    String itemName = root.getName().equals("feed") ? "entry" : "item";
    for (Element child : root.getChildren()) {
      if (child.getName().equals(itemName)) {
        items.add(child);
      } else if (child.getName().equals("channel")) {
        for (Element grandchild : child.getChildren()) {
          if (grandchild.getName().equals(itemName)) {
            items.add(grandchild);
          }
        }
      }
    }
    return items;
  }

  private static String dateText(Element item) {
    for (String name : DATE_ELEMENTS) {
      for (Element child : item.getChildren()) {
        if (child.getName().equals(name)) {
          String text = child.getTextNormalize();
          if (!text.isEmpty()) {
            return text;
          }
        }
      }
    }
    return null;
  }

  private static FeedItem item(SyndEntry entry, Element element) {
    Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
    String title = blankToNull(entry.getTitle());
    if (title == null && entry.getModule(DCModule.URI) instanceof DCModule dc) {
      title = blankToNull(dc.getTitle());
    }
    String link = link(entry);
    if (link != null && element != null && !isAtom(element)) {
      link = resolveXmlBase(link, element); // ROME resolves xml:base for Atom only
    }
    // ROME reads some numbers as dates of absurd years (a dc:date of 1518478934 as year -235183214, and it
    // takes dc:date over pubDate): such a date is dropped, so the date as written is read by FeedDates.
    Instant published = date == null ? null : FeedDates.inRange(Instant.ofEpochMilli(date.getTime()));
    return new FeedItem(guid(entry), title, link, content(entry), value(entry.getDescription()),
        author(entry), published, element == null ? null : dateText(element));
  }

  /** {@code link} resolved against the {@code xml:base} in force at {@code element}, when it is relative. */
  static String resolveXmlBase(String link, Element element) {
    try {
      URI uri = new URI(link.strip());
      if (uri.isAbsolute()) {
        return link;
      }
      List<String> bases = new ArrayList<>();
      for (Element e = element; e != null; e = e.getParentElement()) {
        String base = e.getAttributeValue("base", Namespace.XML_NAMESPACE);
        if (base != null) {
          bases.add(0, base.strip());
        }
      }
      URI resolved = null;
      for (String base : bases) {
        resolved = resolved == null ? new URI(base) : resolved.resolve(new URI(base));
      }
      return resolved == null || !resolved.isAbsolute() ? link : resolved.resolve(uri).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return link;
    }
  }

  private static String guid(SyndEntry entry) {
    Object wire = entry.getWireEntry();
    if (wire instanceof Item item) {
      Guid guid = item.getGuid();
      return guid == null ? null : blankToNull(guid.getValue());
    }
    if (wire instanceof Entry atom) {
      return blankToNull(atom.getId());
    }
    return null;
  }

  private static String link(SyndEntry entry) {
    if (entry.getWireEntry() instanceof Item item) {
      // ROME falls back to the guid even when it is not a permalink; an opaque id is no link.
      String link = blankToNull(item.getLink());
      Guid guid = item.getGuid();
      if (link == null && guid != null && guid.isPermaLink() && guid.getValue() != null
          && isHttpUrl(guid.getValue().strip())) {
        link = guid.getValue();
      }
      return link == null ? null : link.strip();
    }
    String link = blankToNull(entry.getLink());
    if (link != null) {
      return link.strip();
    }
    for (SyndLink candidate : entry.getLinks()) {
      String rel = candidate.getRel();
      if ((rel == null || rel.equals("alternate")) && blankToNull(candidate.getHref()) != null) {
        return candidate.getHref().strip();
      }
    }
    return null;
  }

  private static String content(SyndEntry entry) {
    for (SyndContent content : entry.getContents()) {
      String value = value(content);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static String value(SyndContent content) {
    return content == null ? null : blankToNull(content.getValue());
  }

  private static String author(SyndEntry entry) {
    String author = blankToNull(entry.getAuthor());
    if (author != null) {
      return author;
    }
    for (SyndPerson person : entry.getAuthors()) {
      if (blankToNull(person.getName()) != null) {
        return person.getName();
      }
    }
    return null;
  }

  private static boolean isHttpUrl(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
