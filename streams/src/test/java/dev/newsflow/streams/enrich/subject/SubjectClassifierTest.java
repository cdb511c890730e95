package dev.newsflow.streams.enrich.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.newsflow.schema.TopicScore;
import dev.newsflow.streams.enrich.text.ArticleText;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectClassifierTest {
  private final SubjectClassifier classifier = SubjectClassifier.standard();

  private List<String> topics(String title, String body) {
    return classifier.topics(ArticleText.of(title, body)).stream()
        .map(t -> t.getTopic() + "=" + t.getScore() + t.getEvidence()).toList();
  }

  @Test
  void labelsSeveralTopicsWithScoresAndTheTermsThatProducedThem() {
    assertEquals(List.of("semiconductors-chips=0.778[chipmaker, chips, processors]", "funding-ma=0.75[acquire, deal, stake]"),
        topics("Chipmaker to acquire rival", "The deal for the maker of chips and processors gives it a stake."));
  }

  @Test
  void readsChineseTerms() {
    List<TopicScore> found = classifier.topics(ArticleText.of("宇树发布人形机器人", "公司完成新一轮融资"));
    assertEquals(List.of("robotics-humanoids", "funding-ma"), found.stream().map(TopicScore::getTopic).toList());
  }

  @Test
  void aTextWithoutEvidenceHasNoTopicAndNoSection() {
    assertEquals(List.of(), topics("Weather", "It rained."));
    assertNull(classifier.section(ArticleText.of("Weather", "It rained.")));
  }

  @Test
  void picksTheSectionWithTheMostEvidence() {
    assertEquals("sport", classifier.section(ArticleText.of("Arsenal win the cup", "The striker scored two goals.")));
    assertEquals("politics", classifier.section(ArticleText.of("Minister faces vote", "MPs and the party leader.")));
    assertEquals("business", classifier.section(ArticleText.of("Profits rise", "Shares and sales rose; investors cheered.")));
  }

  @Test
  void theVersionNamesTaxonomyAndSections() {
    assertEquals("taxonomy-1+sections-1", classifier.version());
  }
}
