package dev.newsflow.streams.enrich.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.ReportedRelease;
import dev.newsflow.streams.aggregate.AggregationHarness;
import dev.newsflow.streams.enrich.Enricher;
import dev.newsflow.streams.enrich.Ndjson;
import dev.newsflow.streams.enrich.OfflineEnrichment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every report of one numbered release is one story, whatever its language, wording or arrival order. */
class ReleaseStoriesTest {
  private static final Path SAMPLE = Path.of("..", "data", "sample");
  private static final String SEEDANCE = "release:bytedance:seedance:2.0";

  @Test
  void theEnglishAndChineseReportsOfTheSeedanceLaunchAreOneStoryInAnyOrder() {
    List<Company> companies = Ndjson.records(SAMPLE.resolve("companies.ndjson"), Company.class);
    List<Article> articles = Ndjson.records(SAMPLE.resolve("articles.ndjson"), Article.class);
    Map<String, String> stories = storiesOf(companies, articles);

    Set<String> seedance = stories.entrySet().stream().filter(e -> SEEDANCE.equals(e.getValue()))
        .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    assertTrue(seedance.containsAll(Set.of("nf-2026-0029", "nf-2026-0030", "nf-2026-0032", "nf-2026-0035")),
        "the English launch report and the three Chinese ones: " + seedance);
    assertTrue(seedance.stream().allMatch(id -> id.compareTo("nf-2026-0029") >= 0 && id.compareTo("nf-2026-0036") <= 0),
        "nothing but Seedance 2.0 reports: " + seedance);
    assertEquals("nf-2026-0001", stories.get("nf-2026-0001"), "an article that reports no release is its own story");

    List<Article> shuffled = new ArrayList<>(articles);
    Collections.shuffle(shuffled, new Random(7));
    assertEquals(stories, storiesOf(companies, shuffled));
  }

  @Test
  void theMostConfidentNumberedReleaseNamesTheStoryAndTiesAreBrokenTheSameWayInAnyOrder() {
    ReportedRelease unnumbered = release("acme", "Sled", null, 0.95);
    ReportedRelease rocket = release("acme", "Rocket", "2.0", 0.6);
    ReportedRelease skate = release("acme", "Skate", "3", 0.6);
    ReportedRelease glider = release("zeta", "Glider", "1.5", 0.8);
    assertEquals("release:zeta:glider:1.5", Verdict.releaseStory(article(List.of(unnumbered, rocket, glider, skate))));
    assertEquals("release:acme:rocket:2.0", Verdict.releaseStory(article(List.of(skate, rocket))));
    assertEquals("release:acme:rocket:2.0", Verdict.releaseStory(article(List.of(rocket, skate))));
    assertNull(Verdict.releaseStory(article(List.of(unnumbered))));
  }

  private static Map<String, String> storiesOf(List<Company> companies, List<Article> articles) {
    return OfflineEnrichment.run(companies, articles, Enricher.standard()).stream()
        .collect(Collectors.toMap(EnrichedArticle::getId, EnrichedArticle::getStoryId, (a, b) -> b, TreeMap::new));
  }

  private static ReportedRelease release(String company, String product, String version, double confidence) {
    return ReportedRelease.newBuilder().setCompanyId(company).setProduct(product).setVersion(version)
        .setEvidence(product + " is out.").setConfidence(confidence).build();
  }

  private static EnrichedArticle article(List<ReportedRelease> releases) {
    return EnrichedArticle.newBuilder(AggregationHarness.article("a", "2026-02-10T08:00:00Z").build())
        .setDetectedReleases(releases).build();
  }
}
