package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.alerts.AlertDispatcher;
import dev.newsflow.schema.Alert;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.TestTopics;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root README's webhook subscriptions, as printed there (only the URLs pointed at a real local
 * receiver), delivered by {@code alerts} on the sample data through a real broker: each endpoint gets
 * exactly the alerts its filters select, and the release endpoint gets the releases it names.
 */
class ReadmeWebhookExampleIT {
  @TempDir Path work;

  @Test
  void theReadmeSubscriptionsDeliverTheAlertsTheyName(TestInfo test) throws Exception {
    // 1. the sample through the pipeline, with its rules
    NewsflowConfig config = TestTopics.config(test.getDisplayName(), work, 3);
    Map<String, Set<String>> received = new ConcurrentHashMap<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      received.computeIfAbsent(exchange.getRequestURI().getPath().substring(1), k -> ConcurrentHashMap.newKeySet())
          .add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    try (Pipeline pipeline = new Pipeline(config)) {
      pipeline.publishCompanies(PipelineIT.SAMPLE);
      pipeline.publishRules(RuleFile.read(PipelineIT.SAMPLE.resolve(RuleFile.DEFAULT_NAME)));
      pipeline.startStreams();
      pipeline.publishNews(PipelineIT.SAMPLE);

      // 2. the README's subscriptions, each URL replaced by the local receiver's /<endpoint name>
      String example = readmeSubscriptions();
      Matcher url = Pattern.compile("\"name\": \"([a-z]+)\", \"url\": \"[^\"]+\"").matcher(example);
      String local = url.replaceAll(m -> "\"name\": \"" + m.group(1) + "\", \"url\": \"http://127.0.0.1:"
          + receiver.getAddress().getPort() + "/" + m.group(1) + "\"");
      Path hooks = Files.writeString(work.resolve("hooks.json"), local);
      try (AlertDispatcher dispatcher = AlertsCommand.startDispatcher(config, hooks, Map.of("NEWSROOM_SECRET", "s3cret"),
          new io.micrometer.core.instrument.simple.SimpleMeterRegistry())) {
        pipeline.awaitProcessed(Duration.ofMinutes(3));
        Map<String, Alert> fired = pipeline.alerts().stream().collect(Collectors.toMap(Alert::getId, a -> a));

        // 3. each endpoint gets exactly what its filters select from the alerts fired
        Set<String> releases = ids(fired, a -> a.getRuleId().equals("new-releases")
            && Set.of("bytedance", "alibaba").contains(a.getCompanyId()));
        Set<String> robots = ids(fired, a -> a.getRuleType().equals("WATCH") && a.getTopics().contains("robotics-humanoids"));
        // An alert that later evidence withdraws reaches an endpoint twice (<id>, then <id>:withdrawn): what an
        // endpoint holds is what it received minus what it was told to withdraw.
        Poll.until(Duration.ofMinutes(2), "every alert at its endpoints", () -> standing(received),
            r -> releases.equals(r.get("newsroom")) && robots.equals(r.getOrDefault("robots", Set.of()))
                && fired.keySet().equals(r.get("chat")));
        Set<String> titles = releases.stream().map(id -> fired.get(id).getTitle()).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(titles.contains("ByteDance Ltd. released Seedance 2.0") && titles.contains(
            "Alibaba Group Holding Ltd released Qwen 3.5"), titles.toString());
        assertFalse(robots.isEmpty(), "the sample's humanoid stories reach the robots endpoint");
        assertEquals(releases, standing(received).get("newsroom"));
      }
    } finally {
      receiver.stop(0);
    }
  }

  private static Set<String> ids(Map<String, Alert> alerts, Predicate<Alert> selected) {
    return alerts.values().stream().filter(selected).map(Alert::getId).collect(Collectors.toSet());
  }

  /** The first JSON block of the README's "Alerts to webhooks" section, verbatim. */
  private static String readmeSubscriptions() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String section = readme.substring(readme.indexOf("## Alerts to webhooks"));
    int start = section.indexOf("```json\n") + "```json\n".length();
    return section.substring(start, section.indexOf("```", start));
  }

  /** Per endpoint, the alert ids it received and was not told to withdraw. */
  private static Map<String, Set<String>> standing(Map<String, Set<String>> received) {
    Map<String, Set<String>> standing = new java.util.HashMap<>();
    received.forEach((endpoint, keys) -> standing.put(endpoint, keys.stream()
        .filter(k -> !k.endsWith(":withdrawn") && !keys.contains(k + ":withdrawn")).collect(Collectors.toSet())));
    return standing;
  }
}
