package dev.newsflow.streams;

import static dev.newsflow.streams.DriverSetup.input;
import static dev.newsflow.streams.DriverSetup.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.topic.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A list article (a ranking naming hundreds of companies) through the whole topology: every record it makes the
 * application write, to its outputs, repartition topics and changelogs, fits in one Kafka record. Under
 * exactly-once a record over the limit fails the transaction again at every retry and stops its task.
 */
class ListArticleTest {
  /** What one Kafka record may hold by default ({@code max.request.size}, key and value). */
  private static final int RECORD_LIMIT = 1_048_576;
  private static final int COMPANIES = 400;
  private static final String[] SYLLABLES = {"ba", "ko", "ri", "su", "te", "vo", "mu", "la", "zi", "pe"};

  @TempDir Path stateDir;

  /** A made-up name no word list holds: three syllables and an ending, e.g. "Bakorix". */
  private static String name(int i) {
    String word = SYLLABLES[i % 10] + SYLLABLES[(i / 10) % 10] + SYLLABLES[(i / 100) % 10] + "x";
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  @Test
  void anArticleNamingHundredsOfCompaniesWritesNoRecordOverTheLimit() {
    Topics topics = Topics.defaults();
    Properties props = DriverSetup.props(stateDir);
    try (TopologyTestDriver driver = new TopologyTestDriver(NewsflowTopology.build(topics, props), props)) {
      TestInputTopic<String, Company> companies = input(driver, topics.companies());
      List<String> sentences = new ArrayList<>();
      for (int i = 0; i < COMPANIES; i++) {
        companies.pipeInput("c" + i, Company.newBuilder().setId("c" + i).setName(name(i) + " Industries")
            .setAliases(List.of(name(i))).setProducts(List.of()).build());
        sentences.add(name(i) + " Industries ranks number " + (i + 1) + " on this year's list of the largest makers.");
      }
      var enriched = output(driver, topics.articlesEnriched());
      var summaries = output(driver, topics.companySummary());
      input(driver, topics.articlesRaw()).pipeInput("list-1", Article.newBuilder().setId("list-1")
          .setTitle("The largest makers of the year, ranked").setBody(String.join(" ", sentences))
          .setSource("Rankings Weekly").setPublishedAt(Instant.parse("2026-02-10T08:00:00Z")).build());

      EnrichedArticle article = enriched.readValuesToList().get(0);
      assertTrue(article.getMentions().size() >= COMPANIES * 9 / 10,
          "the linker found " + article.getMentions().size() + " of " + COMPANIES + " companies");
      Map<String, CompanySummary> latest = new TreeMap<>();
      summaries.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));
      assertEquals(1L, latest.get(article.getMentions().get(0).getCompanyId()).getArticleCount());

      Map<String, Integer> largest = new TreeMap<>();
      for (String topic : driver.producedTopicNames()) {
        var out = driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (var r : out.readRecordsToList()) {
          int size = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
          largest.merge(topic, size, Math::max);
        }
      }
      largest.forEach((topic, size) -> assertTrue(size < RECORD_LIMIT, topic + ": a record of " + size + " bytes"));
    }
  }
}
