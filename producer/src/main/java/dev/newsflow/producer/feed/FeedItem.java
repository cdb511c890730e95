package dev.newsflow.producer.feed;

import java.time.Instant;

/**
 * One entry of a feed as written: {@code guid} is the RSS guid, Atom id or JSON Feed id; {@code title},
 * {@code content} and {@code summary} may hold HTML; {@code published} is the parsed date and
 * {@code dateText} the date as written (null when the item has none), so an unparseable date can be
 * reported rather than silently replaced.
 */
public record FeedItem(String guid, String title, String link, String content, String summary, String author,
    Instant published, String dateText) {

  /** A copy with a different date, for dates read by newsflow where the feed library gave up. */
  public FeedItem withPublished(Instant date, String text) {
    return new FeedItem(guid, title, link, content, summary, author, date, text);
  }
}
