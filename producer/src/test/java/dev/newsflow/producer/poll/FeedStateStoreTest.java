package dev.newsflow.producer.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedStateStoreTest {
  @TempDir Path dir;

  @Test
  void feedsListedInTwoWaysShareTheirStateWhoeverSavesLast() {
    // `produce --feed URL` and `produce --feeds list.txt` naming the same URL, run one after the other
    // and side by side: the state is per feed URL, so neither republishes what the other published.
    Path file = dir.resolve("feeds.json");
    FeedStateStore single = FeedStateStore.open(file, msg -> { });
    FeedStateStore list = FeedStateStore.open(file, msg -> { });
    single.get("https://a.example/rss").markSeen(new LinkedHashSet<>(List.of("feed-1")), 10);
    single.save();
    list.get("https://b.example/rss").markSeen(new LinkedHashSet<>(List.of("feed-9")), 10);
    list.save(); // saved after the other: must not erase feed a's state

    FeedStateStore later = FeedStateStore.open(file, msg -> { });
    assertTrue(later.get("https://a.example/rss").hasSeen("feed-1"), "feed a remembered");
    assertTrue(later.get("https://b.example/rss").hasSeen("feed-9"), "feed b remembered");
  }

  @Test
  void stateSurvivesAReopen() {
    Path file = dir.resolve("feeds.json");
    FeedStateStore store = FeedStateStore.open(file, msg -> { });
    FeedState a = store.get("https://a.example/rss");
    a.validators("\"v1\"", "Mon, 02 Jan 2026 15:04:05 GMT");
    a.markSeen(new LinkedHashSet<>(List.of("feed-1", "feed-2")), 10);
    a.discoveredUrl("https://a.example/feed.xml");
    store.get("https://b.example/rss").failed("HTTP 500", Instant.parse("2026-03-01T12:00:00Z"));
    store.save();

    FeedStateStore reopened = FeedStateStore.open(file, msg -> { });
    FeedState a2 = reopened.get("https://a.example/rss");
    assertEquals(new FeedState.Snapshot("\"v1\"", "Mon, 02 Jan 2026 15:04:05 GMT", "https://a.example/feed.xml", 0,
        null, null), a2.snapshot());
    assertTrue(a2.hasSeen("feed-1") && a2.hasSeen("feed-2"));
    assertEquals(new FeedState.Snapshot(null, null, null, 1, Instant.parse("2026-03-01T12:00:00Z"), "HTTP 500"),
        reopened.get("https://b.example/rss").snapshot());
  }

  @Test
  void writesAtomicallyLeavingNoTemporaryFile() throws Exception {
    Path file = dir.resolve("state").resolve("feeds.json");
    FeedStateStore store = FeedStateStore.open(file, msg -> { });
    store.get("https://a.example/rss").markSeen(Set.of("x"), 10);
    store.save();
    store.save();
    try (Stream<Path> files = Files.list(file.getParent())) {
      // The empty lock file stays: removing it could let two writers lock different files.
      assertEquals(List.of(file, file.resolveSibling("feeds.json.lock")), files.sorted().toList());
    }
  }

  @Test
  void seenIdsAreBoundedOldestFirst() {
    FeedState state = new FeedState();
    state.markSeen(new LinkedHashSet<>(List.of("1", "2", "3")), 3);
    state.markSeen(new LinkedHashSet<>(List.of("4")), 3);
    assertFalse(state.hasSeen("1"));
    assertTrue(state.hasSeen("2") && state.hasSeen("4"));
  }

  @Test
  void anUnreadableFileIsMovedAsideNotFatal() throws Exception {
    Path file = dir.resolve("feeds.json");
    Files.writeString(file, "{ not json");
    List<String> log = new ArrayList<>();
    FeedStateStore store = FeedStateStore.open(file, log::add);
    assertEquals(0, store.get("https://a.example/rss").seenCount());
    assertEquals(1, log.size());
    assertTrue(log.get(0).contains("moved to"), log.get(0));
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("feeds.json.unreadable-")));
    }
  }
}
