package dev.newsflow.producer.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedListTest {
  @TempDir Path dir;

  @Test
  void aMissingListSaysWhyInsteadOfRepeatingItsName() {
    Path missing = dir.resolve("nope.txt");
    java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
        () -> FeedList.read(missing, Duration.ofMinutes(15)));
    assertEquals("cannot read the feed list " + missing + ": no such file", e.getMessage());
  }

  @Test
  void readsUrlsWithOptionalIntervalsAndComments() throws Exception {
    Path list = Files.writeString(dir.resolve("feeds.txt"), """
        # the desk's feeds
        https://a.example/rss.xml
        https://b.example/atom 90s   # busy feed

        https://a.example/rss.xml 1h
        """);
    assertEquals(List.of(new FeedSubscription(URI.create("https://a.example/rss.xml"), Duration.ofMinutes(15)),
        new FeedSubscription(URI.create("https://b.example/atom"), Duration.ofSeconds(90))),
        FeedList.read(list, Duration.ofMinutes(15)));
  }

  @Test
  void readsOpml() throws Exception {
    Path opml = Files.writeString(dir.resolve("subs.opml"), """
        <?xml version="1.0"?>
        <opml version="2.0"><head><title>Subs</title></head><body>
          <outline text="Tech"><outline text="A" type="rss" xmlUrl="https://a.example/rss"/>
          <outline text="Bad" xmlUrl="javascript:alert(1)"/></outline>
          <outline text="B" xmlUrl="https://b.example/feed.json"/>
        </body></opml>
        """);
    assertEquals(List.of(URI.create("https://a.example/rss"), URI.create("https://b.example/feed.json")),
        FeedList.read(opml, Duration.ofMinutes(5)).stream().map(FeedSubscription::url).toList());
  }

  @Test
  void badLinesNameTheirPlace() throws Exception {
    Path list = Files.writeString(dir.resolve("feeds.txt"), "https://a.example/rss\nftp://x.example/feed\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeedList.read(list, Duration.ofMinutes(1)));
    assertEquals(list + ":2: 'ftp://x.example/feed' is not an absolute http(s) URL", e.getMessage());
    Path interval = Files.writeString(dir.resolve("f2.txt"), "https://a.example/rss soon\n");
    assertThrows(IllegalArgumentException.class, () -> FeedList.read(interval, Duration.ofMinutes(1)));
  }

  @Test
  void backoffDoublesUpToTheCap() {
    Backoff backoff = new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(10), new Random(7));
    assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
        Duration.ofMinutes(10), Duration.ofMinutes(10)),
        List.of(1, 2, 3, 4, 5, 40).stream().map(backoff::withoutJitter).toList());
    Duration jittered = backoff.after(2);
    assertEquals(true, jittered.compareTo(Duration.ofMinutes(2)) >= 0
        && jittered.compareTo(Duration.ofSeconds(132)) <= 0, jittered.toString());
  }
}
