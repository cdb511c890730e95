package dev.newsflow.streams;

import static dev.newsflow.streams.DriverSetup.input;
import static dev.newsflow.streams.DriverSetup.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.contract.PublishedAtRule;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.CompanyActivity;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.DeadLetter;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Mention;
import dev.newsflow.streams.aggregate.AggregationSettings;
import dev.newsflow.streams.enrich.DedupSettings;
import dev.newsflow.testkit.InvalidUtf8;
import dev.newsflow.topic.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewsflowTopologyTest {
  @TempDir Path stateDir;

  private final Topics topics = Topics.defaults();
  private TopologyTestDriver driver;
  private TestInputTopic<String, Company> companies;
  private TestInputTopic<String, Article> articles;
  private TestOutputTopic<String, EnrichedArticle> enriched;
  private TestOutputTopic<String, CompanySummary> summaries;
  private TestOutputTopic<String, DeadLetter> deadLetters;

  @BeforeEach
  void setUp() {
    Properties props = DriverSetup.props(stateDir);
    driver = new TopologyTestDriver(NewsflowTopology.build(topics, props), props);
    companies = input(driver, topics.companies());
    articles = input(driver, topics.articlesRaw());
    enriched = output(driver, topics.articlesEnriched());
    summaries = output(driver, topics.companySummary());
    deadLetters = output(driver, topics.deadLetters());

    companies.pipeInput("bytedance", company("bytedance", "ByteDance", List.of("字节跳动"), List.of("Seedance", "Doubao")));
    companies.pipeInput("alibaba", company("alibaba", "Alibaba Group", List.of("Alibaba", "阿里巴巴"), List.of("Qwen", "通义千问")));
    companies.pipeInput("unitree", company("unitree", "Unitree Robotics", List.of("Unitree", "宇树科技"), List.of()));
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void linksCompaniesByNameChineseAliasAndProductAndCountsThem() {
    articles.pipeInput("a1", article("a1", "ByteDance unveils Seedance 2.0", "The Seedance model from 字节跳动 generates video."));
    articles.pipeInput("a2", article("a2", "阿里巴巴发布通义千问3.5", "阿里巴巴 said Qwen 3.5 beats its rivals; 字节跳动 declined to comment."));

    Map<String, List<String>> linked = enriched.readKeyValuesToList().stream().collect(Collectors.toMap(
        kv -> kv.key, kv -> kv.value.getMentions().stream().map(m -> m.getCompanyId() + "x" + m.getCount()).toList(),
        (a, b) -> b, LinkedHashMap::new));
    assertEquals(Map.of("a1", List.of("bytedancex4"), "a2", List.of("alibabax4", "bytedancex1")), linked);

    assertEquals(Map.of(
            "bytedance", summary("bytedance", "ByteDance", 2, 5),
            "alibaba", summary("alibaba", "Alibaba Group", 1, 4)),
        latestSummaries());
    assertTrue(deadLetters.isEmpty());
  }

  @Test
  void anArticleSeenAgainUnchangedIsNotCountedTwice() {
    Article a = article("a1", "Unitree shows a new humanoid", "Unitree's H2 walks.");
    articles.pipeInput("a1", a);
    articles.pipeInput("a1", a);

    assertEquals(1, enriched.readValuesToList().size());
    assertEquals(Map.of("unitree", summary("unitree", "Unitree Robotics", 1, 2)), latestSummaries());
  }

  @Test
  void aRevisionMovesTheCountsByTheDifference() {
    articles.pipeInput("a1", article("a1", "Unitree and ByteDance", "Unitree. ByteDance."));
    articles.pipeInput("a1", article("a1", "Unitree alone", "Unitree."));

    Map<String, String> latest = latestSummaries();
    assertEquals(summary("unitree", "Unitree Robotics", 1, 2), latest.get("unitree"));
    assertEquals(summary("bytedance", "ByteDance", 0, 0), latest.get("bytedance"));
  }

  @Test
  void anArticleKeyedOtherwiseIsRekeyedById() {
    articles.pipeInput((String) null, article("a9", "Qwen tops a leaderboard", "Qwen again."));
    List<KeyValue<String, EnrichedArticle>> out = enriched.readKeyValuesToList();
    assertEquals(1, out.size());
    assertEquals("a9", out.get(0).key);
  }

  @Test
  void anInvalidArticleGoesToTheDeadLetterTopicWithTheReason() {
    articles.pipeInput("bad", article("bad", " ", ""));
    articles.pipeInput("a1", article("a1", "Unitree", "Unitree."));

    List<DeadLetter> letters = deadLetters.readValuesToList();
    assertEquals(1, letters.size());
    DeadLetter letter = letters.get(0);
    assertEquals("INVALID_ARTICLE", letter.getErrorType());
    assertEquals("article bad: title: must not be blank", letter.getReason());
    assertEquals(topics.articlesRaw().name(), letter.getSourceTopic());
    assertEquals(0L, letter.getSourceOffset());
    assertEquals(List.of("a1"), enriched.readKeyValuesToList().stream().map(kv -> kv.key).toList());
  }

  /** The dead letter itself is asserted against the real broker (PipelineIT): the test driver drops it. */
  @Test
  void corruptBytesDoNotStopThePipeline() {
    TestInputTopic<String, byte[]> rawBytes = driver.createInputTopic(topics.articlesRaw().name(),
        new StringSerializer(), new ByteArraySerializer());
    byte[] garbage = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9};
    rawBytes.pipeInput("x", garbage);
    articles.pipeInput("a1", article("a1", "ByteDance", "ByteDance."));

    assertEquals(List.of("a1"), enriched.readKeyValuesToList().stream().map(kv -> kv.key).toList());
  }

  /** Its dead letter is asserted on a real broker (DeadLetterIT), for the reason above. */
  @Test
  void anArticleWithInvalidUtf8IsRefusedNotRepairedWithReplacementCharacters() {
    TestInputTopic<String, byte[]> rawBytes = driver.createInputTopic(topics.articlesRaw().name(),
        new StringSerializer(), new ByteArraySerializer());
    rawBytes.pipeInput("bad", InvalidUtf8.inTitle(article("bad", "ByteDance", "ByteDance.")));
    articles.pipeInput("a1", article("a1", "ByteDance", "ByteDance."));

    assertEquals(List.of("a1"), enriched.readKeyValuesToList().stream().map(kv -> kv.key).toList());
  }

  @Test
  void aCompanyAddedLaterIsLinkedWithoutARestart() {
    articles.pipeInput("a1", article("a1", "Zhipu ships GLM-5", "Zhipu."));
    assertEquals(List.of(), enriched.readValuesToList().get(0).getMentions());

    companies.pipeInput("zhipu", company("zhipu", "Zhipu AI", List.of("Zhipu", "智谱"), List.of("GLM")));
    articles.pipeInput("a2", article("a2", "Zhipu ships GLM-5", "Zhipu."));
    List<Mention> mentions = enriched.readValuesToList().get(0).getMentions();
    assertEquals(List.of("zhipu"), mentions.stream().map(Mention::getCompanyId).toList());
  }

  /**
   * An article dated far ahead must not move the event-time clocks: refused at the check (judged against its
   * record's timestamp, here the clock's), it leaves the activity windows where they were, and the next
   * ordinary article counts in its hour instead of being dead-lettered as late.
   */
  @Test
  void aFarFutureArticleIsRefusedAndTheNextArticleStillCountsInItsHour() {
    FutureRun run = afterAnArticleDated(Instant.parse("9999-12-31T23:59:59Z"), Duration.ofDays(1));
    assertEquals(List.of("streams:check-articles INVALID_ARTICLE article ahead: publishedAt: must be at most 1d after "
        + "the article arrives (articles.max.future), got 9999-12-31T23:59:59Z"), run.letters());
    assertEquals(1, run.activity().get("unitree@2026-02-10T08:00:00Z/1h").getArticleCount());
  }

  /** The damage the check prevents: a tolerance wide enough to take a date 300 days ahead makes the next article late. */
  @Test
  void aFutureArticleThatIsTakenMakesTheNextArticleLate() {
    FutureRun run = afterAnArticleDated(NOW.plus(Duration.ofDays(300)), Duration.ofDays(366));
    assertEquals(List.of("LATE_RECORD"), run.letters().stream().map(l -> l.split(" ")[1]).distinct().toList(),
        run.letters().toString());
    assertTrue(!run.activity().containsKey("unitree@2026-02-10T08:00:00Z/1h"), run.activity().keySet().toString());
  }

  private static final Instant NOW = Instant.parse("2026-02-10T09:00:00Z");

  /** Dead letters as "stage type reason", and the latest activity per window key. */
  private record FutureRun(List<String> letters, Map<String, CompanyActivity> activity) {}

  /**
   * A topology whose clock stands at {@link #NOW}, fed (records stamped {@code NOW}) an article about Unitree
   * dated {@code ahead}, then one published at 08:30 the same morning.
   */
  private FutureRun afterAnArticleDated(Instant ahead, Duration maxFuture) {
    Properties props = DriverSetup.props(stateDir.resolve("future"));
    PublishedAtRule rule = new PublishedAtRule(maxFuture, Clock.fixed(NOW, ZoneOffset.UTC));
    try (TopologyTestDriver future = new TopologyTestDriver(NewsflowTopology.build(topics, AggregationSettings.defaults(),
        DedupSettings.defaults(), rule, props), props)) {
      input(future, topics.companies()).pipeInput("unitree", company("unitree", "Unitree Robotics", List.of("Unitree"), List.of()));
      TestInputTopic<String, Article> in = input(future, topics.articlesRaw());
      Article aheadArticle = article("ahead", "Unitree ships a robot", "Unitree said so.");
      aheadArticle.setPublishedAt(ahead);
      in.pipeInput("ahead", aheadArticle, NOW);
      Article ordinary = article("ordinary", "Unitree opens a factory", "Unitree opened a factory.");
      ordinary.setPublishedAt(Instant.parse("2026-02-10T08:30:00Z"));
      in.pipeInput("ordinary", ordinary, NOW);
      future.advanceWallClockTime(Duration.ofSeconds(1)); // the live activity windows are published each second
      List<String> letters = output(future, topics.deadLetters()).readValuesToList().stream().map(l -> l.getStage() + " " + l.getErrorType() + " " + l.getReason()).toList();
      Map<String, CompanyActivity> activity = new LinkedHashMap<>();
      output(future, topics.companyActivity()).readKeyValuesToList().forEach(kv -> activity.put(kv.key, kv.value));
      return new FutureRun(letters, activity);
    }
  }

  /** The latest summary per company, as "name: articles/mentions" (the aggregation's own tests check the rest). */
  private Map<String, String> latestSummaries() {
    Map<String, String> latest = new LinkedHashMap<>();
    for (KeyValue<String, CompanySummary> kv : summaries.readKeyValuesToList()) {
      latest.put(kv.key, summary(kv.value.getCompanyId(), kv.value.getName(), kv.value.getArticleCount(),
          kv.value.getMentionCount()));
    }
    return latest;
  }

  static String summary(String id, String name, long articles, long mentions) {
    return id + " (" + name + "): " + articles + " articles, " + mentions + " mentions";
  }

  static Company company(String id, String name, List<String> aliases, List<String> products) {
    return Company.newBuilder().setId(id).setName(name).setAliases(aliases).setProducts(products).build();
  }

  static Article article(String id, String title, String body) {
    return Article.newBuilder().setId(id).setTitle(title).setBody(body)
        .setPublishedAt(Instant.parse("2026-02-10T08:00:00Z")).build();
  }
}
