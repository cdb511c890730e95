package dev.newsflow.streams.stories;

import static dev.newsflow.streams.aggregate.AggregationHarness.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Story;
import dev.newsflow.streams.state.StateStores;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stories topic: one story per story id with its headline in one language and the other language's
 * beside it, its reports, outlets, languages, companies, products and tone; the same story whatever the
 * order its reports arrive in; a report that moves to another story leaves the old one.
 */
class StoriesTopologyTest {
  private static final Topics TOPICS = Topics.defaults();
  private static final String SEEDANCE = "release:bytedance:seedance:2.0";

  @TempDir Path stateDir;

  /** Five reports of one launch in two languages, a near-identical copy among them, and one other story. */
  static List<EnrichedArticle> launch() {
    return List.of(
        en(article("en-1", "2026-02-10T08:05:00Z").story(SEEDANCE).source("Pacific Tech Wire")
            .title("ByteDance launches Seedance 2.0, adding synchronized audio to AI video").sentiment(0.4)
            .mention("bytedance", 3, 0.9).reports("bytedance", "Seedance", "2.0", "ByteDance launched Seedance 2.0.").build()),
        zh(article("zh-1", "2026-02-10T08:40:00Z").story(SEEDANCE).source("深圳科技日报")
            .title("字节跳动发布Seedance 2.0视频生成模型 支持音画同步").sentiment(0.5)
            .mention("bytedance", 2, 0.9).reports("bytedance", "Seedance", "2.0", "字节跳动发布Seedance 2.0。").build()),
        en(article("en-2", "2026-02-10T09:15:00Z").story(SEEDANCE).source("AI Ledger")
            .title("Seedance 2.0 sharpens the contest among AI video generators").sentiment(0.1)
            .mention("bytedance", 1, 0.6).mention("kuaishou", 1, 0.3).build()),
        en(article("en-1-copy", "2026-02-10T09:30:00Z").story(SEEDANCE).source("Wire Copy").duplicateOf("en-1")
            .title("ByteDance launches Seedance 2.0, adding synchronized audio to AI video").sentiment(0.4)
            .mention("bytedance", 3, 0.9).reports("bytedance", "Seedance", "2.0", "ByteDance launched Seedance 2.0.").build()),
        zh(article("zh-2", "2026-02-10T09:50:00Z").story(SEEDANCE).source("极客速递")
            .title("Seedance 2.0上线 字节跳动与快手在AI视频赛道正面交锋").mention("bytedance").mention("kuaishou").build()),
        en(article("other", "2026-02-11T13:00:00Z").source("AI Ledger").title("Zhipu AI releases GLM-5")
            .mention("zhipu").build()));
  }

  @Test
  void aLaunchReportedInTwoLanguagesIsOneStoryWithBothHeadlines() {
    Map<String, Story> stories = run(launch(), "one");
    assertEquals(2, stories.size(), stories.keySet().toString());
    Story s = stories.get(SEEDANCE);
    assertEquals("ByteDance launches Seedance 2.0, adding synchronized audio to AI video", s.getHeadline());
    assertEquals("en-1", s.getHeadlineArticleId(), "the original naming the company and the product, earliest");
    assertEquals("字节跳动发布Seedance 2.0视频生成模型 支持音画同步", s.getOtherLanguageHeadline());
    assertEquals("en-1", s.getFirstReport().getArticleId());
    assertEquals(List.of("en-1", "zh-1", "en-2", "en-1-copy", "zh-2"),
        s.getReports().stream().map(dev.newsflow.schema.StoryReport::getArticleId).toList());
    assertEquals(5, s.getReportCount());
    assertEquals(List.of("Pacific Tech Wire", "深圳科技日报", "AI Ledger", "Wire Copy", "极客速递"), s.getOutlets());
    assertEquals(List.of("en", "zh"), s.getLanguages());
    assertEquals(List.of("bytedance", "kuaishou"), s.getCompanies());
    assertEquals(List.of("Seedance 2.0"), s.getProducts());
    assertEquals(0.35, s.getSentiment(), 1e-9);
    assertEquals("2026-02-10T09:50:00Z", s.getUpdatedAt().toString());
    assertNull(stories.get("other").getOtherLanguageHeadline(), "a story in one language has no other headline");
  }

  @Test
  void theStoriesAreTheSameWhateverTheOrderTheirReportsArriveIn() {
    List<EnrichedArticle> articles = new ArrayList<>(launch());
    String first = CanonicalJson.write(run(articles, "order0").get(SEEDANCE));
    Random random = new Random(20261130L);
    for (int run = 1; run <= 6; run++) {
      Collections.shuffle(articles, random);
      assertEquals(first, CanonicalJson.write(run(articles, "order" + run).get(SEEDANCE)), "order " + articles);
    }
  }

  @Test
  void aReportMovedToAnotherStoryLeavesTheOldOneAndAnEmptiedStoryIsDeleted() {
    List<EnrichedArticle> in = new ArrayList<>(launch());
    // dedup's correction: "other" turns out to repeat en-2, and joins the launch story
    in.add(EnrichedArticle.newBuilder(in.get(5)).setStoryId(SEEDANCE).setDuplicateOf("en-2").build());
    Map<String, Story> stories = run(in, "moved");
    assertTrue(stories.containsKey("other") && stories.get("other") == null, "the emptied story is a tombstone");
    assertEquals(6, stories.get(SEEDANCE).getReportCount());
  }

