package dev.newsflow.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.app.PipelineProgress;
import dev.newsflow.broker.LocalKafkaCluster;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.streams.NewsflowStreams;
import dev.newsflow.streams.NewsflowTopology;
import dev.newsflow.streams.aggregate.AggregationSettings;
import dev.newsflow.streams.query.QueryServer;
import dev.newsflow.testkit.Poll;
import dev.newsflow.topic.Topic;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three instances of the streams application, each its own JVM ({@code newsflow streams}), share the
 * work on a three-broker cluster with a standby replica of every store; one is killed (SIGKILL) mid-run.
 * The other two take over: every article is enriched exactly once, every company counted as a clean
 * run counts it, and the interactive queries answer from whichever instance owns a key, with 503 and
 * {@code Retry-After} while the dead instance's partitions have no owner.
 */
class ScaleOutIT {
  private static final Logger log = LoggerFactory.getLogger(ScaleOutIT.class);
  private static final int ARTICLES = 2_000;
  private static final long SEED = 31;
  private static final String TOKEN = "scale-out-query-token";

  @TempDir Path work;
  private final List<Instance> instances = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One {@code newsflow streams} JVM and where it answers queries. */
  private record Instance(String name, Process process, int port, Path log) {
    String url() {
      return "http://127.0.0.1:" + port;
    }

    String address() {
      return "127.0.0.1:" + port;
    }
  }

  @AfterEach
  void stopInstances() throws InterruptedException {
    for (Instance i : instances) {
      i.process().destroy(); // SIGTERM: a clean close, leaving the group
    }
    for (Instance i : instances) {
      if (!i.process().waitFor(30, TimeUnit.SECONDS)) {
        i.process().destroyForcibly();
      }
    }
  }

  @Test
  void theSurvivorsTakeOverWithNothingLostOrCountedTwiceAndQueriesFindEachKeysOwner() throws Exception {
    ExactlyOnce.News news = ExactlyOnce.News.seeded(30, SEED, ARTICLES);
    try (LocalKafkaCluster cluster = LocalKafkaCluster.builder(work.resolve("kafka")).build().start()) {
      // 1. configure: six partitions to share, a standby of every store, a session short enough to notice a death soon
      NewsflowConfig config = ClusterSettings.config(cluster, "scaleout", work, 6)
          .with(Map.of(
              "kafka.num.standby.replicas", "1",
              "kafka.session.timeout.ms", "15000",
              "kafka.heartbeat.interval.ms", "3000",
              NewsflowStreams.QUERY_HOST, "127.0.0.1",
              NewsflowStreams.QUERY_TOKEN, TOKEN));
      try (RecordPublisher publisher = new RecordPublisher(config);
          Admin admin = Admin.create(config.kafkaProperties())) {
        news.publishCompanies(publisher, config);

        // 2. three instances, until each runs and owns a share of the tasks
        for (String name : List.of("a", "b", "c")) {
          instances.add(start(name, config));
        }
        Poll.until(Duration.ofMinutes(6), "three instances each owning partitions",
            () -> owners(admin, config.applicationId()), owners -> owners.size() == 3 && owners.values().stream().allMatch(n -> n > 0));
        for (Instance i : instances) {
          Poll.until(Duration.ofMinutes(4), i.name() + " ready", () -> status(i.url() + "/health/ready") == 200);
        }

        // 3. the first half of the news, until every company is answered; note which instance owns which
        ExactlyOnce.send(publisher, config, news.articles(), 0, ARTICLES / 2);
        Instance asked = instances.get(0);
        Map<String, String> ownerOf = Poll.until(Duration.ofMinutes(10), "a summary of every company mentioned",
            () -> servedBy(asked, news.model().keySet()), m -> m.keySet().equals(news.model().keySet()));
        Set<String> owners = Set.copyOf(ownerOf.values());
        assertEquals(instances.stream().map(Instance::address).collect(Collectors.toSet()), owners,
            "each instance answers for the companies it owns, whichever instance was asked");

        // 4. kill one instance mid-run; its keys are 503 with Retry-After until the survivors own them
        Instance victim = instances.get(2);
        String orphan = ownerOf.entrySet().stream().filter(e -> e.getValue().equals(victim.address()))
            .map(Map.Entry::getKey).findFirst().orElseThrow();
        victim.process().destroyForcibly().waitFor();
        HttpResponse<String> meanwhile = get(asked.url() + "/v1/companies/" + orphan);
        assertEquals(503, meanwhile.statusCode(), meanwhile.body());
        assertTrue(meanwhile.headers().firstValue("Retry-After").isPresent(), "503 says when to retry");
        ExactlyOnce.send(publisher, config, news.articles(), ARTICLES / 2, ARTICLES);
        HttpResponse<String> after = Poll.until(Duration.ofMinutes(6), orphan + " answered by a survivor",
            () -> get(asked.url() + "/v1/companies/" + orphan), r -> r.statusCode() == 200);
        assertTrue(Set.of(instances.get(0).address(), instances.get(1).address())
            .contains(after.headers().firstValue(QueryServer.SERVED_BY).orElse("")));

        // 5. verify once the survivors have caught up: id sets, counts, and the same answers from both survivors
        awaitCaughtUp(admin, config);
        ExactlyOnce.Outcome outcome = ExactlyOnce.assertExactlyOnce(config, news.articles(), news.model());
        for (Instance survivor : instances.subList(0, 2)) {
          Map<String, Long> counted = new TreeMap<>();
          for (String company : news.model().keySet()) {
            HttpResponse<String> r = get(survivor.url() + "/v1/companies/" + company);
            assertEquals(200, r.statusCode(), r.body());
            counted.put(company, CanonicalJson.mapper().readTree(r.body()).get("articleCount").asLong());
          }
          assertEquals(news.model(), counted, "the counts " + survivor.name() + " answers");
        }
        log.info("scale-out: {}, instances killed 1", outcome.figures());
        System.out.println("ScaleOutIT: " + outcome.figures() + ", instances killed 1");
      }
    }
  }

