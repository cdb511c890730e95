package dev.newsflow.producer.feed;

import java.util.List;

/**
 * A feed as read from its document, before its items become articles. Text fields are as the feed
 * wrote them (titles and content may hold HTML); {@code warnings} says what had to be repaired.
 *
 * @param format  the dialect, e.g. {@code rss_2.0}, {@code atom_1.0}, {@code json_1.1}
 * @param title   the feed's title, or null
 * @param link    the feed's home page as written, or null
 * @param language the feed's declared language, or null
 */
public record Feed(String format, String title, String link, String language, List<FeedItem> items,
    List<String> warnings) {
  public Feed {
    items = List.copyOf(items);
    warnings = List.copyOf(warnings);
  }
}
