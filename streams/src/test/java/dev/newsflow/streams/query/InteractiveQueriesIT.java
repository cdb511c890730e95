package dev.newsflow.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.streams.NewsflowStreams;
import dev.newsflow.streams.aggregate.AggregationSettings;
import dev.newsflow.streams.state.QueryableStores;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.TestTopics;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the streams application share the work (three partitions) on a real broker; each
 * answers every interactive query correctly, whichever instance holds the company asked about.
 */
class InteractiveQueriesIT {
  static final String[][] COMPANIES = {
      {"acorn", "Acorn Labs"}, {"birch", "Birch Systems"}, {"cedar", "Cedar Motors"}, {"dune", "Dune Energy"},
      {"elm", "Elm Foods"}, {"fjord", "Fjord Bank"}, {"grove", "Grove Media"}, {"harbor", "Harbor Ships"},
      {"iris", "Iris Optics"}, {"juniper", "Juniper Air"}, {"kestrel", "Kestrel Games"}, {"lotus", "Lotus Health"}};
  static final Instant HOUR = Instant.parse("2026-02-10T10:00:00Z");
  /** Both instances require it, and pass it on when one forwards a query to the other. */
  static final String TOKEN = "query-token-for-the-test";

  @TempDir Path workDir;
  private final List<NewsflowStreams> instances = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void tearDown() {
    instances.forEach(i -> i.close(Duration.ofSeconds(10)));
  }

