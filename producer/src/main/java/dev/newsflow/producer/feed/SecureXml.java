package dev.newsflow.producer.feed;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;
import org.xml.sax.SAXException;

/**
 * XML parsing that cannot be turned against newsflow: DOCTYPE declarations are refused outright (so no
 * entity is ever declared, expanded or fetched), external entities and DTD loading are off, and an
 * entity resolver refuses anything that slips through. {@link #parseLenient} reads what a strict
 * parser cannot (unclosed or mis-nested tags, undeclared namespace prefixes) by letting jsoup's
 * forgiving XML parser rebuild the tree first.
 */
final class SecureXml {
  /** Namespaces that feeds use without declaring them. */
  private static final Map<String, String> KNOWN_PREFIXES = Map.ofEntries(
      Map.entry("dc", "http://purl.org/dc/elements/1.1/"),
      Map.entry("content", "http://purl.org/rss/1.0/modules/content/"),
      Map.entry("atom", "http://www.w3.org/2005/Atom"),
      Map.entry("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
      Map.entry("media", "http://search.yahoo.com/mrss/"),
      Map.entry("itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd"),
      Map.entry("slash", "http://purl.org/rss/1.0/modules/slash/"),
      Map.entry("wfw", "http://wellformedweb.org/CommentAPI/"),
      Map.entry("sy", "http://purl.org/rss/1.0/modules/syndication/"),
      Map.entry("feedburner", "http://rssnamespace.org/feedburner/ext/1.0"),
      Map.entry("georss", "http://www.georss.org/georss"),
      Map.entry("dcterms", "http://purl.org/dc/terms/"),
      Map.entry("xhtml", "http://www.w3.org/1999/xhtml"));

  private SecureXml() {}

  static Document parse(String xml) throws JDOMException {
    try {
      return builder().build(new StringReader(xml));
    } catch (IOException e) {
      throw new JDOMException("cannot read the document: " + e.getMessage(), e);
    }
  }

  /** Parses what a browser-like XML reader makes of {@code xml}; used after a strict parse failed. */
  static Document parseLenient(String xml) throws JDOMException {
    org.jsoup.nodes.Document soup = Jsoup.parse(xml, "", Parser.xmlParser());
    soup.outputSettings().prettyPrint(false).syntax(org.jsoup.nodes.Document.OutputSettings.Syntax.xml)
        .escapeMode(Entities.EscapeMode.xhtml).charset("UTF-8");
    Element root = soup.children().first();
    if (root == null) {
      throw new JDOMException("no element found");
    }
    declareUndeclaredPrefixes(root);
    return parse(root.outerHtml());
  }

  private static SAXBuilder builder() {
    SAXBuilder builder = new SAXBuilder(XMLReaders.NONVALIDATING);
    builder.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
    builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    builder.setExpandEntities(false);
    builder.setEntityResolver((publicId, systemId) -> {
      throw new SAXException("external entities are refused (" + systemId + ")");
    });
    return builder;
  }

  /** Adds {@code xmlns:p} on the root for each prefix used but never declared. */
  private static void declareUndeclaredPrefixes(Element root) {
    Set<String> used = new LinkedHashSet<>();
    Set<String> declared = new LinkedHashSet<>();
    for (Element e : root.getAllElements()) {
      addPrefix(e.tagName(), used);
      for (Attribute a : e.attributes()) {
        String key = a.getKey();
        if (key.startsWith("xmlns")) {
          a.setValue(a.getValue().strip()); // namespace names are URIs: surrounding space is a typo
        }
        if (key.startsWith("xmlns:")) {
          declared.add(key.substring(6));
        } else {
          addPrefix(key, used);
        }
      }
    }
    used.removeAll(declared);
    used.remove("xml");
    used.remove("xmlns");
    for (String prefix : used) {
      root.attr("xmlns:" + prefix, KNOWN_PREFIXES.getOrDefault(prefix, "urn:newsflow:undeclared:" + prefix));
    }
  }

  private static void addPrefix(String qualifiedName, Set<String> into) {
    int colon = qualifiedName.indexOf(':');
    if (colon > 0) {
      into.add(qualifiedName.substring(0, colon));
    }
  }
}
