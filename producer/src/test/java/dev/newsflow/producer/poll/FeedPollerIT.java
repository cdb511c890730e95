package dev.newsflow.producer.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.producer.KafkaRecordSink;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.schema.Article;
import dev.newsflow.testkit.TestTopics;
import dev.newsflow.topic.TopicSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds served by a real local HTTP server with ETags, polled into a real broker: three polls publish
 * each unique item exactly once, an unchanged feed is not downloaded again (304), and a restart
 * publishes nothing twice.
 */
class FeedPollerIT {
  @TempDir Path dir;

  @Test
  void threePollsPublishEachItemExactlyOnce() throws Exception {
    // 1. configure: fresh topics on the shared broker, a feed server, a state file
    NewsflowConfig config = TestTopics.config("FeedPollerIT", dir, 3);
    Path state = dir.resolve("feeds-state.json");
    FeedSettings settings = FeedFetcherTest.settings(1 << 20, Duration.ofSeconds(10));
    try (FeedServer server = new FeedServer(); RecordPublisher publisher = new RecordPublisher(config)) {
      server.serve("/desk.xml", FeedPollerTest.rss("a", "b"), "application/rss+xml");
      FeedSubscription feed = new FeedSubscription(server.url("/desk.xml"), Duration.ofMinutes(5));
      KafkaRecordSink sink = new KafkaRecordSink(publisher, config.topics());

      // 2. three polls: new feed, unchanged feed, changed feed
      FeedPoller poller = new FeedPoller(List.of(feed), settings, sink, FeedStateStore.open(state, msg -> { }),
          new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), new Random(1)), Clock.systemUTC(), r -> { });
      assertEquals(2, poller.poll(feed).published());
      assertEquals(PollResult.Status.NOT_MODIFIED, poller.poll(feed).status());
      server.serve("/desk.xml", FeedPollerTest.rss("b", "c"), "application/rss+xml");
      PollResult third = poller.poll(feed);
      assertEquals(List.of(1, 1), List.of(third.published(), third.alreadySeen()));

      // 3. a restart with the same state file: still 304, nothing published
      FeedPoller restarted = new FeedPoller(List.of(feed), settings, sink, FeedStateStore.open(state, msg -> { }),
          new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), new Random(1)), Clock.systemUTC(), r -> { });
      assertEquals(PollResult.Status.NOT_MODIFIED, restarted.poll(feed).status());

      // 4. verify: the server sent the feed twice (once per version) and answered 304 twice
      assertEquals(List.of(2L, 2L), List.of(server.count("/desk.xml", 200), server.count("/desk.xml", 304)));
    }
    // ...and the topic holds each story exactly once, keyed by its stable id
    List<ConsumerRecord<String, Article>> records = TopicSnapshot.records(config, config.topics().articlesRaw(), Duration.ofSeconds(30));
    Map<String, Long> perTitle = records.stream().collect(Collectors.groupingBy(r -> r.value().getTitle(), TreeMap::new,
        Collectors.counting()));
    assertEquals(Map.of("Story a", 1L, "Story b", 1L, "Story c", 1L), perTitle);
    records.forEach(r -> assertEquals(r.value().getId(), r.key()));
    assertEquals("https://news.example.com/c", records.stream().filter(r -> r.value().getTitle().equals("Story c"))
        .findFirst().orElseThrow().value().getUrl());
  }
}
