package dev.newsflow.streams.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Mention;
import dev.newsflow.streams.NewsflowStreams;
import dev.newsflow.streams.NewsflowTopology;
import dev.newsflow.topic.Topics;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled sample through the whole enrichment topology: every article links exactly the companies
 * of data/sample/gold.ndjson (English names, Chinese names and products alike), so the demo's
 * per-company article counts equal the gold counts.
 */
class SampleGoldTest {
  @TempDir Path stateDir;

  /** A file of the bundled sample (tests run in their module's folder, as in every module here). */
  static Path sample(String file) {
    return Path.of("..", "data", "sample", file);
  }

  @Test
  void everySampleArticleLinksExactlyItsGoldCompanies() {
    Topics topics = Topics.defaults();
    NewsflowConfig config = NewsflowConfig.builder().set(NewsflowConfig.STATE_DIR, stateDir.toString())
        .set(NewsflowConfig.BOOTSTRAP_SERVERS, "unused:9092").build();
    Properties props = NewsflowStreams.streamsConfig(config);
    Map<String, Set<String>> linked = new TreeMap<>();
    try (TopologyTestDriver driver = new TopologyTestDriver(NewsflowTopology.build(topics, props), props)) {
      TestInputTopic<String, Company> companies = driver.createInputTopic(topics.companies().name(),
          topics.companies().keySerde().serializer(), topics.companies().valueSerde().serializer());
      TestInputTopic<String, Article> articles = driver.createInputTopic(topics.articlesRaw().name(),
          topics.articlesRaw().keySerde().serializer(), topics.articlesRaw().valueSerde().serializer());
      TestOutputTopic<String, EnrichedArticle> enriched = driver.createOutputTopic(topics.articlesEnriched().name(),
          topics.articlesEnriched().keySerde().deserializer(), topics.articlesEnriched().valueSerde().deserializer());
      Ndjson.records(sample("companies.ndjson"), Company.class).forEach(c -> companies.pipeInput(c.getId(), c));
      Ndjson.records(sample("articles.ndjson"), Article.class).forEach(a -> articles.pipeInput(a.getId(), a));
      for (EnrichedArticle e : enriched.readValuesToList()) {
        linked.put(e.getId(), new TreeSet<>(e.getMentions().stream().map(Mention::getCompanyId).toList()));
      }
    }
    Map<String, Set<String>> gold = new TreeMap<>();
    Map<String, Integer> goldCounts = new TreeMap<>();
    for (Ndjson.Line line : Ndjson.lines(sample("gold.ndjson"))) {
      Set<String> ids = new TreeSet<>();
      for (JsonNode id : line.tree().path("companies")) {
        ids.add(id.asText());
        goldCounts.merge(id.asText(), 1, Integer::sum);
      }
      gold.put(line.tree().path("id").asText(), ids);
    }
    assertEquals(gold, linked);
    Map<String, Integer> counts = new TreeMap<>();
    linked.values().forEach(ids -> ids.forEach(id -> counts.merge(id, 1, Integer::sum)));
    assertEquals(goldCounts, counts);
  }
}
