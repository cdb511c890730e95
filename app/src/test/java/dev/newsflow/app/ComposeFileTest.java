package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.Settings;
import dev.newsflow.testkit.KafkaFixture;
import dev.newsflow.topic.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * docker-compose.yml and the Dockerfile match the code, checked without a Docker engine: the Kafka image is
 * the build's Kafka version, every {@code NEWSFLOW_*} variable is a real setting, every stage's command
 * parses with the real command line, every topic named is in the registry, the cluster profile has three
 * brokers, and the sample files the services read exist.
 */
class ComposeFileTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml"), StandardCharsets.UTF_8));
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(Map<String, Object> service) {
    return (Map<String, Object>) service.getOrDefault("environment", Map.of());
  }

  private static boolean isBroker(Map<String, Object> service) {
    return String.valueOf(service.get("image")).startsWith("apache/kafka:");
  }

  @Test
  void theBrokersRunTheKafkaVersionOfTheBuildAndTheClusterProfileHasThree() throws IOException {
    String image = "apache/kafka:" + KafkaFixture.kafkaVersion();
    List<Object> nodeIds = new ArrayList<>();
    services().forEach((name, service) -> {
      if (isBroker(service)) {
        assertEquals(image, service.get("image"), name);
        nodeIds.add(environment(service).get("KAFKA_NODE_ID"));
      }
    });
    assertEquals(List.of(1, 2, 3), nodeIds, "three brokers with distinct node ids");
    assertEquals(image, KafkaFixture.IMAGE, "the Testcontainers fixture uses the same image");
    assertTrue(services().get("kafka-2").get("profiles").toString().contains("cluster"));
  }

  @Test
  void everyNewsflowVariableIsASetting() throws IOException {
    Set<String> unknown = new TreeSet<>();
    services().forEach((name, service) -> environment(service).keySet().stream()
        .filter(v -> v.startsWith("NEWSFLOW_")).forEach(v -> check(name, v, unknown)));
    Matcher env = Pattern.compile("(NEWSFLOW_[A-Z_]+)=").matcher(Files.readString(ROOT.resolve("Dockerfile")));
    while (env.find()) {
      check("Dockerfile", env.group(1), unknown);
    }
    assertTrue(unknown.isEmpty(), "variables that no setting reads: " + unknown);
  }

  private static void check(String where, String variable, Set<String> unknown) {
    String key = variable.substring("NEWSFLOW_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.');
    if (Settings.find(key).isEmpty() && !Settings.isEnvironmentOnly(variable)) {
      unknown.add(where + ": " + variable);
    }
  }

  @Test
  void everyStageCommandParsesAndItsFilesExist() throws IOException {
    Set<String> problems = new TreeSet<>();
    services().forEach((name, service) -> {
      if (isBroker(service) || !"newsflow:latest".equals(service.get("image"))) {
        return;
      }
      List<List<String>> commands = new ArrayList<>();
      Object command = service.get("command");
      if (command instanceof List<?> list && "/bin/sh".equals(firstEntrypoint(service))) {
        // a shell script of `run ARGS;` lines
        Matcher run = Pattern.compile("run ([^;]+);?").matcher(String.join(" ", list.stream().map(String::valueOf).toList()));
        while (run.find()) {
          if (!run.group(1).startsWith("()")) {
            commands.add(List.of(run.group(1).trim().split("\\s+")));
          }
        }
      } else if (command instanceof List<?> list) {
        commands.add(list.stream().map(String::valueOf).toList());
      }
      assertTrue(!commands.isEmpty(), name + " runs no newsflow command");
      for (List<String> args : commands) {
        try {
          new CommandLine(new Main()).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
          problems.add(name + ": " + args + ": " + e.getMessage());
        }
        args.stream().filter(a -> a.startsWith("/opt/newsflow/data/"))
            .filter(a -> !Files.exists(ROOT.resolve(a.substring("/opt/newsflow/".length()))))
            .forEach(a -> problems.add(name + ": " + a + " is not in the image's data/"));
      }
    });
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  private static Object firstEntrypoint(Map<String, Object> service) {
    return service.get("entrypoint") instanceof List<?> e && !e.isEmpty() ? e.get(0) : null;
  }

  @Test
  void everyTopicNamedIsInTheRegistry() throws IOException {
    Set<String> known = new TreeSet<>();
    Topics.withPrefix(Topics.DEFAULT_PREFIX).all().forEach(t -> known.add(t.name()));
    Matcher topic = Pattern.compile("(?<![\\w./])newsflow\\.[a-z][a-z.]*[a-z]").matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
    while (topic.find()) {
      assertTrue(known.contains(topic.group()), topic.group() + " is not a newsflow topic: " + known);
    }
  }
}