  @Test
  void eitherInstanceAnswersForEveryCompanyAndTheTrendingListIsTheSameFromBoth() throws Exception {
    // 1. Topics on the shared broker, and two instances of one application with their own state.
    NewsflowConfig config = TestTopics.config("InteractiveQueriesIT", workDir, 3)
        .with(Map.of(NewsflowStreams.QUERY_PORT, "0", AggregationSettings.TREND_MIN_HISTORY, "0h",
            NewsflowStreams.QUERY_TOKEN, TOKEN));
    Topics topics = config.topics();
    for (String name : List.of("a", "b")) {
      NewsflowStreams instance = new NewsflowStreams(config.with(NewsflowConfig.STATE_DIR, workDir.resolve(name).toString()));
      instances.add(instance);
    }
    try (KafkaProducer<byte[], byte[]> producer = producer(config)) {
      for (String[] c : COMPANIES) {
        send(producer, topics.companies(), c[0], Company.newBuilder().setId(c[0]).setName(c[1]).build(), null);
      }
      producer.flush();
      instances.forEach(NewsflowStreams::start);

      // 2. Wait until both run and share the partitions, so that queries must cross between them.
      Poll.until(Duration.ofSeconds(90), "both instances to own partitions", this::owners,
          owners -> owners.size() == 2 && instances.stream().allMatch(i -> i.kafkaStreams().state() == KafkaStreams.State.RUNNING));

      // 3. Company i gets i + 1 articles, all in one hour.
      int n = 0;
      for (int i = 0; i < COMPANIES.length; i++) {
        for (int k = 0; k <= i; k++) {
          Instant at = HOUR.plusSeconds(60L * (n % 50) + i);
          String id = "art-" + (++n);
          send(producer, topics.articlesRaw(), id, Article.newBuilder().setId(id)
              .setTitle(COMPANIES[i][1] + " news number " + k).setBody(COMPANIES[i][1] + " said so.")
              .setSource("Outlet " + (k % 3)).setPublishedAt(at).build(), at);
        }
      }
      producer.flush();
    }

    // 4. Every company is answered, correctly and identically, by both instances.
    List<String> urls = instances.stream().map(i -> base(i.queryAddress().orElseThrow())).toList();
    Poll.until(Duration.ofSeconds(90), "every summary to count its articles", () -> counts(urls.get(0)),
        counts -> counts.equals(expectedCounts()));
    Set<HostInfo> ownersSeen = new HashSet<>();
    for (int i = 0; i < COMPANIES.length; i++) {
      String id = COMPANIES[i][0];
      HostInfo owner = instances.get(0).kafkaStreams()
          .queryMetadataForKey(QueryableStores.SUMMARIES, id, Serdes.String().serializer()).activeHost();
      ownersSeen.add(owner);
      JsonNode fromA = get(urls.get(0) + "/v1/companies/" + id, 200);
      JsonNode fromB = get(urls.get(1) + "/v1/companies/" + id, 200);
      for (String url : urls) {
        assertEquals(owner.host() + ":" + owner.port(), servedBy(url + "/v1/companies/" + id),
            "the instance that holds " + id + " answers it, whichever was asked");
      }
      assertEquals(fromA, fromB, id);
      assertEquals(i + 1, fromA.get("articleCount").asInt(), id);
      assertEquals(i + 1, fromA.get("last24hArticles").asInt(), id);
      assertEquals(COMPANIES[i][1], fromA.get("name").asText());
      // The digest: in the summary, and on its own from either instance.
      JsonNode digest = get(urls.get(1) + "/v1/companies/" + id + "/digest", 200);
      assertEquals(fromA.get("digest"), digest.get("digest"), id);
      assertEquals(i + 1, digest.get("digest").get("day").get("articles").asInt(), id);

      // Activity windows answer with what was last published, at most a second behind the summary.
      int articles = i + 1;
      JsonNode hourA = Poll.until(Duration.ofSeconds(30), id + "'s hour to count its articles",
          () -> getOrFail(urls.get(0) + "/v1/companies/" + id + "/activity?window=1h"),
          hour -> hour.get("windows").size() == 1 && hour.get("windows").get(0).get("articleCount").asInt() == articles);
      assertEquals(hourA, get(urls.get(1) + "/v1/companies/" + id + "/activity?window=1h", 200));
      assertEquals(HOUR.toString(), hourA.get("windows").get(0).get("windowStart").asText());
      JsonNode dayB = get(urls.get(1) + "/v1/companies/" + id + "/activity?window=24h&limit=3", 200);
      assertEquals(1, dayB.get("windows").size(), "the trailing day: the day windows reaching past this hour are not live");
      JsonNode day = dayB.get("windows").get(0);
      assertEquals(HOUR.minus(Duration.ofHours(23)).toString(), day.get("windowStart").asText());
      assertEquals(articles, day.get("articleCount").asInt(), id);
    }
    assertEquals(2, ownersSeen.size(), "the companies are spread over both instances: " + ownersSeen);

    // 5. The trending list gathers both instances' companies: a score of i + 1 (no history: mean 0, stddev 1).
    JsonNode trendingA = get(urls.get(0) + "/v1/trending", 200);
    assertEquals(trendingA, get(urls.get(1) + "/v1/trending", 200));
    List<String> expected = new ArrayList<>();
    for (int i = COMPANIES.length - 1; i >= COMPANIES.length - 10; i--) {
      expected.add(COMPANIES[i][0] + "=" + (double) (i + 1));
    }
    List<String> actual = new ArrayList<>();
    trendingA.get("trending").forEach(t -> actual.add(t.get("companyId").asText() + "=" + t.get("trendScore").asDouble()));
    assertEquals(expected, actual);

    // 6. Clear answers for what cannot be answered.
    assertTrue(get(urls.get(1) + "/v1/companies/nobody", 404).get("error").asText().contains("no summary for company nobody"));
    assertTrue(get(urls.get(0) + "/v1/companies/nobody/digest", 404).get("error").asText()
        .contains("no summary for company nobody"));
    assertEquals("window must be 1h or 24h, got '7d'",
        get(urls.get(0) + "/v1/companies/acorn/activity?window=7d", 400).get("error").asText());
    assertEquals("limit must be a whole number from 1 to 500, got 0",
        get(urls.get(1) + "/v1/trending?limit=0", 400).get("error").asText());
    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(urls.get(0) + "/v1/companies/acorn")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode(), "query.token is required");
  }

  private String servedBy(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(authorized(url), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), url + " answered " + r.body());
    return r.headers().firstValue(QueryServer.SERVED_BY).orElse("(none)");
  }

  private static HttpRequest authorized(String url) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN).build();
  }

  private Set<HostInfo> owners() {
    Set<HostInfo> hosts = new HashSet<>();
    for (StreamsMetadata m : instances.get(0).kafkaStreams().metadataForAllStreamsClients()) {
      if (m.stateStoreNames().contains(QueryableStores.SUMMARIES) && !m.topicPartitions().isEmpty()) {
        hosts.add(m.hostInfo());
      }
    }
    return hosts;
  }

  private static Map<String, Integer> expectedCounts() {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < COMPANIES.length; i++) {
      m.put(COMPANIES[i][0], i + 1);
    }
    return m;
  }

  private Map<String, Integer> counts(String base) {
    Map<String, Integer> m = new HashMap<>();
    for (String[] c : COMPANIES) {
      try {
        HttpResponse<String> r = http.send(authorized(base + "/v1/companies/" + c[0]), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          m.put(c[0], json.readTree(r.body()).get("articleCount").asInt());
        }
      } catch (IOException e) {
        return Map.of("error", -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return m;
  }

  private JsonNode getOrFail(String url) {
    try {
      return get(url, 200);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode get(String url, int expectedStatus) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(authorized(url), HttpResponse.BodyHandlers.ofString());
    assertEquals(expectedStatus, r.statusCode(), url + " answered " + r.body());
    assertEquals("application/json;charset=utf-8",
        r.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase(java.util.Locale.ROOT));
    return json.readTree(r.body());
  }

  private static String base(HostInfo h) {
    return "http://" + h.host() + ":" + h.port();
  }

  private static KafkaProducer<byte[], byte[]> producer(NewsflowConfig config) {
    Map<String, Object> props = new HashMap<>(config.kafkaProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static <V> void send(KafkaProducer<byte[], byte[]> producer, Topic<String, V> topic, String key, V value,
      Instant at) {
    producer.send(new ProducerRecord<>(topic.name(), null, at == null ? null : at.toEpochMilli(),
        topic.keySerde().serializer().serialize(topic.name(), key), topic.valueSerde().serializer().serialize(topic.name(), value)));
  }
}
