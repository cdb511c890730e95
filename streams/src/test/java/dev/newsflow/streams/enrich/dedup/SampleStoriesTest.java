package dev.newsflow.streams.enrich.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.enrich.Enricher;
import dev.newsflow.streams.enrich.Ndjson;
import dev.newsflow.streams.enrich.OfflineEnrichment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stories measured on the bundled sample against data/sample/gold-stories.ndjson: pairs of articles put in
 * one story, precision and recall, and recall over the pairs of an English and a Chinese report (issue 12's
 * goals: F1 at least 0.9, English–Chinese recall at least 0.8). The sample's stories of several reports are
 * both launches, which release stories reach; the pairs the gold keeps apart (a demo and a listing, market
 * overviews, a model and an agent two weeks apart) must stay apart under the story rule of shared companies
 * and tokens ({@link StoryMarks}), whose recall on other events would need gold this sample does not have.
 */
class SampleStoriesTest {
  @Test
  void storiesOfTheSampleScoredByPairs() {
    List<Company> companies = Ndjson.records(sample("companies.ndjson"), Company.class);
    List<Article> articles = Ndjson.records(sample("articles.ndjson"), Article.class);
    assertEquals(54, articles.size(), "the sample this measurement was written for");
    Map<String, String> language = new HashMap<>();
    Map<String, String> story = new HashMap<>();
    for (EnrichedArticle a : OfflineEnrichment.run(companies, articles, Enricher.standard())) {
      language.put(a.getId(), a.getLanguage());
      story.put(a.getId(), a.getStoryId());
    }
    StoryPairScore score = StoryPairScore.of(story, language, StoryPairScore.goldStories(sample("gold-stories.ndjson")));
    System.out.println(score.describe("data/sample"));

    assertTrue(score.gold().size() == 29 && score.crossGold() == 16, "the gold this test was written for: "
        + score.gold().size() + " pairs, " + score.crossGold() + " across languages");
    assertTrue(score.f1() >= StoryPairScore.F1_GOAL, score.describe("data/sample"));
    assertTrue(score.crossRecall() >= StoryPairScore.CROSS_LANGUAGE_RECALL_GOAL, score.describe("data/sample"));
  }

  private static Path sample(String file) {
    return Path.of("..", "data", "sample", file);
  }
}
