package dev.newsflow.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import dev.newsflow.schema.AlertRule;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Release;
import dev.newsflow.streams.enrich.Ndjson;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled sample through the whole topology, each article in turn read again after a crash that kept what
 * every stage stored for it and lost what they forwarded (as {@code at_least_once} can leave a task: see
 * {@link dev.newsflow.streams.state.ReadPosition}). A first driver processes the sample and keeps its stores'
 * contents after each article; for each article a second driver processes the articles before it, is given the
 * first one's stores as they were after it, and reads it again, at the same offsets at every stage. What the
 * first driver gave for that article must come out again: its enriched article, the summaries of the companies
 * it names (counting it at least once), its stories and its standing alerts.
 *
 * <p>Not checked: what is published because time moved on (the live activity windows each interval, the
 * summaries of companies brought up to a new hour, final activity windows). That is decided by clocks kept in the
 * stores, not by the record read again, and is not yet repeated after such a crash (README, "Guarantees and
 * time").
 */
class SampleReadAgainTest {
  /** When the sample arrives, and the wall clock starts, in every run. */
  private static final Instant ARRIVAL = Instant.parse("2026-03-06T00:00:00Z");

  @TempDir Path stateDir;

  @Test
  void everyArticleOfTheSampleReadAgainAfterACrashThatLostItsOutputsPublishesThemAgain() throws IOException {
    List<Article> articles = Ndjson.records(sample("articles.ndjson"), Article.class);
    List<Outputs> given = new ArrayList<>();
    List<StoreContents> stored = new ArrayList<>();
    try (Run run = new Run(stateDir.resolve("first"))) {
      for (Article a : articles) {
        given.add(run.pipe(a));
        stored.add(StoreContents.of(run.driver));
      }
    }
    assertTrue(given.stream().mapToInt(o -> o.alerts.size()).sum() > 0, "the sample fires alerts");
    assertTrue(given.stream().mapToInt(o -> o.stories.size()).sum() > 0, "and tells stories");

    List<String> lost = new ArrayList<>();
    for (int k = 0; k < articles.size(); k++) {
      try (Run run = new Run(stateDir.resolve("again-" + k))) {
        for (int i = 0; i < k; i++) {
          run.pipe(articles.get(i));
        }
        stored.get(k).restoreInto(run.driver);
        Outputs again = run.pipe(articles.get(k));
        String missing = given.get(k).missingFrom(again);
        if (!missing.isEmpty()) {
          lost.add(articles.get(k).getId() + ": " + missing);
        }
      }
    }
    assertEquals(List.of(), lost, "outputs that did not come again");
  }

  private static Path sample(String file) {
    return Path.of("..", "data", "sample", file);
  }

  /** The whole topology on the sample's companies, rules and releases, ready for its articles. */
  private static final class Run implements AutoCloseable {
    final Topics topics = Topics.defaults();
    final TopologyTestDriver driver;
    final TestInputTopic<String, Article> articles;
    final TestOutputTopic<String, EnrichedArticle> enriched;
    final TestOutputTopic<String, CompanySummary> summaries;
    final TestOutputTopic<String, ?> stories;
    final TestOutputTopic<String, ?> activity;
    final TestOutputTopic<String, Alert> alerts;

    Run(Path stateDir) throws IOException {
      Properties props = NewsflowStreams.streamsConfig(NewsflowConfig.builder()
          .set(NewsflowConfig.STATE_DIR, stateDir.toString())
          .set(NewsflowConfig.BOOTSTRAP_SERVERS, "unused:9092")
          .set("state.store", "memory")
          .build());
      driver = new TopologyTestDriver(NewsflowTopology.build(topics, props), props, ARRIVAL);
      articles = input(topics.articlesRaw());
      TestInputTopic<String, Company> companies = input(topics.companies());
      Ndjson.records(sample("companies.ndjson"), Company.class).forEach(c -> companies.pipeInput(c.getId(), c));
      TestInputTopic<String, AlertRule> rules = input(topics.alertRules());
      for (String line : Files.readAllLines(sample("rules.ndjson"))) {
        AlertRule r = CanonicalJson.read(line, AlertRule.class);
        rules.pipeInput(r.getId(), r);
      }
      TestInputTopic<String, Release> releases = input(topics.releasesRaw());
      Ndjson.records(sample("releases.ndjson"), Release.class).forEach(r -> releases.pipeInput(r.getId(), r));
      enriched = DriverSetup.output(driver, topics.articlesEnriched());
      summaries = DriverSetup.output(driver, topics.companySummary());
      stories = DriverSetup.output(driver, topics.stories());
      activity = DriverSetup.output(driver, topics.companyActivity());
      alerts = DriverSetup.output(driver, topics.alerts());
      pipe(null);
    }

    /** Every record of a topic stamped as it arrives, one second apart, from the same instant in every run. */
    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
      return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(),
          ARRIVAL, Duration.ofSeconds(1));
    }

    /** Pipes the article (null: none), lets the wall clock run a second, and says what came out. */
    Outputs pipe(Article a) {
      if (a != null) {
        articles.pipeInput(a.getId(), a);
      }
      driver.advanceWallClockTime(Duration.ofSeconds(1));
      Map<String, Long> counts = new TreeMap<>();
      summaries.readKeyValuesToList().forEach(kv -> counts.put(kv.key, kv.value.getArticleCount()));
      TreeSet<String> named = new TreeSet<>();
      TreeSet<String> ids = new TreeSet<>();
      for (KeyValue<String, EnrichedArticle> kv : enriched.readKeyValuesToList()) {
        ids.add(kv.key);
        kv.value.getMentions().forEach(m -> named.add(m.getCompanyId()));
      }
      counts.keySet().retainAll(named);
      activity.readKeyValuesToList();
      TreeSet<String> standing = new TreeSet<>();
      for (KeyValue<String, Alert> kv : alerts.readKeyValuesToList()) {
        if (!kv.value.getWithdrawn()) {
          standing.add(kv.value.getRuleId() + " " + kv.key);
        }
      }
      return new Outputs(ids, counts, keys(stories), standing);
    }

    private static TreeSet<String> keys(TestOutputTopic<String, ?> topic) {
      TreeSet<String> keys = new TreeSet<>();
      topic.readKeyValuesToList().forEach(kv -> keys.add(kv.key));
      return keys;
    }

    @Override
    public void close() {
      driver.close();
    }
  }

  /** What one article made come out: the keys by topic, and the article count of each company it names. */
  private record Outputs(TreeSet<String> enriched, Map<String, Long> summaries, TreeSet<String> stories,
      TreeSet<String> alerts) {

    /** What of this is not in {@code again} (a summary counting fewer articles is missing); empty when nothing. */
    String missingFrom(Outputs again) {
      List<String> missing = new ArrayList<>();
      enriched.stream().filter(k -> !again.enriched.contains(k)).forEach(k -> missing.add("enriched " + k));
      summaries.forEach((company, n) -> {
        if (again.summaries.getOrDefault(company, -1L) < n) {
          missing.add("summary " + company + " (" + n + " articles; again " + again.summaries.get(company) + ")");
        }
      });
      stories.stream().filter(k -> !again.stories.contains(k)).forEach(k -> missing.add("story " + k));
      alerts.stream().filter(k -> !again.alerts.contains(k)).forEach(k -> missing.add("alert " + k));
      return String.join(", ", missing);
    }
  }
}
