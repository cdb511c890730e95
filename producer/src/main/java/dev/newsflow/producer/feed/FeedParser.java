package dev.newsflow.producer.feed;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.IllegalAddException;
import org.jdom2.IllegalNameException;
import org.jdom2.JDOMException;

/**
 * Reads a feed document of any supported dialect from its bytes: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0
 * (ROME) or JSON Feed 1.0/1.1 (Jackson). Encoding is detected ({@link FeedEncoding}), everyday faults
 * are repaired ({@link XmlRepair}), malformed XML is read leniently, and the parse is hardened
 * ({@link SecureXml}). An HTML page is refused with a {@link NotAFeedException} naming the feeds it
 * advertises. Every refusal is a {@link FeedException} with a message meant for the user; no other
 * exception escapes.
 */
public final class FeedParser {
  /** Largest document read, by default. */
  public static final int DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
  /** Most items read from one document, by default; the rest are dropped with a warning. */
  public static final int DEFAULT_MAX_ITEMS = 10_000;

  private final int maxBytes;
  private final int maxItems;

  public FeedParser() {
    this(DEFAULT_MAX_BYTES, DEFAULT_MAX_ITEMS);
  }

  public FeedParser(int maxBytes, int maxItems) {
    this.maxBytes = maxBytes;
    this.maxItems = maxItems;
  }

  /**
   * Parses {@code bytes}; {@code contentType} (may be null) supplies a charset hint, {@code base} (may
   * be null) resolves links in an HTML page's advertised feeds.
   */
  public Feed parse(byte[] bytes, String contentType, URI base) throws FeedException {
    if (bytes.length == 0) {
      throw new FeedException("not a feed: the document is empty");
    }
    if (bytes.length > maxBytes) {
      throw new FeedException("refused: the document is " + bytes.length + " bytes; the limit is " + maxBytes);
    }
    try {
      return parseChecked(bytes, contentType, base);
    } catch (FeedException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      // A library failing on hostile input is a refusal of that input, never a crash of the caller.
      throw new FeedException("cannot read the feed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }
  }

  private Feed parseChecked(byte[] bytes, String contentType, URI base) throws FeedException {
    FeedEncoding.Decoded decoded = FeedEncoding.decode(bytes, FeedEncoding.charsetOf(contentType));
    List<String> warnings = new ArrayList<>(decoded.warnings());
    String text = decoded.text();
    int first = firstNonBlank(text);
    if (first < 0) {
      throw new FeedException("not a feed: the document is blank");
    }
    char c = text.charAt(first);
    if (c == '{' || c == '[') {
      return JsonFeedReader.read(FeedEncoding.decodeUtf8(bytes), maxItems, warnings);
    }
    if (FeedDiscovery.isHtml(text)) {
      throw new NotAFeedException(FeedDiscovery.advertisedFeeds(text, base));
    }
    XmlRepair.Result repaired = XmlRepair.repair(text);
    warnings.addAll(repaired.warnings());
    Document document = parseXml(repaired.xml(), warnings);
    String root = document.getRootElement().getName();
    if (root.equalsIgnoreCase("opml")) {
      throw new FeedException("an OPML subscription list, not a feed: give it to 'newsflow produce --feeds'");
    }
    if (root.equalsIgnoreCase("html")) {
      throw new NotAFeedException(FeedDiscovery.advertisedFeeds(text, base));
    }
    return RomeFeedReader.read(document, maxItems, warnings);
  }

  /** True when {@code bytes} hold a JSON object that declares itself a JSON Feed. */
  public static boolean isJsonFeed(byte[] bytes) {
    try {
      return JsonFeedReader.isJsonFeed(dev.newsflow.json.CanonicalJson.mapper().readTree(FeedEncoding.decodeUtf8(bytes)));
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  /** Strictly first; when that fails, leniently, saying so. */
  static Document parseXml(String xml, List<String> warnings) throws FeedException {
    try {
      return SecureXml.parse(xml);
    } catch (JDOMException | IllegalNameException | IllegalAddException strict) {
      try {
        Document document = SecureXml.parseLenient(xml);
        warnings.add("not well-formed XML (" + oneLine(strict.getMessage()) + "); read leniently");
        return document;
      } catch (JDOMException | IllegalNameException | IllegalAddException lenient) {
        throw new FeedException("not well-formed XML: " + oneLine(strict.getMessage()), strict);
      }
    }
  }

  private static int firstNonBlank(String text) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (!Character.isWhitespace(ch) && ch != '\uFEFF' && ch != '\u0000') {
        return i;
      }
    }
    return -1;
  }

  private static String oneLine(String message) {
    return message == null ? "no detail" : message.replaceAll("\\s+", " ").trim();
  }
}
