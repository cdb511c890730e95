package dev.newsflow.producer.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.producer.RecordingSink;
import dev.newsflow.schema.Article;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The poller against a real local HTTP server, publishing into a recording sink. */
class FeedPollerTest {
  @TempDir Path dir;
  private final FeedServer server;
  private final RecordingSink sink = new RecordingSink();
  private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

  FeedPollerTest() throws IOException {
    server = new FeedServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String rss(String... guids) {
    StringBuilder items = new StringBuilder();
    for (String guid : guids) {
      items.append("<item><guid>").append(guid).append("</guid><title>Story ").append(guid).append("</title><link>")
          .append("https://news.example.com/").append(guid).append("?utm_source=rss</link>")
          .append("<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate><description>Text of ").append(guid)
          .append("</description></item>");
    }
    return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Desk</title>"
        + "<link>https://news.example.com/</link>" + items + "</channel></rss>";
  }

  private FeedPoller poller(FeedSubscription feed, Path stateFile) {
    return poller(feed, stateFile, clock);
  }

  private FeedPoller poller(FeedSubscription feed, Path stateFile, Clock clock) {
    FeedSettings settings = FeedFetcherTest.settings(1 << 20, Duration.ofSeconds(5));
    return new FeedPoller(List.of(feed), settings, sink, FeedStateStore.open(stateFile, msg -> { }),
        new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), new Random(1)), clock, r -> { });
  }

  private List<String> titles() {
    return sink.articles().stream().map(Article::getTitle).toList();
  }

  @Test
  void eachItemIsPublishedOnceAcrossPollsAndRestarts() {
    server.serve("/rss", rss("a", "b"), "application/rss+xml");
    FeedSubscription feed = new FeedSubscription(server.url("/rss"), Duration.ofMinutes(5));
    Path state = dir.resolve("state.json");
    FeedPoller poller = poller(feed, state);

    PollResult first = poller.poll(feed);
    assertEquals(PollResult.Status.READ, first.status());
    assertEquals(2, first.published());
    assertEquals(PollResult.Status.NOT_MODIFIED, poller.poll(feed).status());
    server.serve("/rss", rss("b", "c"), "application/rss+xml");
    PollResult third = poller.poll(feed);
    assertEquals(List.of(1, 1), List.of(third.published(), third.alreadySeen()));
    assertEquals(List.of("Story a", "Story b", "Story c"), titles());

    // A restart remembers validators and items: 304 while unchanged, and no republishing even when the
    // server ignores the validators and sends the whole feed again.
    FeedPoller restarted = poller(feed, state);
    assertEquals(PollResult.Status.NOT_MODIFIED, restarted.poll(feed).status());
    server.handle("/rss", exchange -> {
      try {
        byte[] body = rss("b", "c").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    PollResult again = restarted.poll(feed);
    assertEquals(List.of(0, 2), List.of(again.published(), again.alreadySeen()));
    assertEquals(3, sink.articles().size());
    assertEquals("https://news.example.com/a", sink.articles().get(0).getUrl());
  }

  @Test
  void anItemDatedMoreThanADayAheadOfThePollWaitsForItsDate() {
    String ahead = "<item><guid>ahead</guid><title>Story ahead</title><link>https://news.example.com/ahead</link>"
        + "<pubDate>Wed, 04 Mar 2026 10:00:00 GMT</pubDate><description>Not yet.</description></item>";
    server.serve("/rss", rss("a").replace("</channel>", ahead + "</channel>"), "application/rss+xml");
    FeedSubscription feed = new FeedSubscription(server.url("/rss"), Duration.ofMinutes(5));
    Path state = dir.resolve("state.json");

    PollResult first = poller(feed, state).poll(feed); // 2026-03-01T12:00Z: the item is 2 days 22 hours ahead
    assertEquals(List.of(1, 1), List.of(first.published(), first.rejected()));
    assertEquals(List.of("item 'ahead': rejected: publishedAt: must be at most 1d after the article arrives "
        + "(articles.max.future), got 2026-03-04T10:00:00Z"), first.notes());
    assertEquals(List.of("Story a"), titles());

    server.serve("/rss", rss("a", "b").replace("</channel>", ahead + "</channel>"), "application/rss+xml");
    PollResult later = poller(feed, state, Clock.fixed(Instant.parse("2026-03-03T12:00:00Z"), ZoneOffset.UTC)).poll(feed);
    assertEquals(List.of(2, 1, 0), List.of(later.published(), later.alreadySeen(), later.rejected()));
    assertEquals(List.of("Story a", "Story b", "Story ahead"), titles());
  }

  @Test
  void aPageIsFollowedToTheFeedItAdvertises() {
    server.serve("/news", "<!DOCTYPE html><html><head><link rel=\"alternate\" type=\"application/rss+xml\" "
        + "href=\"/feeds/main.xml\"></head><body>News</body></html>", "text/html");
    server.serve("/feeds/main.xml", rss("x"), "application/rss+xml");
    FeedSubscription feed = new FeedSubscription(server.url("/news"), Duration.ofMinutes(5));
    FeedPoller poller = poller(feed, dir.resolve("s.json"));
    PollResult result = poller.poll(feed);
    assertEquals(1, result.published());
    assertTrue(result.notes().get(0).contains("is an HTML page; following the feed it advertises"), result.notes().get(0));
    poller.poll(feed);
    assertEquals(1, server.count("/news", 200), "the page is read once; then the feed directly");
    assertEquals(1, server.count("/feeds/main.xml", 304));
  }

  @Test
  void aPageWithoutFeedsFailsClearlyAndBacksOff() {
    server.serve("/page", "<html><body>Hello</body></html>", "text/html");
    FeedSubscription feed = new FeedSubscription(server.url("/page"), Duration.ofMinutes(5));
    FeedPoller poller = poller(feed, dir.resolve("s.json"));
    PollResult result = poller.poll(feed);
    assertEquals(PollResult.Status.FAILED, result.status());
    assertEquals(server.url("/page") + " is an HTML page, not a feed, and it advertises no feed", result.error());
    assertTrue(result.nextPoll().compareTo(Duration.ofMinutes(1)) >= 0);
    assertEquals(PollResult.Status.WAITING, poller.poll(feed).status(), "the backoff is respected");
    assertEquals(1, server.log().size());
  }

  @Test
  void retryAfterIsHonoured() {
    server.handle("/rss", exchange -> {
      exchange.getResponseHeaders().set("Retry-After", "600");
      try {
        exchange.sendResponseHeaders(503, -1);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    FeedSubscription feed = new FeedSubscription(server.url("/rss"), Duration.ofMinutes(5));
    FeedPoller poller = poller(feed, dir.resolve("s.json"));
    PollResult result = poller.poll(feed);
    assertEquals(PollResult.Status.RETRY_LATER, result.status());
    assertEquals(Duration.ofMinutes(10), result.nextPoll());
    PollResult waiting = poller.poll(feed);
    assertEquals(PollResult.Status.WAITING, waiting.status());
    assertEquals(Duration.ofMinutes(10), waiting.nextPoll());
  }

  @Test
  void nothingIsMarkedSeenWhenPublishingFails() {
    server.serve("/rss", rss("a"), "application/rss+xml");
    FeedSubscription feed = new FeedSubscription(server.url("/rss"), Duration.ofMinutes(5));
    Path state = dir.resolve("s.json");
    sink.failFlushWith = new IllegalStateException("cannot publish to Kafka at localhost:1 within 1 s: timeout");
    PollResult failed = poller(feed, state).poll(feed);
    assertEquals(PollResult.Status.FAILED, failed.status());
    assertEquals("cannot publish to Kafka at localhost:1 within 1 s: timeout", failed.error());
    sink.failFlushWith = null;
    sink.records.clear();
    // After the failure (and a restart past its backoff), the item is published again, not lost.
    FeedStateStore store = FeedStateStore.open(state, msg -> { });
    store.get(feed.url().toString()).succeeded();
    store.save();
    PollResult retried = poller(feed, state).poll(feed);
    assertEquals(1, retried.published());
    assertEquals(new ArrayList<>(List.of("Story a")), titles());
    assertEquals(2, server.count("/rss", 200), "validators were not kept after the failed publish");
  }
}
