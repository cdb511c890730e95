package dev.newsflow.streams.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.event.ArticleFacts;
import dev.newsflow.streams.event.PhrasedArticle;
import dev.newsflow.streams.state.JsonSerde;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContributionTest {
  private static final JsonSerde<Contribution> SERDE = JsonSerde.of(Contribution.class);
  /** What one Kafka record may hold by default ({@code max.request.size}). */
  private static final int RECORD_LIMIT = 1_048_576;

  /** A list article: {@code n} companies, each named in a sentence of its own, a few of them reporting a release. */
  private static Map<String, ArticleFacts> listArticle(int n) {
    AggregationHarness.ArticleBuilder b = AggregationHarness.article("list-1", "2026-03-01T08:00:00Z")
        .title("The year's most valuable companies, ranked").topic("markets", 0.9).topic("business", 0.4)
        .sentiment(-0.2).url("https://news.example.com/rankings/2026?page=1");
    List<String> sentences = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "company-" + i;
      b.mention(id, 1 + i % 3, 0.3 + (i % 7) / 10.0);
      sentences.add(id + " ranks number " + (i + 1) + " this year, up from last year's place on the list.");
      if (i % 50 == 0) {
        b.reports(id, "Model " + i, "2." + i, id + " released Model " + i + " 2." + i + " in March.");
      }
    }
    EnrichedArticle a = b.body(String.join(" ", sentences)).build();
    return ArticleFacts.of(PhrasedArticle.of(a), a.getPublishedAt().toEpochMilli());
  }

  private static Contribution roundTrip(Contribution c) {
    return SERDE.deserializer().deserialize("t", SERDE.serializer().serialize("t", c));
  }

  @Test
  void anArticleNamingAThousandCompaniesIsKeptWellWithinOneRecord() {
    Map<String, ArticleFacts> facts = listArticle(1_000);
    int shared = SERDE.serializer().serialize("t", Contribution.of(facts)).length;
    int whole = SERDE.serializer().serialize("t", new Contribution(null, null, facts)).length;
    // Kept whole, each company's facts repeat the article and list the 999 others: over a record's limit.
    assertTrue(whole > RECORD_LIMIT, "whole form: " + whole + " bytes");
    assertTrue(shared < RECORD_LIMIT / 4, "shared form: " + shared + " bytes");
  }

  @Test
  void theFactsComeBackExactlyAndInTheArticlesOrder() {
    Map<String, ArticleFacts> facts = listArticle(300);
    Contribution kept = roundTrip(Contribution.of(facts));
    assertNotNull(kept.article());
    assertNull(kept.byCompany());
    assertEquals(facts, kept.facts());
    assertEquals(List.copyOf(facts.keySet()), List.copyOf(kept.facts().keySet()));
  }

  @Test
  void aValueKeptWholeByAnEarlierVersionIsStillRead() {
    Map<String, ArticleFacts> facts = listArticle(3);
    // Earlier versions wrote {"byCompany": {...}} and nothing else.
    Contribution earlier = roundTrip(new Contribution(null, null, facts));
    assertEquals(facts, earlier.facts());
  }

  @Test
  void factsThatDoNotShareTheirArticlesPartAreKeptWhole() {
    Map<String, ArticleFacts> facts = new LinkedHashMap<>(listArticle(2));
    ArticleFacts second = facts.get("company-1");
    facts.put("company-1", new ArticleFacts(second.articleId(), second.companyId(), second.publishedAt(), second.source(),
        second.sourceKey(), second.storyId(), second.duplicateOf(), second.sentimentMicros(), second.topics(),
        second.coMentions(), second.mentions(), second.salience(), "another title", second.url(), second.rumour(),
        second.text(), second.releases(), second.language(), second.keySentence()));
    Contribution kept = roundTrip(Contribution.of(facts));
    assertNull(kept.article());
    assertEquals(facts, kept.facts());
  }

  @Test
  void noFactsAreNoContribution() {
    assertEquals(Map.of(), roundTrip(Contribution.of(Map.of())).facts());
  }
}
