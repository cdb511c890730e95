package dev.newsflow.producer.poll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedFetcherTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private final FeedServer server = newServer();
  private final CountDownLatch release = new CountDownLatch(1);

  static FeedSettings settings(int maxBytes, Duration timeout) {
    return new FeedSettings(Duration.ofMinutes(5), Duration.ofSeconds(2), timeout, 2, maxBytes, Duration.ofMinutes(1),
        Duration.ofHours(1), Path.of("unused"), 100, 1, "newsflow-test", Duration.ofDays(1));
  }

  private static FeedServer newServer() {
    try {
      return new FeedServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
  }

  private final FeedFetcher fetcher = new FeedFetcher(settings(1000, Duration.ofSeconds(5)), CLOCK);

  @Test
  void conditionalGetAnswersNotModified() {
    server.serve("/rss", "<rss/>", "application/rss+xml");
    FeedFetcher.Fetched first = assertInstanceOf(FeedFetcher.Fetched.class, fetcher.fetch(server.url("/rss"), null, null));
    assertArrayEquals("<rss/>".getBytes(StandardCharsets.UTF_8), first.body());
    assertEquals("application/rss+xml", first.contentType());
    assertInstanceOf(FeedFetcher.NotModified.class, fetcher.fetch(server.url("/rss"), first.etag(), null));
    assertEquals(first.etag(), server.log().get(1).ifNoneMatch());
  }

  @Test
  void redirectsAreFollowedUpToTheLimit() {
    server.serve("/final", "<rss/>", "text/xml");
    redirect("/r1", "/final");
    redirect("/r2", "/r1");
    redirect("/r3", "/r2");
    FeedFetcher.Fetched fetched = assertInstanceOf(FeedFetcher.Fetched.class, fetcher.fetch(server.url("/r2"), null, null));
    assertEquals(server.url("/final"), fetched.url());
    FeedFetcher.Failed tooMany = assertInstanceOf(FeedFetcher.Failed.class, fetcher.fetch(server.url("/r3"), null, null));
    assertEquals("more than 2 redirects (last to /final)", tooMany.reason());
    redirect("/js", "javascript:alert(1)");
    assertInstanceOf(FeedFetcher.Failed.class, fetcher.fetch(server.url("/js"), null, null));
  }

  @Test
  void bodiesOverTheCapAreRefusedAsSentAndDecompressed() throws IOException {
    server.serve("/big", "x".repeat(5000), "text/xml");
    assertEquals("the feed is larger than 1000 bytes",
        assertInstanceOf(FeedFetcher.Failed.class, fetcher.fetch(server.url("/big"), null, null)).reason());
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(new byte[100_000]); // a small gzip bomb: 100 kB of zeros in ~100 bytes
    }
    server.handle("/bomb", exchange -> send(exchange, 200, "gzip", zipped.toByteArray()));
    assertEquals("the feed is larger than 1000 bytes once decompressed",
        assertInstanceOf(FeedFetcher.Failed.class, fetcher.fetch(server.url("/bomb"), null, null)).reason());
  }

  @Test
  void retryAfterIsReadOn429And503() {
    server.handle("/busy", exchange -> {
      exchange.getResponseHeaders().set("Retry-After", "120");
      send(exchange, 429, null, new byte[0]);
    });
    server.handle("/down", exchange -> {
      exchange.getResponseHeaders().set("Retry-After", "Sun, 01 Mar 2026 12:10:00 GMT");
      send(exchange, 503, null, new byte[0]);
    });
    assertEquals(Duration.ofSeconds(120),
        assertInstanceOf(FeedFetcher.RetryLater.class, fetcher.fetch(server.url("/busy"), null, null)).delay());
    assertEquals(Duration.ofMinutes(10),
        assertInstanceOf(FeedFetcher.RetryLater.class, fetcher.fetch(server.url("/down"), null, null)).delay());
  }

  @Test
  void aServerThatNeverAnswersCostsNoMoreThanTheTimeout() {
    server.handle("/slow", exchange -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    FeedFetcher quick = new FeedFetcher(settings(1000, Duration.ofSeconds(1)), CLOCK);
    long started = System.nanoTime();
    FeedFetcher.Failed failed = assertInstanceOf(FeedFetcher.Failed.class, quick.fetch(server.url("/slow"), null, null));
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    assertTrue(seconds < 10, "took " + seconds + " s");
    assertTrue(failed.reason().startsWith("no complete answer from 127.0.0.1 within 1 s"), failed.reason());
  }

  @Test
  void theRequestsOwnTimeoutIsToldLikeTheDeadline() {
    // The HTTP client's timeout and the fetch's deadline race for a server that never answers; whichever wins, the
    // feed's status says the same (the client's used to read "cannot fetch ...: HttpTimeoutException").
    URI url = URI.create("http://feeds.example.com/rss");
    assertEquals("no complete answer from feeds.example.com within 1 s",
        FeedFetcher.describe(new HttpTimeoutException("request timed out"), url, Duration.ofSeconds(1)));
    assertEquals("cannot connect to feeds.example.com (timed out)",
        FeedFetcher.describe(new HttpConnectTimeoutException("connect timed out"), url, Duration.ofSeconds(1)));
  }

  @Test
  void unreachableHostsAndErrorsAreDescribed() {
    assertEquals("HTTP 404 from " + server.url("/missing"),
        assertInstanceOf(FeedFetcher.Failed.class, fetcher.fetch(server.url("/missing"), null, null)).reason());
    int port = server.url("/").getPort();
    server.close();
    FeedFetcher.Failed refused = assertInstanceOf(FeedFetcher.Failed.class,
        fetcher.fetch(java.net.URI.create("http://127.0.0.1:" + port + "/rss"), null, null));
    assertTrue(refused.reason().startsWith("cannot connect to 127.0.0.1"), refused.reason());
  }

  private void redirect(String from, String to) {
    server.handle(from, exchange -> {
      exchange.getResponseHeaders().set("Location", to);
      send(exchange, 302, null, new byte[0]);
    });
  }

  private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String encoding, byte[] body) {
    try {
      if (encoding != null) {
        exchange.getResponseHeaders().set("Content-Encoding", encoding);
      }
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
