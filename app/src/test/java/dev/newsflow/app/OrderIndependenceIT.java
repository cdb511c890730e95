package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import dev.newsflow.schema.AlertRule;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Release;
import dev.newsflow.schema.Story;
import dev.newsflow.streams.aggregate.AggregationSettings;
import dev.newsflow.testkit.DayOfNews;
import dev.newsflow.testkit.TestTopics;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.TopicSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The results do not depend on arrival order: the bundled sample and a seeded day of about 2,000 articles
 * for 50 companies, published in three different shuffles over three partitions of a real broker, through
 * the whole streams application. The enriched articles' dedup decisions (latest per id: id, duplicateOf,
 * storyId), the final summaries (latest per company on company.summary), the stories (latest per story on
 * stories) and every alert (its id, rule, company and story) are identical in all three.
 */
class OrderIndependenceIT {
  static final Path SAMPLE = Path.of("..", "data", "sample");
  /** Four seeded days on the same date: about 2,000 articles, retold stories, revisions and replays. */
  static final long[] SEEDS = {20260302L, 11L, 12L, 13L};

  @TempDir Path work;

  /** What is published: reference data first, then the news in a shuffled order. */
  record Dataset(List<Company> companies, List<AlertRule> rules, List<Object> news) {}

  @Test
  void theSampleAndASeededDayGiveTheSameSummariesAndAlertsInThreeShuffles() throws Exception {
    Dataset data = dataset();
    assertTrue(data.news().size() > 2_000, "news items: " + data.news().size());
    String first = null;
    for (int run = 0; run < 3; run++) {
      List<Object> news = new ArrayList<>(data.news());
      Collections.shuffle(news, new Random(1_000 + run));
      String result = run(data, news, work.resolve("run" + run), "order" + run);
      // Kept for a diff when the shuffles disagree: target/order-independence/shuffle-N.txt
      Path kept = Path.of("target", "order-independence", "shuffle-" + run + ".txt");
      Files.createDirectories(kept.getParent());
      Files.writeString(kept, result);
      if (first == null) {
        first = result;
      } else {
        assertEquals(first, result, "shuffle " + run + " against shuffle 0");
      }
    }
  }

