package dev.newsflow.streams.alerts;

import static dev.newsflow.streams.aggregate.AggregationHarness.article;
import static dev.newsflow.streams.aggregate.AggregationHarness.ruleOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.aggregate.AggregationHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts do not depend on the order articles arrive in: the same story never fires twice however late a
 * retelling comes, and the alerts left standing (the latest record per id, withdrawals taken out) are the
 * same, content included, for every arrival order.
 */
class AlertOrderTest {
  @TempDir Path stateDir;

  @Test
  void aLateRetellingOfAStoryOlderThanTheGatesMemoryDoesNotFireItsAlertAgain() {
    try (AggregationHarness h = new AggregationHarness(stateDir, AlertRulesTest.SETTINGS)) {
      h.company("acme", "Acme Corp");
      h.company("other", "Other Inc");
      h.rule(ruleOf("acme", "WATCH").setCompanies(List.of("acme")).build());
      h.publish(article("a", "2026-01-01T00:00:00Z").title("Acme recalls its rockets").mention("acme").build());
      for (int i = 0; i < 12; i++) {
        h.publish(article("n" + i, "2026-02-20T0" + (i % 10) + ":00:00Z").mention("other").build());
      }
      // The same text under another id, as dedup marks it: a repeat of "a", in a's story.
      h.publish(article("a-copy", "2026-01-01T05:00:00Z").title("Acme recalls its rockets").story("a").duplicateOf("a")
          .source("Another outlet").mention("acme").build());

      List<String> ids = h.alerts.readValuesToList().stream().map(Alert::getId).toList();
      assertEquals(List.of(AlertIds.of("acme", "a")), ids, "the story's alert, once");
    }
  }

  @Test
  void theStandingAlertsAreTheSameForEveryArrivalOrder() throws IOException {
    List<List<EnrichedArticle>> articles = scenario();
    String first = null;
    Random random = new Random(20261130L);
    for (int run = 0; run < 12; run++) {
      List<EnrichedArticle> order = interleave(articles, random);
      String standing = standingAlerts(Files.createDirectories(stateDir.resolve("run" + run)), order);
      if (first == null) {
        first = standing;
        assertTrue(first.lines().count() >= 6, "the scenario fires enough alerts to prove something:\n" + first);
      } else {
        assertEquals(first, standing, "run " + run + ", order " + order.stream().map(EnrichedArticle::getId).toList());
      }
    }
  }

  /**
   * Each inner list is one article's versions, in the order they are published. Copies first published
   * as stories of their own and corrected later stand for what dedup does when a copy arrives before its
   * original.
   */
  private static List<List<EnrichedArticle>> scenario() {
    List<List<EnrichedArticle>> all = new ArrayList<>();
    // Throttled per company: three acme stories in one 1 h window, one in the next.
    all.add(List.of(article("s1", "2026-02-10T08:10:00Z").title("Acme one").mention("acme").build()));
    all.add(List.of(article("s2", "2026-02-10T08:05:00Z").title("Acme two").mention("acme").build()));
    all.add(List.of(article("s3", "2026-02-10T08:50:00Z").title("Acme three").mention("acme").build()));
    all.add(List.of(article("s4", "2026-02-10T09:20:00Z").title("Acme four").mention("acme").build()));
    // A copy of s2, first seen as a story of its own, then corrected into s2's story.
    all.add(List.of(
        article("s2-copy", "2026-02-10T08:01:00Z").title("Acme two").source("Copycat").mention("acme").build(),
        article("s2-copy", "2026-02-10T08:01:00Z").title("Acme two").source("Copycat").story("s2").duplicateOf("s2")
            .mention("acme").build()));
    // Another company in the same hour: its own throttle.
    all.add(List.of(article("o1", "2026-02-10T08:30:00Z").title("Other one").mention("other").build()));
    all.add(List.of(article("o2", "2026-02-10T08:20:00Z").title("Other two").mention("other").build()));
    // No company: throttled per story, so unrelated stories do not hold each other back.
    all.add(List.of(article("k1", "2026-02-10T08:00:00Z").title("Layoffs at a bakery").build()));
    all.add(List.of(article("k2", "2026-02-10T08:01:00Z").title("Layoffs at a mill").build()));
    // Confirmation by two outlets: fires at the second outlet in event time, whichever came first.
    all.add(List.of(article("c1", "2026-02-10T10:00:00Z").story("deal").source("Wire").title("Acme to buy Other")
        .mention("acme").build()));
    all.add(List.of(article("c2", "2026-02-10T10:20:00Z").story("deal").source("Daily").title("Acme buys Other")
        .mention("acme").build()));
    all.add(List.of(article("c3", "2026-02-10T10:10:00Z").story("deal").source("Herald").title("Acme said to buy Other")
        .mention("acme").build()));
    return all;
  }

  private static String standingAlerts(Path state, List<EnrichedArticle> order) {
    try (AggregationHarness h = new AggregationHarness(state, AlertRulesTest.SETTINGS)) {
      h.company("acme", "Acme Corp");
      h.company("other", "Other Inc");
      h.rule(ruleOf("watch", "WATCH").setCompanies(List.of("acme", "other")).setThrottle("1h").build());
      h.rule(ruleOf("layoffs", "WATCH").setKeywords(List.of("layoffs")).setThrottle("1h").build());
      h.rule(ruleOf("deal", "WATCH").setCompanies(List.of("acme")).setKeywords(List.of("buy")).setMinSources(2).build());
      order.forEach(h::publish);
      Map<String, String> standing = new TreeMap<>();
      AggregationHarness.latest(h.alerts).forEach((id, a) -> {
        if (!a.getWithdrawn()) {
          standing.put(id, CanonicalJson.write(Alert.newBuilder(a).setMetrics(new TreeMap<>(a.getMetrics())).build()));
        }
      });
      return String.join("\n", standing.values());
    }
  }

  /** A random interleaving that keeps each article's versions in their order. */
  private static List<EnrichedArticle> interleave(List<List<EnrichedArticle>> articles, Random random) {
    Map<Integer, Integer> next = new LinkedHashMap<>();
    for (int i = 0; i < articles.size(); i++) {
      next.put(i, 0);
    }
    List<EnrichedArticle> out = new ArrayList<>();
    while (!next.isEmpty()) {
      List<Integer> open = new ArrayList<>(next.keySet());
      int pick = open.get(random.nextInt(open.size()));
      int v = next.get(pick);
      out.add(articles.get(pick).get(v));
      if (v + 1 == articles.get(pick).size()) {
        next.remove(pick);
      } else {
        next.put(pick, v + 1);
      }
    }
    return out;
  }
}