  private Instance start(String name, NewsflowConfig config) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path dir = Files.createDirectories(work.resolve("instance-" + name));
    Map<String, String> settings = new TreeMap<>(config.asMap());
    settings.put(NewsflowConfig.STATE_DIR, dir.resolve("state").toString());
    StringBuilder text = new StringBuilder();
    settings.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
    Path file = Files.writeString(dir.resolve("newsflow.properties"), text.toString());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.newsflow.schema",
        "-cp", System.getProperty("java.class.path"),
        "dev.newsflow.app.Main", "streams", "--config", file.toString(), "--http-port", Integer.toString(port)));
    Path log = dir.resolve("streams.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return new Instance(name, process, port, log);
  }

  /** Members of the application's group and how many partitions each is assigned. */
  private static Map<String, Integer> owners(Admin admin, String group) {
    try {
      ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
      Map<String, Integer> owners = new LinkedHashMap<>();
      for (MemberDescription m : d.members()) {
        owners.merge(m.host() + "/" + m.clientId().replaceAll("-StreamThread.*", ""), m.assignment().topicPartitions().size(),
            Integer::sum);
      }
      return owners;
    } catch (Exception e) {
      return Map.of();
    }
  }

  /** Which instance served each company's summary (companies not answered 200 are left out). */
  private Map<String, String> servedBy(Instance asked, Set<String> companies) {
    Map<String, String> served = new TreeMap<>();
    for (String company : companies) {
      HttpResponse<String> r = get(asked.url() + "/v1/companies/" + company);
      if (r.statusCode() != 200) {
        break; // not all there yet: ask again later rather than load the instances with the rest
      }
      served.put(company, r.headers().firstValue(QueryServer.SERVED_BY).orElse("(none)"));
    }
    return served;
  }

  private HttpResponse<String> get(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(url + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private int status(String url) {
    try {
      return get(url).statusCode();
    } catch (IllegalStateException e) {
      return -1; // not listening yet
    }
  }

  private static void awaitCaughtUp(Admin admin, NewsflowConfig config) throws InterruptedException {
    Set<String> registry = config.topics().all().stream().map(Topic::name).collect(Collectors.toSet());
    var topology = NewsflowTopology.build(config.topics(), AggregationSettings.from(config),
        NewsflowStreams.streamsConfig(config));
    Set<String> inputs = PipelineProgress.streamsInputs(config.applicationId(), topology.describe(), registry);
    assertNotNull(inputs);
    new PipelineProgress(admin, Map.of(config.applicationId(), inputs)).awaitCaughtUp(Duration.ofMinutes(15));
  }
}
