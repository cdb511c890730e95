package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.metrics.StageMetrics;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.producer.http.IngestServer;
import dev.newsflow.producer.http.IngestSettings;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.DeadLetter;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.NewsflowStreams;
import dev.newsflow.streams.NewsflowTopology;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One article contract, four doors: the same hostile and borderline articles go to {@code import --dry-run},
 * to {@code ingest-server} over real HTTP, to {@code enrich}, and to the streams topology (test driver), and
 * each door gives each article the verdict written here: taken, or refused with the same words
 * ({@code field: message}) and, in the dead letter, the same error type. Before the verdict had one owner,
 * streams and {@code enrich} took what import and ingest refused (a {@code javascript:}, {@code data:} or
 * relative link, a padded or 513-character id, a 4,097-character url, a 10,001-character source or author,
 * an empty or white-space title), streams refused a body at the limit once its control characters were
 * removed, which the producer took; import and ingest took a title of control characters only and
 * published it empty; and import and enrich refused a line holding a real U+FFFD, which ingest took. And
 * every door took an article dated in the year 9999, which moved the streams application's event-time
 * clocks so far ahead that every later article was late in its activity windows.
 */
class ArticleContractTest {
  private static final String ACCEPTED = "accepted";
  private static final Instant START = Instant.parse("2026-03-10T10:00:00Z");
  private static final Company UNITREE = Company.newBuilder().setId("unitree").setName("Unitree Robotics").build();

  @TempDir Path dir;

  /** An article and what every door must answer: {@code accepted}, or the refusal's words and dead-letter type. */
  private record Case(String name, Article article, String verdict, String errorType) {}

  private static Article.Builder article(String id, int minute) {
    return Article.newBuilder().setId(id).setTitle("Unitree ships a humanoid robot")
        .setBody("Unitree Robotics said on Tuesday that its humanoid robot ships in May.")
        .setUrl("https://example.com/news/" + id).setSource("Example Wire").setLanguage("en").setAuthor("A. Writer")
        .setPublishedAt(START.plusSeconds(60L * minute));
  }

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    int[] minute = {0};
    class Cases {
      void accepted(String name, Article.Builder a) {
        cases.add(new Case(name, a.build(), ACCEPTED, null));
      }

      void refused(String name, Article.Builder a, String errorType, String words) {
        cases.add(new Case(name, a.build(), words, errorType));
      }

      /** A url that is not an absolute http(s) URL: the words quote it back. */
      void refusedUrl(String name, String id, String url) {
        refused(name, next(id).setUrl(url), "INVALID_ARTICLE", "url: must be an absolute http(s) URL, got '" + url + "'");
      }

