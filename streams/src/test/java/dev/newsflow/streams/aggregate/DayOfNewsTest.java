package dev.newsflow.streams.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.testkit.DayOfNews;
import dev.newsflow.schema.Alert;
import dev.newsflow.schema.CompanyActivity;
import dev.newsflow.streams.state.StateStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded day of news for 50 companies through the aggregation topology, compared as a whole with what
 * {@link ExpectedAggregation} computes from the same input in plain Java: every final activity window, the
 * latest value of every live window, every company's summary, every alert, every late-record dead letter.
 */
class DayOfNewsTest {
  static final AggregationSettings SETTINGS = new AggregationSettings(Duration.ofMinutes(10), Duration.ofHours(48), 5,
      Duration.ofHours(6), Duration.ofHours(6), 1.0, Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(30), 1,
      Duration.ofSeconds(1));

  @TempDir Path stateDir;

  /** With either kind of state store ({@code state.store}): the outputs must not depend on it. */
  @ParameterizedTest
  @ValueSource(strings = {"rocksdb", "memory"})
  void theTopologyComputesWhatThePlainModelComputesForADayOfNews(String stores) {
    DayOfNews day = DayOfNews.generate(20260302L);
    ExpectedAggregation expected = new ExpectedAggregation(SETTINGS, day.companies, day.rules);
    try (AggregationHarness h = new AggregationHarness(stateDir, SETTINGS, StateStores.of(stores))) {
      day.companies.forEach(c -> h.companies.pipeInput(c.getId(), c));
      day.rules.forEach(h::rule);
      for (DayOfNews.Input in : day.inputs) {
        if (in.article() != null) {
          h.publish(in.article());
          expected.article(in.article());
        } else {
          h.release(in.release());
          expected.release(in.release());
        }
      }

      List<KeyValue<String, CompanyActivity>> finals = h.activityFinal.readKeyValuesToList();
      assertEquals(json(expected.finalActivity()), json(toMap(finals)), "final activity windows");
      assertEquals(finals.size(), toMap(finals).size(), "one final record per window");
      assertEquals(json(expected.liveActivity()), json(AggregationHarness.latest(h.activity)), "live activity windows");
      assertEquals(json(expected.summaries()), json(AggregationHarness.latest(h.summaries)), "company summaries");

      // The alerts standing at the end: the latest record per id, withdrawals taken out. An alert is published
      // again only when evidence arriving out of order corrects it, or withdrawn when an earlier one takes its
      // throttle window; what stands must be what the order-free model gives.
      List<Alert> alerts = AggregationHarness.latest(h.alerts).values().stream().filter(a -> !a.getWithdrawn()).toList();
      assertEquals(expected.alerts().stream().map(ExpectedAggregation::describe).sorted().toList(),
          alerts.stream().map(ExpectedAggregation::describe).sorted().toList(), "alerts");

      List<String> late = h.deadLetters.readKeyValuesToList().stream()
          .map(kv -> kv.key + "/" + new String(kv.value.getKey().array(), StandardCharsets.UTF_8)).sorted().toList();
      assertEquals(expected.lateArticles(), late, "late-record dead letters");
      assertEquals(late.size(), (long) h.metric("late-records-total"));

      // The day exercises what it is meant to: otherwise the comparison proves little.
      Set<String> types = alerts.stream().map(Alert::getRuleId).collect(Collectors.toCollection(HashSet::new));
      assertEquals(Set.of("layoffs", "c03-chips", "releases", "spike", "gloom"), types);
      assertTrue(alerts.stream().anyMatch(a -> a.getRuleId().equals("spike") && "c07".equals(a.getCompanyId())));
      assertTrue(late.size() >= 5, "late records: " + late.size());
      assertTrue(finals.size() > 500, "final windows: " + finals.size());
      assertTrue(expected.summaries().size() >= 45, "companies: " + expected.summaries().size());
      System.out.printf("day of news: %d inputs, %d final windows, %d summaries, %d alerts, %d late%n",
          day.inputs.size(), finals.size(), expected.summaries().size(), alerts.size(), late.size());
    }
  }

  private static <V> Map<String, V> toMap(List<KeyValue<String, V>> records) {
    Map<String, V> map = new TreeMap<>();
    records.forEach(kv -> map.put(kv.key, kv.value));
    return map;
  }

  private static <V extends org.apache.avro.specific.SpecificRecord> String json(Map<String, V> records) {
    return new TreeMap<>(records).entrySet().stream().map(e -> e.getKey() + " = " + CanonicalJson.write(e.getValue()))
        .collect(Collectors.joining("\n"));
  }
}
