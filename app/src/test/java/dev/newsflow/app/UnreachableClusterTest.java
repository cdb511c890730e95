package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong {@code --bootstrap-servers}: every command that talks to Kafka gives up within
 * {@code publish.timeout} with the same line naming the address, after saying that it waits.
 */
class UnreachableClusterTest {
  @TempDir static Path dir;
  static String address;

  @BeforeAll
  static void closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      address = "127.0.0.1:" + socket.getLocalPort(); // nothing listens there once closed
    }
  }

  static Stream<List<String>> commands() throws IOException {
    Path articles = Files.writeString(dir.resolve("a.ndjson"), "{\"id\":\"a\",\"title\":\"T\",\"body\":\"B\"}\n");
    Path companies = Files.writeString(dir.resolve("c.ndjson"), "{\"id\":\"acme\",\"name\":\"Acme\"}\n");
    Path rules = Files.writeString(dir.resolve("rules.ndjson"), "{\"id\":\"r\",\"type\":\"NEW_RELEASE\"}\n");
    Path hooks = Files.writeString(dir.resolve("hooks.json"),
        "{\"endpoints\": [{\"name\": \"n\", \"url\": \"http://127.0.0.1:9/hook\"}]}");
    return Stream.of(
        List.of("topics"),
        List.of("tail", "articles.enriched"),
        List.of("digest", "acme"),
        List.of("rules", "list"),
        List.of("rules", "load", rules.toString()),
        List.of("rules", "delete", "r"),
        List.of("feed", "--port", "0"),
        List.of("summaries", "--no-jdbc", "--dir", dir.resolve("summaries").toString()),
        List.of("import", articles.toString()),
        List.of("produce", "--once", "--feed", "http://127.0.0.1:9/feed.xml", "--state", dir.resolve("state.json").toString()),
        List.of("streams"),
        List.of("alerts", "--subscriptions", hooks.toString()),
        List.of("companies", "load", companies.toString()),
        List.of("ingest-server", "--bind", "127.0.0.1", "--port", "0"),
        List.of("ingest-server", "--host", "127.0.0.1", "--port", "0"), // the option's older name
        List.of("demo", "--once", "--data", Path.of("..", "data", "sample").toString(), "--work-dir",
            dir.resolve("work").toString()));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandGivesUpWithinThePublishTimeoutNamingTheAddress(List<String> command) {
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of("--bootstrap-servers", address, "-D", "publish.timeout=2s",
        "-D", "state.dir=" + dir.resolve("state"), "-D", "output.dir=" + dir.resolve("out")));
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int status;
    try {
      // A guard against the hang this test exists for; the deadline is generous, not a measured speed.
      status = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> Main.run(args.toArray(String[]::new)));
    } finally {
      System.setErr(original);
    }
    String printed = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, status, printed);
    assertTrue(printed.contains("newsflow: waiting for the Kafka cluster at " + address + " (up to 2 s)..."), printed);
    assertTrue(printed.contains("newsflow: the Kafka cluster at " + address + " did not answer within 2 s "
        + "(publish.timeout); is it running, and is --bootstrap-servers right?\n"), printed);
    assertTrue(!printed.contains("Exception") && !printed.contains("unexpected error"), printed);
  }
}
