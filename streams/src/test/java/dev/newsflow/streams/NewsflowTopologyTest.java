package dev.newsflow.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.DeadLetter;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Mention;
import dev.newsflow.testkit.InvalidUtf8;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.Topics;
import java.nio.file.Path;
import java.time.Instant;
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
    NewsflowConfig config = NewsflowConfig.builder()
        .set(NewsflowConfig.STATE_DIR, stateDir.toString())
        .set(NewsflowConfig.BOOTSTRAP_SERVERS, "unused:9092")
        .build();
    Properties props = NewsflowStreams.streamsConfig(config);
    driver = new TopologyTestDriver(NewsflowTopology.build(topics, props), props);
    companies = input(topics.companies());
    articles = input(topics.articlesRaw());
    enriched = output(topics.articlesEnriched());
    summaries = output(topics.companySummary());
    deadLetters = output(topics.deadLetters());

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

  private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
    return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }
}