  /** 1. configure, 2. reference data, 3. streams, 4. the news, 5. the whole output as text. */
  private static String run(Dataset data, List<Object> news, Path dir, String name) throws Exception {
    // An archive shuffled: its windows need the backfill grace, as in demo.
    NewsflowConfig config = AggregationSettings.forBackfill(TestTopics.config(name, dir, 3));
    try (Pipeline pipeline = new Pipeline(config);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.copyOf(config.kafkaProperties()),
            new ByteArraySerializer(), new ByteArraySerializer())) {
      data.companies().forEach(c -> send(producer, config.topics().companies(), c.getId(), c));
      data.rules().forEach(r -> send(producer, config.topics().alertRules(), r.getId(), r));
      producer.flush();
      pipeline.startStreams();
      for (Object item : news) {
        if (item instanceof Article a) {
          send(producer, config.topics().articlesRaw(), a.getId(), a);
        } else {
          Release r = (Release) item;
          send(producer, config.topics().releasesRaw(), r.getId(), r);
        }
      }
      producer.flush();
      pipeline.awaitProcessed(Duration.ofMinutes(10));

      Map<String, CompanySummary> summaries = new TreeMap<>(TopicSnapshot.read(config, config.topics().companySummary(),
          Duration.ofSeconds(60)));
      // The seeded days are templated text: some bucket keys are shared by hundreds of articles, more
      // than a bucket keeps (dedup.bucket.size), and the decisions must still not depend on the order.
      Map<String, EnrichedArticle> enriched = new TreeMap<>(TopicSnapshot.read(config, config.topics().articlesEnriched(),
          Duration.ofSeconds(60)));
      Map<String, Story> stories = new TreeMap<>(TopicSnapshot.read(config, config.topics().stories(),
          Duration.ofSeconds(60)));
      Set<String> alerts = new TreeSet<>();
      pipeline.alerts().forEach(a -> alerts.add(describe(a)));
      StringBuilder out = new StringBuilder();
      enriched.forEach((id, e) -> out.append("article ").append(id).append(" duplicateOf=").append(e.getDuplicateOf())
          .append(" story=").append(e.getStoryId()).append('\n'));
      summaries.forEach((id, s) -> out.append(id).append(" = ").append(CanonicalJson.write(s)).append('\n'));
      stories.forEach((id, s) -> out.append("story ").append(id).append(" = ").append(CanonicalJson.write(s)).append('\n'));
      alerts.forEach(a -> out.append(a).append('\n'));
      long repeats = enriched.values().stream().filter(e -> e.getDuplicateOf() != null).count();
      assertTrue(enriched.size() == news.stream().filter(Article.class::isInstance).count() && repeats > 100
          && summaries.size() > 60 && stories.size() > 100 && alerts.size() > 100, "the data exercises enough: "
          + enriched.size() + " articles (" + repeats + " repeats), " + summaries.size() + " summaries, " + stories.size()
          + " stories, " + alerts.size() + " alerts");
      return out.toString();
    }
  }

  private static String describe(Alert a) {
    return "alert " + a.getId() + " " + a.getRuleType() + " " + a.getRuleId() + " company=" + a.getCompanyId()
        + " story=" + a.getStoryId();
  }

  private static <V> void send(KafkaProducer<byte[], byte[]> producer, Topic<String, V> topic, String key, V value) {
    producer.send(new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), key),
        topic.valueSerde().serializer().serialize(topic.name(), value)));
  }

  /** The sample's files and the seeded days, as one set: each article and release once, in its last version. */
  private static Dataset dataset() throws IOException {
    Map<String, Company> companies = new LinkedHashMap<>();
    Map<String, AlertRule> rules = new LinkedHashMap<>();
    Map<String, Object> news = new LinkedHashMap<>();
    for (String line : lines(SAMPLE.resolve("companies.ndjson"))) {
      Company c = CanonicalJson.read(line, Company.class);
      companies.put(c.getId(), c);
    }
    for (String line : lines(SAMPLE.resolve("rules.ndjson"))) {
      AlertRule r = CanonicalJson.read(line, AlertRule.class);
      rules.put(r.getId(), r);
    }
    for (String line : lines(SAMPLE.resolve("articles.ndjson"))) {
      Article a = CanonicalJson.read(line, Article.class);
      news.put("article/" + a.getId(), a);
    }
    for (String line : lines(SAMPLE.resolve("releases.ndjson"))) {
      Release r = CanonicalJson.read(line, Release.class);
      news.put("release/" + r.getId(), r);
    }
    for (long seed : SEEDS) {
      DayOfNews day = DayOfNews.generate(seed);
      day.companies.forEach(c -> companies.put(c.getId(), c));
      day.rules.forEach(r -> rules.put(r.getId(), r));
      String prefix = "d" + seed + "-";
      for (DayOfNews.Input in : day.inputs) {
        if (in.article() != null) {
          EnrichedArticle e = in.article();
          news.put("article/" + prefix + e.getId(), Article.newBuilder().setId(prefix + e.getId()).setTitle(e.getTitle())
              .setBody(e.getBody()).setUrl(e.getUrl() + "-" + seed).setSource(e.getSource())
              .setPublishedAt(e.getPublishedAt()).setLanguage(e.getLanguage()).build());
        } else {
          Release r = Release.newBuilder(in.release()).setId(prefix + in.release().getId()).build();
          news.put("release/" + r.getId(), r);
        }
      }
    }
    return new Dataset(List.copyOf(companies.values()), List.copyOf(rules.values()), List.copyOf(news.values()));
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
  }
}
