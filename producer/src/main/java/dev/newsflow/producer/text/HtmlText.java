package dev.newsflow.producer.text;

import dev.newsflow.contract.ArticleText;
import dev.newsflow.contract.Whitespace;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;
import java.util.Set;

/**
 * Turns HTML from feeds and crawlers into clean plain text with jsoup: tags and comments go, entities
 * are decoded, scripts, styles and embedded objects are dropped with their content, and block
 * elements (paragraphs, list items, headings, line breaks) become line breaks so paragraphs survive.
 * Unclosed or mis-nested markup is tolerated the way browsers tolerate it. Nothing is fetched.
 */
public final class HtmlText {
  /** Longest HTML parsed; the rest is cut first, so hostile input cannot cost unbounded time. */
  public static final int MAX_HTML_CHARS = 4 * 1024 * 1024;

  private static final Set<String> DROPPED = Set.of("script", "style", "noscript", "template", "iframe", "object",
      "embed", "svg", "math", "head", "title", "canvas", "audio", "video", "select", "button", "form");
  private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2",
      "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "table", "section", "article", "header", "footer", "aside",
      "figure", "figcaption", "hr", "address", "main", "nav", "details", "summary");

  private HtmlText() {}

  /** The text of {@code html}, paragraphs separated by a blank line; null stays null. */
  public static String toText(String html) {
    if (html == null) {
      return null;
    }
    if (!looksLikeMarkup(html)) {
      return tidy(ArticleText.clean(html));
    }
    String input = html.length() > MAX_HTML_CHARS ? html.substring(0, MAX_HTML_CHARS) : html;
    Element body = Jsoup.parseBodyFragment(input).body();
    TextCollector collector = new TextCollector();
    body.traverse(collector);
    return tidy(ArticleText.clean(collector.text.toString()));
  }

  /** Text on one line, as wanted for titles and names. */
  public static String toLine(String html) {
    return Whitespace.collapse(toText(html));
  }

  /** True when {@code text} holds something a browser would read as a tag, comment or entity. */
  static boolean looksLikeMarkup(String text) {
    for (int i = 0; i < text.length() - 1; i++) {
      char c = text.charAt(i);
      char next = text.charAt(i + 1);
      if (c == '<' && (Character.isLetter(next) || next == '/' || next == '!')) {
        return true;
      }
      if (c == '&' && (Character.isLetterOrDigit(next) || next == '#')) {
        return true;
      }
    }
    return false;
  }

  /** Lines trimmed, runs of spaces collapsed, at most one blank line in a row, no blank ends. */
  private static String tidy(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int blankRun = 0;
    for (String raw : text.split("\n", -1)) {
      String line = Whitespace.collapse(raw);
      if (line.isEmpty()) {
        blankRun++;
        continue;
      }
      if (out.length() > 0) {
        out.append(blankRun > 0 ? "\n\n" : "\n");
      }
      out.append(line);
      blankRun = 0;
    }
    return out.toString();
  }

  private static final class TextCollector implements NodeVisitor {
    private final StringBuilder text = new StringBuilder();
    private int dropDepth;

    @Override
    public void head(Node node, int depth) {
      if (node instanceof Element element) {
        String name = element.normalName();
        if (DROPPED.contains(name)) {
          dropDepth++;
        } else if (dropDepth == 0 && BLOCKS.contains(name)) {
          text.append(name.equals("br") ? "\n" : "\n\n");
        } else if (dropDepth == 0 && (name.equals("td") || name.equals("th"))) {
          text.append(' ');
        }
      } else if (node instanceof TextNode textNode && dropDepth == 0) {
        text.append(textNode.getWholeText().replace('\n', ' '));
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element element) {
        String name = element.normalName();
        if (DROPPED.contains(name)) {
          dropDepth--;
        } else if (dropDepth == 0 && BLOCKS.contains(name) && !name.equals("br")) {
          text.append("\n\n");
        }
      }
    }
  }
}
