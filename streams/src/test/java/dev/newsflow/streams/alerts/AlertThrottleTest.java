package dev.newsflow.streams.alerts;

import static dev.newsflow.streams.aggregate.AggregationHarness.article;
import static dev.newsflow.streams.aggregate.AggregationHarness.ruleOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.Alert;
import dev.newsflow.streams.aggregate.AggregationHarness;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A throttle window's alerts are entries of their own, so that a window of any size fits Kafka's records. */
class AlertThrottleTest {
  /** What one Kafka record may hold by default ({@code max.request.size}, key and value). */
  private static final int RECORD_LIMIT = 1_048_576;

  @TempDir Path stateDir;

  /** The alerts standing: the latest version of each id, withdrawn ones taken out; by story id. */
  private static List<String> standing(AggregationHarness h) {
    return AggregationHarness.latest(h.alerts).values().stream().filter(a -> !a.getWithdrawn())
        .map(Alert::getStoryId).sorted().toList();
  }

  @Test
  void aDayLongWindowOfHundredsOfAlertsWritesNoRecordNearTheLimit() {
    int stories = 600;
    try (AggregationHarness h = new AggregationHarness(stateDir, AlertRulesTest.SETTINGS)) {
      h.company("acme", "Acme Corp");
      h.rule(ruleOf("acme-day", "WATCH").setCompanies(List.of("acme")).setThrottle("24h").build());
      Instant day = Instant.parse("2026-02-10T00:00:10Z");
      // Each its own story, all within one UTC day: one window holding every alert of the day.
      for (int i = 1; i < stories; i++) {
        h.publish(article("s" + i, day.plusSeconds(50L * i).toString()).source("Outlet " + i)
            .title("Acme Corp story number " + i + ": " + "a long headline of the day's news ".repeat(12))
            .mention("acme").build());
      }
      // The day's earliest arrives last: it takes the window from s1.
      h.publish(article("s0", day.toString()).source("Outlet 0").title("Acme Corp opens the day").mention("acme").build());

      assertEquals(List.of("s0"), standing(h));
      assertEquals((double) stories - 1, h.metric("alerts-throttled-total"));
      for (String topic : h.driver.producedTopicNames()) {
        var out = h.driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (var r : out.readRecordsToList()) {
          int size = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
          assertTrue(size < RECORD_LIMIT / 4, topic + ": a record of " + size + " bytes");
        }
      }
    }
  }

  @Test
  void aWindowWrittenWithItsAlertsInsideIsReadAsBefore() {
    try (AggregationHarness h = new AggregationHarness(stateDir, AlertRulesTest.SETTINGS)) {
      h.company("acme", "Acme Corp");
      h.rule(ruleOf("acme-day", "WATCH").setCompanies(List.of("acme")).setThrottle("24h").build());
      h.publish(article("a2", "2026-02-10T09:00:00Z").source("A").mention("acme").build());
      h.publish(article("a3", "2026-02-10T10:00:00Z").source("B").mention("acme").build());
      assertEquals(List.of("a2"), standing(h));

      // Put the state as earlier versions kept it: the window holds its alerts, and each alert's entry is its window.
      KeyValueStore<String, AlertThrottle.Window> windows = h.driver.getKeyValueStore(AlertThrottle.STORE);
      KeyValueStore<String, AlertThrottle.Member> members = h.driver.getKeyValueStore(AlertThrottle.MEMBERS);
      KeyValueStore<String, String> held = h.driver.getKeyValueStore(AlertThrottle.HELD);
      List<KeyValue<String, AlertThrottle.Member>> entries = new ArrayList<>();
      members.all().forEachRemaining(entries::add);
      assertEquals(2, entries.size());
      List<KeyValue<String, AlertThrottle.Window>> all = new ArrayList<>();
      windows.all().forEachRemaining(all::add);
      assertEquals(1, all.size());
      String windowKey = all.get(0).key;
      entries.forEach(e -> {
        members.delete(e.key);
        held.put(e.value.id(), windowKey);
      });
      windows.put(windowKey, new AlertThrottle.Window(all.get(0).value.end(),
          entries.stream().map(e -> e.value).toList(), all.get(0).value.published()));

      // An earlier alert of the day arrives: it takes the window, and a2 is withdrawn, as in a fresh run.
      h.publish(article("a1", "2026-02-10T08:00:00Z").source("C").mention("acme").build());
      Map<String, Alert> since = AggregationHarness.latest(h.alerts);
      assertEquals(List.of("a1"), since.values().stream().filter(a -> !a.getWithdrawn()).map(Alert::getStoryId).toList());
      assertTrue(since.values().stream().anyMatch(a -> a.getStoryId().equals("a2") && a.getWithdrawn()), since.toString());
      List<KeyValue<String, AlertThrottle.Member>> after = new ArrayList<>();
      members.all().forEachRemaining(after::add);
      assertEquals(3, after.size(), "the window's alerts are entries of their own again");
      assertTrue(windows.get(windowKey).members() == null, "and the window no longer holds them");
    }
  }
}
