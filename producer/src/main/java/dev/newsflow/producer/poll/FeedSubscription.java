package dev.newsflow.producer.poll;

import java.net.URI;
import java.time.Duration;

/** One feed to poll and how often. */
public record FeedSubscription(URI url, Duration interval) {
  @Override
  public String toString() {
    return url.toString();
  }
}
