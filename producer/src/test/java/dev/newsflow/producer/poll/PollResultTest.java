package dev.newsflow.producer.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollResultTest {
  private final FeedSubscription feed = new FeedSubscription(URI.create("https://news.example.com/rss"), Duration.ofMinutes(15));

  @Test
  void aSingleRoundDoesNotPromiseARetryItWillNotMake() {
    PollResult failed = new PollResult(feed, PollResult.Status.FAILED, 0, 0, 0, "HTTP 500", List.of(), Duration.ofSeconds(64));
    assertEquals(feed + ": HTTP 500; retrying in 64 s", failed.summary(true));
    assertEquals(feed + ": HTTP 500; not retried (--once); a later run waits 64 s before polling it again",
        failed.summary(false));
  }
}
