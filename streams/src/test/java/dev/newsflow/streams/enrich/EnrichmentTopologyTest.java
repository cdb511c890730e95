package dev.newsflow.streams.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.ReportedRelease;
import dev.newsflow.schema.TopicScore;
import dev.newsflow.streams.DriverSetup;
import dev.newsflow.streams.enrich.link.CompanyDirectory;
import dev.newsflow.streams.state.ArticleMemory;
import dev.newsflow.topic.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enrichment and dedup through the real topology (repartitions included), on the test driver. */
class EnrichmentTopologyTest {
  private static final String BODY = "Unitree Robotics said its new humanoid robot can walk on rough ground and carry "
      + "loads. The company did not say when the robot would ship. Analysts said demand for humanoids is strong.";

  @TempDir Path stateDir;
  private final Topics topics = Topics.defaults();
  private TopologyTestDriver driver;
  private TestInputTopic<String, Article> articles;
  private TestOutputTopic<String, EnrichedArticle> enriched;

  @BeforeEach
  void setUp() {
    Properties props = DriverSetup.props(stateDir);
    StreamsBuilder builder = new StreamsBuilder();
    EnrichmentTopology.addTo(builder, topics, new CompanyDirectory());
    driver = new TopologyTestDriver(builder.build(props), props);
    TestInputTopic<String, Company> companies = DriverSetup.input(driver, topics.companies());
    companies.pipeInput("unitree", Company.newBuilder().setId("unitree").setName("Unitree Robotics")
        .setAliases(List.of("宇树科技")).build());
    articles = DriverSetup.input(driver, topics.articlesRaw());
    enriched = DriverSetup.output(driver, topics.articlesEnriched());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  private static Article article(String id, String title, String body, String published) {
    return Article.newBuilder().setId(id).setTitle(title).setBody(body).setPublishedAt(Instant.parse(published)).build();
  }

  /** The stage's own metrics: enrichment time per article, and dead letters counted by reason. */
  @Test
  void enrichmentTimeAndDeadLettersByReasonAreMeasured() {
    articles.pipeInput("a1", article("a1", "Unitree shows a humanoid robot", BODY, "2026-02-10T08:00:00Z"));
    articles.pipeInput("a2", article("a2", "Unitree robot walks", BODY + " More.", "2026-02-10T09:00:00Z"));
    articles.pipeInput("bad", Article.newBuilder().setId("bad").setTitle("").setBody("")
        .setPublishedAt(Instant.parse("2026-02-10T08:00:00Z")).build());
    TestOutputTopic<String, dev.newsflow.schema.DeadLetter> letters = DriverSetup.output(driver, topics.deadLetters());
    String reason = letters.readValue().getErrorType();
    assertEquals(true, letters.isEmpty());
    double enrichedCount = 0;
    double maxNanos = 0;
    double letterCount = 0;
    for (var e : driver.metrics().entrySet()) {
      var name = e.getKey();
      if (!name.group().equals("stream-newsflow-metrics")) {
        continue;
      }
      double value = ((Number) e.getValue().metricValue()).doubleValue();
      if (name.name().equals("enrichment-total")) {
        enrichedCount += value;
      } else if (name.name().equals("enrichment-latency-max") && !Double.isNaN(value)) {
        maxNanos = Math.max(maxNanos, value);
      } else if (name.name().equals("dlq-letters-total") && reason.equals(name.tags().get("reason"))) {
        letterCount += value;
      }
    }
    assertEquals(2.0, enrichedCount, "two articles enriched");
    assertTrue(maxNanos > 0, "the enrichment time is measured: " + maxNanos);
    assertEquals(1.0, letterCount, "one dead letter counted under its reason " + reason);
  }

  @Test
  void anArticleCarriesTopicsSectionSentimentAndTheVersionsThatMadeThem() {
    articles.pipeInput("a1", article("a1", "Unitree shows a humanoid robot", BODY, "2026-02-10T08:00:00Z"));
    EnrichedArticle e = enriched.readValue();
    assertEquals("unitree", e.getMentions().get(0).getCompanyId());
    assertEquals("name:descriptor", e.getMentions().get(0).getRule());
    assertEquals(List.of("robotics-humanoids"), e.getTopics().stream().map(TopicScore::getTopic).toList());
    assertEquals("technology", e.getSection());
    assertEquals(Enricher.standard().version(), e.getEnrichmentVersion());
    assertEquals("a1", e.getStoryId());
    assertNull(e.getDuplicateOf());
    assertEquals(List.of(), e.getDetectedReleases(), "showing a robot is no release of a named product version");
    assertEquals(true, enriched.isEmpty());
  }

  @Test
  void anArticleCarriesTheReleasesOfItsLinkedCompaniesThatItReports() {
    TestInputTopic<String, Company> companies = DriverSetup.input(driver, topics.companies());
    companies.pipeInput("bytedance", Company.newBuilder().setId("bytedance").setName("ByteDance Ltd.")
        .setAliases(List.of("ByteDance", "字节跳动")).setProducts(List.of("Seedance", "Doubao")).build());
    String body = "ByteDance on Tuesday launched Seedance 2.0, a video generation model that adds synchronized audio. "
        + "The company said the model is available in its Doubao app.";
    articles.pipeInput("s1", article("s1", "ByteDance unveils new video model", body, "2026-02-10T08:00:00Z"));

    List<ReportedRelease> releases = enriched.readValue().getDetectedReleases();
    assertEquals(1, releases.size(), releases.toString());
    ReportedRelease r = releases.get(0);
    assertEquals(List.of("bytedance", "Seedance", "2.0"), List.of(r.getCompanyId(), r.getProduct(), r.getVersion()));
    assertEquals("ByteDance on Tuesday launched Seedance 2.0, a video generation model that adds synchronized audio.",
        r.getEvidence());
    assertTrue(r.getConfidence() > 0.5 && r.getConfidence() <= 0.95, "confidence " + r.getConfidence());
  }

  @Test
  void aRepeatUnderAnotherIdIsMarkedAndKept() {
    articles.pipeInput("a1", article("a1", "Unitree shows a humanoid robot", BODY, "2026-02-10T08:00:00Z"));
    articles.pipeInput("a2", article("a2", "Unitree shows a humanoid robot", BODY, "2026-02-10T09:00:00Z"));
    List<KeyValue<String, EnrichedArticle>> out = enriched.readKeyValuesToList();
    assertEquals(List.of("a1", "a2"), out.stream().map(kv -> kv.key).toList());
    assertNull(out.get(0).value.getDuplicateOf());
    assertEquals("a1", out.get(1).value.getDuplicateOf());
    assertEquals("a1", out.get(1).value.getStoryId());
    assertEquals("exact-content:1.0", out.get(1).value.getDuplicateRule());
  }

  @Test
  void anOriginalArrivingAfterItsCopyCorrectsTheCopy() {
    String edited = BODY.replace("rough ground", "uneven ground");
    articles.pipeInput("late-copy", article("late-copy", "Unitree shows a humanoid robot", edited, "2026-02-10T09:00:00Z"));
    articles.pipeInput("original", article("original", "Unitree shows a humanoid robot", BODY, "2026-02-10T08:00:00Z"));
    List<KeyValue<String, EnrichedArticle>> out = enriched.readKeyValuesToList();
    // The copy is published at once (nothing earlier is known), then again when its original turns up.
    List<String> copies = out.stream().filter(kv -> kv.key.equals("late-copy"))
        .map(kv -> String.valueOf(kv.value.getDuplicateOf())).toList();
    assertEquals(List.of("null", "original"), copies);
    List<String> originals = out.stream().filter(kv -> kv.key.equals("original"))
        .map(kv -> String.valueOf(kv.value.getDuplicateOf())).toList();
    assertEquals(List.of("null"), originals);
  }

  @Test
  void aRevisionOfTheSameIdIsNotItsOwnDuplicate() {
    articles.pipeInput("a1", article("a1", "Unitree shows a humanoid robot", BODY, "2026-02-10T08:00:00Z"));
    articles.pipeInput("a1", article("a1", "Unitree shows a humanoid robot (updated)", BODY + " Updated.",
        "2026-02-10T08:00:00Z"));
    List<EnrichedArticle> out = enriched.readValuesToList();
    assertEquals(2, out.size());
    assertNull(out.get(1).getDuplicateOf());
  }

  @Test
  void anArticleIsRememberedForTheRetentionThenForgotten() {
    Article a = article("a1", "Unitree shows a humanoid robot", BODY, "2026-02-10T08:00:00Z");
    articles.pipeInput("a1", a);
    articles.pipeInput("a1", a);
    assertEquals(1, enriched.readValuesToList().size(), "a replay within the retention is dropped");

    // Past memory.retention (wall clock, not the story's date) every per-article store forgets it.
    driver.advanceWallClockTime(ArticleMemory.DEFAULT_RETENTION.plusHours(2));
    for (String store : List.of(ReplayFilter.STORE, FileInBuckets.FILINGS, DecideDuplicates.STORE, DecideDuplicates.HELD)) {
      try (var all = driver.getTimestampedKeyValueStore(store).all()) {
        assertFalse(all.hasNext(), store + " is empty after the retention");
      }
    }
    try (var all = driver.getKeyValueStore(FileInBuckets.INDEX).all()) {
      assertFalse(all.hasNext(), "a forgotten filing leaves its buckets, and an empty bucket goes");
    }
    articles.pipeInput("a1", a);
    assertEquals(List.of("a1"), enriched.readValuesToList().stream().map(EnrichedArticle::getId).toList(),
        "after the retention the same article is new again");
  }

  @Test
  void aCopyAfterTheRetentionNoLongerFindsItsOriginalEvenWhereBucketsAreKeptOnTheHeap() {
    articles.pipeInput("a1", article("a1", "Unitree shows a humanoid robot", BODY, "2026-02-10T08:00:00Z"));
    articles.pipeInput("a2", article("a2", "Unitree shows a humanoid robot", BODY, "2026-02-10T09:00:00Z"));
    assertEquals("a1", enriched.readValuesToList().get(1).getDuplicateOf(), "within the retention: a repeat");

    // The sweep forgets the filings, which take their articles out of the buckets, in the store and on the heap.
    driver.advanceWallClockTime(ArticleMemory.DEFAULT_RETENTION.plusHours(2));
    articles.pipeInput("a3", article("a3", "Unitree shows a humanoid robot", BODY, "2026-02-10T10:00:00Z"));
    List<EnrichedArticle> out = enriched.readValuesToList();
    assertEquals(List.of("a3"), out.stream().map(EnrichedArticle::getId).toList());
    assertNull(out.get(0).getDuplicateOf(), "after the retention nothing is left to repeat");
  }
}
