package dev.newsflow.streams.aggregate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.Alert;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.streams.StoreContents;
import dev.newsflow.testkit.DayOfNews;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An article read again after a crash that kept what the stages stored for it and lost what they forwarded, as
 * {@code at_least_once} can leave it: the changelogs (restored at the restart) hold its state changes, the topics
 * none of its outputs, and its input offset was not committed.
 *
 * <p>Modelled with two drivers over the same day of news: the first processes the articles up to the chosen one
 * and keeps every store's contents; the second processes the articles before it, is given the first one's stores
 * (what the changelogs hold), and reads the chosen article again, at the same offsets at every stage. Every alert
 * and company summary the first driver forwarded for it must come out again: an output may repeat under
 * {@code at_least_once}, but none may be lost.
 */
class ReadAgainTest {
  @TempDir Path first;
  @TempDir Path second;

  @Test
  void anArticleReadAgainAfterACrashThatKeptItsStateButLostItsOutputsPublishesThemAgain() {
    DayOfNews day = DayOfNews.generate(20260302L);
    Outputs lost = null;
    StoreContents stored = null;
    int chosen = -1;
    try (AggregationHarness h = harness(first, day)) {
      for (int i = 0; i < day.inputs.size() && chosen < 0; i++) {
        pipe(h, day.inputs.get(i));
        Outputs out = Outputs.read(h);
        if (day.inputs.get(i).article() != null && out.alerts.stream().anyMatch(a -> a.startsWith("layoffs"))
            && !out.summaries.isEmpty()) {
          chosen = i;
          lost = out;
          stored = StoreContents.of(h.driver);
        }
      }
    }
    assertTrue(chosen > 0, "the day has an article that confirms a watch rule's alert");

    try (AggregationHarness h = harness(second, day)) {
      for (int i = 0; i < chosen; i++) {
        pipe(h, day.inputs.get(i));
      }
      Outputs.read(h);
      stored.restoreInto(h.driver);
      pipe(h, day.inputs.get(chosen));
      Outputs again = Outputs.read(h);

      assertFalse(lost.alerts.isEmpty());
      assertTrue(again.alerts.containsAll(lost.alerts),
          "alerts lost: " + lost.alerts + " came again as " + again.alerts);
      for (Map.Entry<String, Long> s : lost.summaries.entrySet()) {
        Long count = again.summaries.get(s.getKey());
        assertTrue(count != null && count >= s.getValue(),
            "company " + s.getKey() + " summarised again with at least " + s.getValue() + " articles: " + again.summaries);
      }
    }
  }

  private static AggregationHarness harness(Path stateDir, DayOfNews day) {
    AggregationHarness h = new AggregationHarness(stateDir, DayOfNewsTest.SETTINGS);
    day.companies.forEach(c -> h.companies.pipeInput(c.getId(), c));
    day.rules.forEach(h::rule);
    return h;
  }

  private static void pipe(AggregationHarness h, DayOfNews.Input in) {
    if (in.article() != null) {
      h.publish(in.article());
    } else {
      h.release(in.release());
    }
  }

  /** What one input made come out: standing alerts (id and rule) and each summarised company's article count. */
  private record Outputs(Set<String> alerts, Map<String, Long> summaries) {
    static Outputs read(AggregationHarness h) {
      Set<String> alerts = new TreeSet<>();
      for (KeyValue<String, Alert> kv : h.alerts.readKeyValuesToList()) {
        if (!kv.value.getWithdrawn()) {
          alerts.add(kv.value.getRuleId() + " " + kv.key);
        }
      }
      Map<String, Long> summaries = new LinkedHashMap<>();
      for (KeyValue<String, CompanySummary> kv : h.summaries.readKeyValuesToList()) {
        summaries.put(kv.key, kv.value.getArticleCount());
      }
      h.activity.readKeyValuesToList();
      h.activityFinal.readKeyValuesToList();
      h.deadLetters.readKeyValuesToList();
      return new Outputs(alerts, summaries);
    }
  }
}
