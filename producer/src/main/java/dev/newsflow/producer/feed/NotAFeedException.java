package dev.newsflow.producer.feed;

import java.net.URI;
import java.util.List;

/**
 * An HTML page given where a feed was expected. {@link #advertisedFeeds()} lists the feeds the page
 * announces in its {@code <link rel="alternate">} elements, so a caller can follow one (autodiscovery)
 * or name them in the error.
 */
public final class NotAFeedException extends FeedException {
  private final List<URI> advertisedFeeds;

  public NotAFeedException(List<URI> advertisedFeeds) {
    super(advertisedFeeds.isEmpty()
        ? "an HTML page, not a feed, and it advertises no feed"
        : "an HTML page, not a feed; it advertises " + (advertisedFeeds.size() == 1 ? "the feed " : "the feeds ")
            + String.join(", ", advertisedFeeds.stream().map(URI::toString).toList()));
    this.advertisedFeeds = List.copyOf(advertisedFeeds);
  }

  public List<URI> advertisedFeeds() {
    return advertisedFeeds;
  }
}
