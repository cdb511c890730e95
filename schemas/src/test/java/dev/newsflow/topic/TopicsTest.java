package dev.newsflow.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicsTest {
  @Test
  void namesEveryTopicUnderThePrefix() {
    Topics topics = Topics.defaults();
    assertEquals(List.of("newsflow.articles.raw", "newsflow.releases.raw", "newsflow.companies",
            "newsflow.articles.enriched", "newsflow.company.summary", "newsflow.stories", "newsflow.company.activity",
            "newsflow.company.activity.final", "newsflow.alert.rules", "newsflow.alerts", "newsflow.dlq",
            "newsflow.alerts.dlq", "newsflow.digests.delivered"),
        topics.all().stream().map(Topic::name).collect(Collectors.toList()));
    assertTrue(topics.companies().compacted());
    assertTrue(topics.stories().compacted(), "a story's latest value is the story");
    assertTrue(topics.companySummary().compacted());
    assertTrue(topics.alertRules().compacted());
    assertTrue(topics.digestDeliveries().compacted(), "only the last settled day per endpoint and company matters");
  }

  @Test
  void rejectsAPrefixKafkaCannotName() {
    assertThrows(IllegalArgumentException.class, () -> Topics.withPrefix("news flow/"));
  }
}
