package dev.newsflow.streams.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.DriverSetup;
import dev.newsflow.streams.enrich.link.CompanyDirectory;
import dev.newsflow.testkit.ArrivalOrders;
import dev.newsflow.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dedup decides the same original for every article whatever the order the articles arrive in: a group
 * of near-duplicates larger than a bucket used to hold (8), exact copies, a URL copy, a revision under
 * the same headline and unrelated articles, in many orders, end in the same final (duplicateOf, storyId)
 * for every id, equal to the pairwise model.
 */
class DedupOrderTest {
  static final String BASE = "The regional rail operator said on Tuesday that it would replace its entire fleet "
      + "of diesel trains with battery units over the next six years, spending about four billion euros on "
      + "new rolling stock, depots and charging points along the busiest lines. Passenger numbers have risen "
      + "sharply since the pandemic, and the operator expects the quieter, cleaner trains to attract commuters "
      + "who still drive to work. Unions welcomed the plan but asked for guarantees on maintenance jobs at the "
      + "old workshops, which the company said would be retrained rather than cut.";
  static final String[] SWAPS = {"Monday", "fleets", "electric", "seven", "five", "dollars", "stations", "routes",
      "grown", "expect", "silent", "greener", "drove", "promises", "repair", "retired"};

  @TempDir Path stateDir;

  /** Near-duplicates (each a word or two apart), copies, a URL copy, a revision and unrelated articles. */
  static List<Article> group() {
    List<Article> out = new ArrayList<>();
    String[] words = BASE.split(" ");
    Instant t0 = Instant.parse("2026-02-10T08:00:00Z");
    for (int i = 0; i < 14; i++) {
      String[] w = words.clone();
      w[(i * 7 + 3) % w.length] = SWAPS[i % SWAPS.length];
      if (i % 3 == 0) {
        w[(i * 11 + 5) % w.length] = SWAPS[(i + 5) % SWAPS.length];
      }
      // Ids run against time, and publication times tie in threes, so the id decides among ties.
      String id = String.format("g%02d", (i * 5) % 14);
      out.add(article(id, "Rail operator to buy battery trains", String.join(" ", w), t0.plusSeconds(3600L * (i / 3)),
          "https://news.example.com/rail/" + id));
    }
    out.add(article("copy-a", "Rail operator to buy battery trains", BASE, t0.plusSeconds(1800), null));
    out.add(article("copy-b", "Rail operator to buy battery trains", BASE, t0.plusSeconds(1800), null));
    out.add(article("url-copy", "Battery trains", "A short wire version with other words entirely.",
        t0.plusSeconds(7200), "http://www.news.example.com/rail/g05/?utm_source=feed"));
    out.add(article("revised", "Rail operator to buy battery trains", BASE.substring(0, 200)
        + " Later reports said the order would be split between two manufacturers and that the first units "
        + "would arrive within three years, pending approval by the regional parliament next spring.",
        t0.plusSeconds(900), null));
    out.add(article("other-1", "Chipmaker reports record quarter", "Revenue rose forty percent as demand for "
        + "data centre processors stayed strong, the company said, and it raised its forecast for the year.",
        t0, null));
    out.add(article("other-2", "Storm closes ports", "Three ports on the northern coast closed on Friday as a storm "
        + "brought winds of more than a hundred kilometres an hour and waves of eight metres.", t0, null));
    out.add(article("other-3", "Festival sells out", "The summer music festival sold all its tickets within an hour, "
        + "organisers said, and will add a fourth stage for local bands.", t0.plusSeconds(60), null));
    return out;
  }

  static Article article(String id, String title, String body, Instant at, String url) {
    return Article.newBuilder().setId(id).setTitle(title).setBody(body).setPublishedAt(at).setUrl(url).build();
  }

  @Test
  void everyOrderEndsWithTheSameOriginalsAndStories() throws Exception {
    List<Article> articles = group();
    Map<String, String> expected = DedupModel.expected(articles, 15); // the group is mostly repeats

    List<Article> sorted = new ArrayList<>(articles);
    sorted.sort((a, b) -> a.getPublishedAt().equals(b.getPublishedAt()) ? a.getId().compareTo(b.getId())
        : a.getPublishedAt().compareTo(b.getPublishedAt()));
    List<List<Article>> orders = ArrivalOrders.of(sorted, 20260210, 24);
    for (int i = 0; i < orders.size(); i++) {
      List<Article> order = orders.get(i);
      assertEquals(expected, run(order, stateDir.resolve("run-" + i)),
          "order " + order.stream().map(Article::getId).toList());
    }
  }

  /** Publishes the articles in this order and returns the final view of articles.enriched. */
  static Map<String, String> run(List<Article> order, Path stateDir) throws Exception {
    Files.createDirectories(stateDir);
    Topics topics = Topics.defaults();
    Properties props = DriverSetup.props(stateDir);
    StreamsBuilder builder = new StreamsBuilder();
    EnrichmentTopology.addTo(builder, topics, new CompanyDirectory());
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(props), props)) {
      TestInputTopic<String, Article> in = DriverSetup.input(driver, topics.articlesRaw());
      TestOutputTopic<String, EnrichedArticle> out = DriverSetup.output(driver, topics.articlesEnriched());
      order.forEach(a -> in.pipeInput(a.getId(), a));
      return DedupModel.of(out.readValuesToList());
    }
  }
}
