package dev.newsflow.consumer;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.schema.Alert;
import dev.newsflow.schema.CompanyActivity;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Headline;
import dev.newsflow.schema.Mention;
import dev.newsflow.schema.ReleaseRef;
import dev.newsflow.schema.TopicScore;
import dev.newsflow.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes records the way the pipeline would, and builds deterministic ones for the consumer tests. */
public final class TestRecords implements AutoCloseable {
  public static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  private final KafkaProducer<String, byte[]> producer;

  public TestRecords(NewsflowConfig config) {
    Map<String, Object> props = new HashMap<>(config.kafkaProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends one record and waits for the broker to have it. */
  public <V> void send(Topic<String, V> topic, String key, V value) {
    sendRaw(topic.name(), key, value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value),
        null);
  }

  public <V> void send(Topic<String, V> topic, String key, V value, Instant timestamp) {
    sendRaw(topic.name(), key, value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value),
        timestamp);
  }

  public void sendRaw(String topic, String key, byte[] value, Instant timestamp) {
    try {
      producer.send(new ProducerRecord<>(topic, null, timestamp == null ? null : timestamp.toEpochMilli(), key, value))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot publish to " + topic, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  /** The {@code version}-th summary of a company: every number depends on both, so versions differ. */
  public static CompanySummary summary(String companyId, int version) {
    return CompanySummary.newBuilder()
        .setCompanyId(companyId)
        .setName("Company " + companyId.toUpperCase())
        .setArticleCount(version * 3L)
        .setMentionCount(version * 7L)
        .setLast24hArticles(version)
        .setTrendScore(version / 4.0)
        .setSentiment(version % 2 == 0 ? 0.25 : -0.5)
        .setTopTopics(List.of("ai", "chips"))
        .setLatestReleases(List.of(ReleaseRef.newBuilder()
            .setId(companyId + "-r" + version).setProduct("Model").setVersion(version + ".0")
            .setReleasedAt(T0.plus(Duration.ofHours(version))).setUrl("https://example.com/" + companyId + "/" + version)
            .setFirstOfFamily(version == 1).build()))
        .setLatestHeadlines(List.of(Headline.newBuilder()
            .setArticleId(companyId + "-a" + version).setTitle("Headline " + version + " about " + companyId)
            .setUrl("https://news.example.com/" + companyId + "/" + version).setSource("Example Wire")
            .setPublishedAt(T0.plus(Duration.ofMinutes(version))).setSalience(0.8).build()))
        .setUpdatedAt(T0.plus(Duration.ofSeconds(version)))
        .build();
  }

  /** An enriched article about the given companies with the given title. */
  public static EnrichedArticle article(String id, String title, String url, Instant publishedAt, String topic,
      double salience, String... companyIds) {
    return EnrichedArticle.newBuilder()
        .setId(id)
        .setTitle(title)
        .setBody("Body of " + id + ".")
        .setUrl(url)
        .setSource("Example Wire")
        .setPublishedAt(publishedAt)
        .setLanguage("en")
        .setMentions(java.util.Arrays.stream(companyIds).map(c -> Mention.newBuilder()
            .setCompanyId(c).setAlias(c).setCount(2).setSalience(salience).setInTitle(true).build()).toList())
        .setTopics(topic == null ? List.of() : List.of(TopicScore.newBuilder().setTopic(topic).setScore(0.9).build()))
        .setStoryId("story-" + id)
        .setEnrichmentVersion("test")
        .build();
  }

  /**
   * A live value of a company's activity window ({@code window} "1h" or "24h") starting at {@code start},
   * as the streams application publishes it to {@code company.activity}.
   */
  public static CompanyActivity activity(String companyId, String window, Instant start, long articles) {
    Duration size = window.equals("1h") ? Duration.ofHours(1) : Duration.ofHours(24);
    return CompanyActivity.newBuilder()
        .setCompanyId(companyId)
        .setWindow(window)
        .setWindowStart(start)
        .setWindowEnd(start.plus(size))
        .setArticleCount(articles)
        .setSourceCount(Math.min(articles, 1))
        .setStoryCount(articles)
        .setUpdatedAt(start)
        .build();
  }

  /** The key of an activity window on {@code company.activity}: {@code companyId@windowStart/window}. */
  public static String activityKey(CompanyActivity window) {
    return window.getCompanyId() + "@" + window.getWindowStart() + "/" + window.getWindow();
  }

  public static Alert alert(String id, String ruleId, String companyId, String title) {
    return Alert.newBuilder()
        .setId(id)
        .setRuleId(ruleId)
        .setRuleType("NEW_RELEASE")
        .setCompanyId(companyId)
        .setTitle(title)
        .setMessage("Details of " + id)
        .setFiredAt(T0)
        .setEvidence(List.of("a-" + id))
        .setMetrics(Map.of("mentions", 12.0))
        .setSeverity("high")
        .build();
  }
}
