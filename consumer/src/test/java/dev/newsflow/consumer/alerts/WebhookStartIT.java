package dev.newsflow.consumer.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.TestRecords;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a new webhook subscription starts, on a real broker: {@code now} (the default) receives only
 * alerts stored after it started, also across a restart while alerts keep coming; {@code earliest}
 * receives the history too.
 */
class WebhookStartIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String SECRET = "start-secret";

  @TempDir Path dir;

  @Test
  void nowSkipsTheHistoryAndEarliestDeliversIt() throws Exception {
    // 1. three alerts fired before anyone subscribed
    NewsflowConfig config = TestTopics.config("webhook-start", dir, 3);
    try (WebhookReceiver live = new WebhookReceiver(SECRET); WebhookReceiver archive = new WebhookReceiver(SECRET);
        TestRecords records = new TestRecords(config)) {
      for (String id : List.of("old-1", "old-2", "old-3")) {
        records.send(config.topics().alerts(), id, TestRecords.alert(id, "r", "acme", id));
      }
      List<WebhookEndpoint> now = List.of(new WebhookEndpoint("live", live.url(), WebhookEndpoint.Format.JSON, SECRET,
          Set.of(), Set.of(), Set.of()));
      List<WebhookEndpoint> earliest = List.of(new WebhookEndpoint("archive", archive.url(), WebhookEndpoint.Format.JSON,
          SECRET, Set.of(), Set.of(), Set.of(), WebhookEndpoint.Start.EARLIEST));

      // 2. a new subscription that starts now gets what comes after it, nothing from before
      AlertDispatcher first = new AlertDispatcher(config, now).start();
      records.send(config.topics().alerts(), "new-1", TestRecords.alert("new-1", "r", "acme", "new-1"));
      Poll.until(TIMEOUT, "the new alert at the live endpoint", () -> keys(live), Set.of("new-1")::equals);

      // 3. restarted, with an alert stored while it was down: that one arrives, the history still does not
      first.close();
      records.send(config.topics().alerts(), "new-2", TestRecords.alert("new-2", "r", "acme", "new-2"));
      try (AlertDispatcher second = new AlertDispatcher(config, now).start()) {
        Poll.until(TIMEOUT, "the alert stored during the restart", () -> keys(live), Set.of("new-1", "new-2")::equals);
      }

      // 4. a subscription that starts at the earliest gets the history as well
      try (AlertDispatcher history = new AlertDispatcher(config, earliest).start()) {
        Poll.until(TIMEOUT, "every alert at the archive endpoint", () -> keys(archive),
            Set.of("old-1", "old-2", "old-3", "new-1", "new-2")::equals);
      }
      assertEquals(Set.of("new-1", "new-2"), keys(live), "the live endpoint never saw the history");
    }
  }

  private static Set<String> keys(WebhookReceiver receiver) {
    return new TreeSet<>(receiver.requests().stream().map(WebhookReceiver.Request::key).toList());
  }
}