  @Test
  void aStoryListsItsEarliestHundredReportsAndCountsThemAll() {
    List<EnrichedArticle> in = bigStory(new Random(7));
    Story s = run(in, "big").get("big");
    assertEquals(150, s.getReportCount());
    assertEquals(StoryState.LISTED, s.getReports().size());
    assertEquals("r000", s.getFirstReport().getArticleId());
    assertEquals("r099", s.getReports().get(StoryState.LISTED - 1).getArticleId());
  }

  @Test
  void whenListedReportsLeaveABigStoryTheNextEarliestTakeTheirPlace() {
    List<EnrichedArticle> in = bigStory(new Random(11));
    // a correction moves the ten earliest to another story, after the rest arrived
    for (int i = 0; i < 10; i++) {
      in.add(article(String.format("r%03d", i), String.format("2026-02-10T08:%02d:00Z", i)).story("elsewhere")
          .mention("acme").build());
    }
    Map<String, Story> stories = run(in, "refill");
    Story s = stories.get("big");
    assertEquals(140, s.getReportCount());
    assertEquals(StoryState.LISTED, s.getReports().size());
    assertEquals("r010", s.getFirstReport().getArticleId());
    assertEquals("r109", s.getReports().get(StoryState.LISTED - 1).getArticleId(), "r100..r109 come into the list");
    assertEquals(10, stories.get("elsewhere").getReportCount());
  }

  @Test
  void aStoryIsForgottenTheMemoryRetentionAfterItsLastChange() {
    try (Driver d = open("forgotten")) {
      for (int i = 0; i < 3; i++) {
        d.in().pipeInput("s" + i, article("s" + i, "2026-02-10T08:0" + i + ":00Z").story("s").mention("acme").build());
      }
      d.driver().advanceWallClockTime(Duration.ofDays(31));
      try (var left = d.driver().getKeyValueStore(StoryBook.STORE).all()) {
        assertTrue(!left.hasNext(), "the story's entries are forgotten with it");
      }
      // a report arriving now is the story's first again (the earlier ones stay only on the compacted topic)
      d.in().pipeInput("s9", article("s9", "2026-02-10T09:00:00Z").story("s").mention("acme").build());
      Map<String, Story> latest = d.latest();
      assertEquals(1, latest.get("s").getReportCount());
      assertEquals("s9", latest.get("s").getFirstReport().getArticleId());
    }
  }

  /** 150 reports of story "big", r000 to r149 a minute apart from 08:00, in an order shuffled by {@code random}. */
  private static List<EnrichedArticle> bigStory(Random random) {
    List<EnrichedArticle> in = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      in.add(article(String.format("r%03d", i), String.format("2026-02-10T%02d:%02d:00Z", 8 + i / 60, i % 60))
          .story("big").mention("acme").build());
    }
    Collections.shuffle(in, random);
    return in;
  }

  /** The latest value per story id (null for a tombstone) after publishing {@code articles} in order. */
  private Map<String, Story> run(List<EnrichedArticle> articles, String name) {
    try (Driver d = open(name)) {
      articles.forEach(a -> d.in().pipeInput(a.getId(), a));
      return d.latest();
    }
  }

  /** The stories topology alone on a test driver, with its input and output. */
  private record Driver(TopologyTestDriver driver, TestInputTopic<String, EnrichedArticle> in,
      TestOutputTopic<String, Story> out) implements AutoCloseable {
    /** The latest value per story id read so far (null for a tombstone). */
    Map<String, Story> latest() {
      Map<String, Story> latest = new TreeMap<>();
      out.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));
      return latest;
    }

    @Override
    public void close() {
      driver.close();
    }
  }

  private Driver open(String name) {
    StreamsBuilder builder = new StreamsBuilder();
    Topic<String, EnrichedArticle> enriched = TOPICS.articlesEnriched();
    KStream<String, EnrichedArticle> stream = builder.stream(enriched.name(),
        Consumed.with(enriched.keySerde(), enriched.valueSerde()));
    StoriesTopology.addTo(builder, stream, TOPICS.stories(), Duration.ofDays(30), StateStores.rocksDb());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "stories-" + name);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
    TopologyTestDriver driver = new TopologyTestDriver(builder.build(props), props);
    return new Driver(driver, driver.createInputTopic(enriched.name(), enriched.keySerde().serializer(),
        enriched.valueSerde().serializer()), driver.createOutputTopic(TOPICS.stories().name(),
        TOPICS.stories().keySerde().deserializer(), TOPICS.stories().valueSerde().deserializer()));
  }

  private static EnrichedArticle en(EnrichedArticle a) {
    return EnrichedArticle.newBuilder(a).setLanguage("en").build();
  }

  private static EnrichedArticle zh(EnrichedArticle a) {
    return EnrichedArticle.newBuilder(a).setLanguage("zh").build();
  }
}
