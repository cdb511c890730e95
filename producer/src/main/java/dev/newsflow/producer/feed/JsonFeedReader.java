package dev.newsflow.producer.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.json.CanonicalJson;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Entities;

/**
 * Reads JSON Feed 1.0 and 1.1 with Jackson (through newsflow's mapper, which caps string length and
 * nesting). {@code content_text} is escaped into HTML so that every item's content is HTML, as for
 * RSS and Atom; 1.0's single {@code author} and 1.1's {@code authors} are both read.
 */
final class JsonFeedReader {
  private static final String VERSION_PREFIX = "https://jsonfeed.org/version/";

  private JsonFeedReader() {}

  /** True when {@code root} declares itself a JSON Feed. */
  static boolean isJsonFeed(JsonNode root) {
    if (root == null || !root.isObject()) {
      return false;
    }
    String version = text(root, "version");
    if (version == null) {
      return false;
    }
    // Some feeds write the bare number ("1.1"); with an items array that is still a JSON Feed.
    return version.contains("jsonfeed.org/version/") || (root.path("items").isArray() && isVersionNumber(version));
  }

  private static boolean isVersionNumber(String version) {
    return version.equals("1") || version.equals("1.0") || version.equals("1.1");
  }

  static Feed read(String json, int maxItems, List<String> warnings) throws FeedException {
    JsonNode root;
    try {
      root = CanonicalJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new FeedException("not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new FeedException("not a JSON Feed: the document is not a JSON object");
    }
    if (!isJsonFeed(root)) {
      throw new FeedException("not a JSON Feed: it has no \"version\" naming " + VERSION_PREFIX + "1 or 1.1");
    }
    String version = text(root, "version");
    String format = version.endsWith("1.1") ? "json_1.1" : "json_1.0";
    JsonNode itemsNode = root.get("items");
    List<FeedItem> items = new ArrayList<>();
    if (itemsNode == null || !itemsNode.isArray()) {
      warnings.add("the JSON Feed has no \"items\" array");
    } else {
      for (JsonNode item : itemsNode) {
        if (items.size() >= maxItems) {
          warnings.add("read the first " + maxItems + " of " + itemsNode.size() + " items");
          break;
        }
        if (item.isObject()) {
          items.add(item(item));
        } else {
          warnings.add("skipped an item that is not a JSON object");
        }
      }
    }
    return new Feed(format, text(root, "title"), text(root, "home_page_url"), text(root, "language"), items, warnings);
  }

  private static FeedItem item(JsonNode item) {
    String contentHtml = text(item, "content_html");
    String contentText = text(item, "content_text");
    String content = contentHtml != null ? contentHtml : contentText == null ? null : Entities.escape(contentText);
    String link = text(item, "url");
    if (link == null) {
      link = text(item, "external_url");
    }
    String dateText = text(item, "date_published");
    if (dateText == null) {
      dateText = text(item, "date_modified");
    }
    return new FeedItem(text(item, "id"), text(item, "title"), link, content, text(item, "summary"), author(item),
        FeedDates.parse(dateText), dateText);
  }

  private static String author(JsonNode item) {
    JsonNode authors = item.get("authors");
    if (authors != null && authors.isArray()) {
      for (JsonNode author : authors) {
        String name = text(author, "name");
        if (name != null) {
          return name;
        }
      }
    }
    JsonNode author = item.get("author");
    return author == null ? null : text(author, "name");
  }

  /** A string or number field as text; null when absent, blank or of another type. */
  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !(value.isTextual() || value.isNumber())) {
      return null;
    }
    String text = value.asText();
    return text.isBlank() ? null : text;
  }
}
