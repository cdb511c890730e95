package dev.newsflow.streams.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.DriverSetup;
import dev.newsflow.streams.enrich.link.CompanyDirectory;
import dev.newsflow.streams.state.ArticleMemory;
import dev.newsflow.testkit.ArrivalOrders;
import dev.newsflow.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stories of distinct reports (StoryMarks): an English and a Chinese report of one event and a third report
 * in other words share the earliest report's story; a report of the same company without the event's names,
 * the same names three days later, and the same names about another company stay apart; a copy keeps its
 * duplicateOf. The topology gives every article the same (duplicateOf, storyId) in shuffled orders and with
 * 1, 2, 3 and 5 partitions of bucket keys, equal to the offline index's.
 */
class StoryOrderTest {
  static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");

  @TempDir Path stateDir;

  static List<Company> companies() {
    return Ndjson.records(Path.of("..", "data", "sample", "companies.ndjson"), Company.class);
  }

  static List<Article> articles() {
    String en = "Moonshot AI said on Tuesday that its K2 model now runs on Huawei-designed Ascend 910C accelerators "
        + "in a cluster of 4096 cards in Inner Mongolia, cutting its training cost by about a third. The company "
        + "expects the first results from the new cluster in the second quarter.";
    List<Article> out = new ArrayList<>();
    out.add(article("s-en-1", "en", "Moonshot AI moves K2 training onto Ascend 910C cluster", en, T0));
    out.add(article("s-zh-1", "zh", "月之暗面K2模型迁移至Ascend 910C集群",
        "月之暗面周二表示，其K2大模型已在内蒙古一个由4096张Ascend 910C加速卡组成的集群上完成训练迁移，训练成本下降约三分之一。",
        T0.plusSeconds(2 * 3600)));
    out.add(article("s-en-2", "en", "Chinese chips carry a frontier model",
        "Analysts said the move of the K2 model to 4096 Ascend 910C cards shows that domestic accelerators can now "
        + "carry frontier training, though software tools still lag. Moonshot AI did not give a date for its next model.",
        T0.plusSeconds(20 * 3600)));
    out.add(article("s-copy", "en", "Moonshot AI moves K2 training onto Ascend 910C cluster", en,
        T0.plusSeconds(3 * 3600)));
    // The same company, nothing of the event: its own story.
    out.add(article("s-other", "en", "Moonshot AI names a new finance chief",
        "Moonshot AI appointed a former banker as finance chief on Wednesday as it prepares for an eventual listing.",
        T0.plusSeconds(24 * 3600)));
    // The event's names three days on: outside the window.
    out.add(article("s-late", "en", "A look back at the K2 move",
        "Three days after Moonshot AI moved K2 onto 4096 Ascend 910C cards, rivals are weighing the same step.",
        T0.plusSeconds(72 * 3600 + 60)));
    // The same names about another company: another story.
    out.add(article("s-zhipu", "en", "Zhipu AI tests Ascend 910C for GLM training",
        "Zhipu AI said it is testing a cluster of 4096 Ascend 910C cards for training its GLM models.",
        T0.plusSeconds(4 * 3600)));
    return out;
  }

  static Article article(String id, String language, String title, String body, Instant at) {
    return Article.newBuilder().setId(id).setLanguage(language).setTitle(title).setBody(body).setPublishedAt(at)
        .setSource("outlet-" + id).build();
  }

  @Test
  void distinctReportsOfOneEventShareTheEarliestReportsStory() {
    Map<String, String> offline = offline(articles());
    assertEquals("null|s-en-1", offline.get("s-en-1"));
    assertEquals("null|s-en-1", offline.get("s-zh-1"), "the Chinese report: " + offline);
    assertEquals("null|s-en-1", offline.get("s-en-2"), "the analysis in other words: " + offline);
    assertEquals("s-en-1|s-en-1", offline.get("s-copy"), "a copy stays a copy: " + offline);
    assertEquals("null|s-other", offline.get("s-other"));
    assertEquals("null|s-late", offline.get("s-late"));
    assertEquals("null|s-zhipu", offline.get("s-zhipu"));
  }

  @Test
  void everyOrderAndPartitionCountGivesTheSameStories() throws Exception {
    List<Article> articles = articles();
    Map<String, String> expected = offline(articles);
    assertNotEquals(expected.get("s-en-2"), "null|s-en-2", "the test needs a story of distinct reports");
    List<List<Article>> orders = ArrivalOrders.of(articles, 20260310, 10);
    int run = 0;
    for (int partitions : new int[] {1, 2, 3, 5}) {
      for (List<Article> order : orders) {
        assertEquals(expected, run(order, partitions, stateDir.resolve("run-" + run++)),
            partitions + " partitions, order " + order.stream().map(Article::getId).toList());
      }
    }
  }

  /** id → "duplicateOf|storyId" as the offline index (one process, the same buckets and rules) decides. */
  static Map<String, String> offline(List<Article> articles) {
    Map<String, String> out = new TreeMap<>();
    for (EnrichedArticle a : OfflineEnrichment.run(companies(), articles, Enricher.standard())) {
      out.put(a.getId(), a.getDuplicateOf() + "|" + a.getStoryId());
    }
    return out;
  }

  static Map<String, String> run(List<Article> order, int partitions, Path stateDir) throws Exception {
    return run(companies(), order, partitions, stateDir);
  }

  /** id → "duplicateOf|storyId" as the enrichment topology decides, given {@code companies} first. */
  static Map<String, String> run(List<Company> gazetteer, List<Article> order, int partitions, Path stateDir)
      throws Exception {
    Files.createDirectories(stateDir);
    Topics topics = Topics.defaults();
    Properties props = DriverSetup.props(stateDir);
    StreamsBuilder builder = new StreamsBuilder();
    EnrichmentTopology.addTo(builder, topics, new CompanyDirectory(), Enricher.standard(),
        ArticleMemory.DEFAULT_RETENTION, new DedupSettings(128, partitions));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(props), props)) {
      TestInputTopic<String, Company> companies = DriverSetup.input(driver, topics.companies());
      gazetteer.forEach(c -> companies.pipeInput(c.getId(), c));
      TestInputTopic<String, Article> in = DriverSetup.input(driver, topics.articlesRaw());
      TestOutputTopic<String, EnrichedArticle> out = DriverSetup.output(driver, topics.articlesEnriched());
      order.forEach(a -> in.pipeInput(a.getId(), a));
      Map<String, String> view = new TreeMap<>();
      for (EnrichedArticle a : out.readValuesToList()) {
        view.put(a.getId(), a.getDuplicateOf() + "|" + a.getStoryId());
      }
      assertNull(view.get("missing"));
      return view;
    }
  }
}