      Article.Builder next(String id) {
        return article(id, minute[0]++);
      }
    }
    Cases c = new Cases();
    c.accepted("ordinary", c.next("ordinary"));
    c.accepted("no url, source, language, author or date", c.next("bare").setUrl(null).setSource(null)
        .setLanguage(null).setAuthor(null).setPublishedAt(null));
    c.accepted("empty body", c.next("empty-body").setBody(""));
    c.accepted("body at the limit", c.next("body-200000").setBody("x".repeat(200_000)));
    c.refused("body one over the limit", c.next("body-200001").setBody("y".repeat(200_001)),
        "OVERSIZED_ARTICLE", "body: is 200001 characters; the limit is 200000");
    c.refused("body of 300,000", c.next("body-300000").setBody("z".repeat(300_000)),
        "OVERSIZED_ARTICLE", "body: is 300000 characters; the limit is 200000");
    c.accepted("body at the limit once its control characters are removed",
        c.next("body-controls").setBody("w".repeat(200_000) + "\u0000\u0001\u0007\u001b\u007f"));
    c.accepted("body of 100,000 emoji: 200,000 UTF-16 characters", c.next("body-emoji").setBody("😀".repeat(100_000)));
    c.accepted("title at the limit", c.next("title-1000").setTitle("t".repeat(1_000)));
    c.refused("title one over the limit", c.next("title-1001").setTitle("t".repeat(1_001)),
        "OVERSIZED_ARTICLE", "title: is 1001 characters; the limit is 1000");
    c.refused("empty title with a body", c.next("no-title").setTitle(""),
        "INVALID_ARTICLE", "title: must not be blank");
    c.refused("title of white space", c.next("blank-title").setTitle(" \t "),
        "INVALID_ARTICLE", "title: must not be blank");
    c.refused("title of control characters only", c.next("control-title").setTitle("\u0000\u0008"),
        "INVALID_ARTICLE", "title: must not be blank");
    c.refused("neither title nor body", c.next("nothing").setTitle("").setBody(""),
        "INVALID_ARTICLE", "title: must not be blank");
    c.refused("blank id", c.next("   "), "INVALID_ARTICLE", "id: must not be blank");
    c.refused("id of control characters only", c.next("\u0000\u0001"), "INVALID_ARTICLE", "id: must not be blank");
    c.refused("id with white space around it", c.next(" padded "),
        "INVALID_ARTICLE", "id: must not start or end with white space");
    c.accepted("id at the limit", c.next("i".repeat(512)));
    c.refused("id one over the limit", c.next("j".repeat(513)),
        "OVERSIZED_ARTICLE", "id: is 513 characters; the limit is 512");
    c.refusedUrl("javascript: url", "javascript", "javascript:alert(document.cookie)");
    c.refusedUrl("data: url", "data-url", "data:text/html;base64,PHNjcmlwdD4=");
    c.refusedUrl("relative url", "relative", "/news/1");
    String longUrl = "https://example.com/" + "a".repeat(4_096 - 20);
    c.accepted("url at the limit", c.next("url-4096").setUrl(longUrl));
    c.refused("url one over the limit", c.next("url-4097").setUrl(longUrl + "b"),
        "OVERSIZED_ARTICLE", "url: is 4097 characters; the limit is 4096");
    c.accepted("url with tracking and odd characters", c.next("odd-url")
        .setUrl("HTTPS://Example.COM:443/café menu?q=a|b&utm_source=x#top"));
    c.refused("source one over the limit", c.next("long-source").setSource("s".repeat(10_001)),
        "OVERSIZED_ARTICLE", "source: is 10001 characters; the limit is 10000");
    c.refused("author one over the limit", c.next("long-author").setAuthor("a".repeat(10_001)),
        "OVERSIZED_ARTICLE", "author: is 10001 characters; the limit is 10000");
    c.accepted("unknown language", c.next("klingon").setLanguage("tlh-x-not-a-language!"));
    c.accepted("control characters in title and body", c.next("controls")
        .setTitle("Unitree\u0000 ships\u0007 a robot\r\n").setBody("Line one.\r\nLine two.\u000b\u001f"));
    c.accepted("text decoded from bad bytes: replacement characters, mojibake, C1 controls, a lone surrogate",
        c.next("bad-bytes").setTitle("Caf\uFFFD \u0093quoted\u0094 Ã©tÃ©").setBody("broken \uD800 pair \uDC00 end"));
    // Accepted at every door until a real broker refused its time inside streams ("Timestamp may not be
    // negative"), dead-lettered as a malformed record of an internal topic with no key.
    c.refused("published before 1970", c.next("old").setPublishedAt(Instant.parse("1969-07-20T20:17:40Z")),
        "INVALID_ARTICLE", "publishedAt: must be 1970-01-01T00:00:00Z or later (a Kafka record's time cannot be "
            + "earlier), got 1969-07-20T20:17:40Z");
    c.accepted("published in 1970", c.next("epoch").setPublishedAt(Instant.EPOCH));
    // The future is judged against the moment each door sees the article (the clock; in streams the record's
    // timestamp, which the test driver sets to the clock): up to articles.max.future (1d) ahead is taken.
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    c.accepted("published an hour ahead", c.next("hour-ahead").setPublishedAt(now.plus(Duration.ofHours(1))));
    Instant twoDays = now.plus(Duration.ofDays(2));
    c.refused("published two days ahead", c.next("two-days-ahead").setPublishedAt(twoDays), "INVALID_ARTICLE",
        "publishedAt: must be at most 1d after the article arrives (articles.max.future), got " + twoDays);
    // Once taken, it moved stream time to the year 9999, after which every other article was late in its window.
    c.refused("published in the far future", c.next("far-future").setPublishedAt(Instant.parse("9999-12-31T23:59:59Z")),
        "INVALID_ARTICLE", "publishedAt: must be at most 1d after the article arrives (articles.max.future), got "
            + "9999-12-31T23:59:59Z");
    c.accepted("ordinary, after the far future", c.next("after-far-future"));
    return cases;
  }

  @Test
  void everyDoorGivesEveryArticleTheSameVerdict() throws Exception {
    List<Case> cases = cases();
    Map<String, String> expected = new LinkedHashMap<>();
    Map<String, String> expectedTypes = new LinkedHashMap<>();
    for (Case c : cases) {
      expected.put(c.name(), c.verdict());
      if (c.errorType() != null) {
        expectedTypes.put(c.name(), c.errorType());
      }
    }
    Path articles = dir.resolve("articles.ndjson");
    Files.writeString(articles, cases.stream().map(c -> jsonLine(c.article()) + "\n").collect(Collectors.joining()));
    Path companies = Files.writeString(dir.resolve("companies.ndjson"), CanonicalJson.write(UNITREE) + "\n");

    Map<String, String> imported = importDryRun(cases, articles);
    Map<String, String> ingested = ingestServer(cases, articles);
    Map<String, String> enriched = enrich(cases, companies, articles);
    Map<String, String> streamTypes = new LinkedHashMap<>();
    Map<String, String> streamed = streams(cases, streamTypes);

    assertAll(
        () -> assertEquals(expected, imported, "import --dry-run"),
        () -> assertEquals(expected, ingested, "ingest-server"),
        () -> assertEquals(expected, enriched, "enrich"),
        () -> assertEquals(expected, streamed, "streams"),
        () -> assertEquals(expectedTypes, streamTypes, "the dead letters' error types"));
  }

  /** {@code import --dry-run}: taken articles are printed on stdout, refusals on stderr as {@code FILE:line N: ...}. */
  private Map<String, String> importDryRun(List<Case> cases, Path articles) throws IOException {
    InProcess run = InProcess.run("import", "--dry-run", "--kind", "article", articles.toString());
    Map<Integer, String> refusals = refusals(run.err(), Pattern.compile(":line (\\d+): (?:invalid Article: )?(.*)$"));
    return verdicts(cases, ids(run.out()), refusals);
  }

  /** {@code enrich}: enriched articles on stdout, refusals on stderr as {@code newsflow: refused FILE:N: ...}. */
  private Map<String, String> enrich(List<Case> cases, Path companies, Path articles) throws IOException {
    InProcess run = InProcess.run("enrich", "--companies", companies.toString(), "--input", articles.toString());
    Map<Integer, String> refusals = refusals(run.err(), Pattern.compile("^newsflow: refused .*:(\\d+): (?:invalid Article: )?(.*)$"));
    return verdicts(cases, ids(run.out()), refusals);
  }

  /**
   * {@code ingest-server} over HTTP, the whole file as one NDJSON batch. No broker listens (a closed port),
   * so a record that passes the checks is answered {@code failed} (the cluster did not answer) rather than
   * {@code accepted}: either way the door took it; a refused record is {@code rejected} with its errors.
   */
  private Map<String, String> ingestServer(List<Case> cases, Path articles) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    NewsflowConfig config = NewsflowConfig.builder()
        .set(NewsflowConfig.BOOTSTRAP_SERVERS, "127.0.0.1:" + closedPort)
        .set(RecordPublisher.PUBLISH_TIMEOUT, "2s")
        .set(IngestSettings.PORT, "0").build();
    JsonNode answer;
    try (RecordPublisher publisher = new RecordPublisher(config);
        IngestServer server = new IngestServer(IngestSettings.from(config), publisher, config.topics(),
            StageMetrics.newRegistry()).start()) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + server.port() + IngestServer.ARTICLES))
          .header("Content-Type", "application/x-ndjson")
          .POST(HttpRequest.BodyPublishers.ofFile(articles)).build(), HttpResponse.BodyHandlers.ofString());
      answer = CanonicalJson.mapper().readTree(response.body());
      assertTrue(answer.has("results"), response.statusCode() + " " + response.body());
    }
    Map<String, String> verdicts = new LinkedHashMap<>();
    for (JsonNode result : answer.get("results")) {
      String name = cases.get(result.get("index").asInt() - 1).name();
      if (result.get("status").asText().equals("rejected")) {
        List<String> errors = new ArrayList<>();
        result.get("errors").forEach(e -> errors.add(e.get("field").asText() + ": " + e.get("message").asText()));
        verdicts.put(name, String.join("; ", errors));
      } else {
        verdicts.put(name, ACCEPTED);
      }
    }
    return inCaseOrder(cases, verdicts);
  }

  /**
   * The whole streams topology on the test driver: an article taken comes out on articles.enriched under its
   * id, one refused becomes a dead letter of the check stage whose reason ends with the refusal's words.
   */
  private Map<String, String> streams(List<Case> cases, Map<String, String> errorTypes) {
    Topics topics = Topics.defaults();
    NewsflowConfig config = NewsflowConfig.builder().set(NewsflowConfig.STATE_DIR, dir.resolve("state").toString())
        .set(NewsflowConfig.BOOTSTRAP_SERVERS, "unused:9092").build();
    Properties props = NewsflowStreams.streamsConfig(config);
    Map<String, String> verdicts = new LinkedHashMap<>();
    try (TopologyTestDriver driver = new TopologyTestDriver(NewsflowTopology.build(topics, props), props)) {
      input(driver, topics.companies()).pipeInput(UNITREE.getId(), UNITREE);
      TestInputTopic<String, Article> raw = input(driver, topics.articlesRaw());
      TestOutputTopic<String, EnrichedArticle> enriched = output(driver, topics.articlesEnriched());
      TestOutputTopic<String, DeadLetter> letters = output(driver, topics.deadLetters());
      for (Case c : cases) {
        raw.pipeInput(c.article().getId(), c.article());
        boolean taken = enriched.readKeyValuesToList().stream().anyMatch(kv -> kv.key.equals(c.article().getId()));
        List<DeadLetter> refused = letters.readValuesToList().stream()
            .filter(l -> l.getStage().equals("streams:check-articles")).toList();
        assertTrue(!taken || refused.isEmpty(), c.name() + ": enriched and dead-lettered");
        if (taken) {
          verdicts.put(c.name(), ACCEPTED);
        } else if (refused.size() == 1) {
          String reason = refused.get(0).getReason();
          verdicts.put(c.name(), reason.substring(reason.indexOf(": ") + 2)); // after "article ID: "
          errorTypes.put(c.name(), refused.get(0).getErrorType());
        } else {
          verdicts.put(c.name(), "neither enriched nor dead-lettered once: " + refused);
        }
      }
    }
    return verdicts;
  }

  private static <V> TestInputTopic<String, V> input(TopologyTestDriver driver, Topic<String, V> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  private static <V> TestOutputTopic<String, V> output(TopologyTestDriver driver, Topic<String, V> topic) {
    return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  /** The canonical JSON of {@code article} on one line, surrogates escaped so that a lone one survives as JSON text. */
  private static String jsonLine(Article article) {
    String json = CanonicalJson.write(article);
    StringBuilder out = new StringBuilder(json.length());
    for (char ch : json.toCharArray()) {
      if (Character.isSurrogate(ch)) {
        out.append(String.format("\\u%04x", (int) ch));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  /** The ids of the JSON records printed one per line. */
  private static List<String> ids(String stdout) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      if (!line.isBlank()) {
        ids.add(CanonicalJson.mapper().readTree(line).get("id").asText());
      }
    }
    return ids;
  }

  /** The refusal words by line number, from the lines of {@code stderr} that {@code pattern} (line, words) matches. */
  private static Map<Integer, String> refusals(String stderr, Pattern pattern) {
    Map<Integer, String> refusals = new LinkedHashMap<>();
    for (String line : stderr.split("\n")) {
      Matcher m = pattern.matcher(line.strip());
      if (m.find()) {
        refusals.put(Integer.parseInt(m.group(1)), m.group(2));
      }
    }
    return refusals;
  }

  /** Each case's verdict from the ids a door printed and the refusals it reported by line. */
  private static Map<String, String> verdicts(List<Case> cases, List<String> takenIds, Map<Integer, String> refusals) {
    Map<String, String> verdicts = new LinkedHashMap<>();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      boolean taken = takenIds.contains(c.article().getId());
      String refusal = refusals.get(i + 1);
      verdicts.put(c.name(), taken && refusal == null ? ACCEPTED
          : refusal != null && !taken ? refusal : "taken " + taken + " and refused " + refusal);
    }
    return verdicts;
  }

  private static Map<String, String> inCaseOrder(List<Case> cases, Map<String, String> verdicts) {
    Map<String, String> ordered = new LinkedHashMap<>();
    cases.forEach(c -> ordered.put(c.name(), verdicts.getOrDefault(c.name(), "no answer")));
    return ordered;
  }
}
