package dev.newsflow.producer.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every file of the feedjira, ROME and feedparser test corpora either parses or is rejected with a
 * clear message, within a bounded time; no exception escapes. A rejection that only names a Java
 * exception is not clear and fails the test. The summary line per corpus is what the README quotes.
 */
class FeedCorporaTest {
  private static ExecutorService worker;

  @BeforeAll
  static void start() {
    worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "corpus-parse");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterAll
  static void stop() {
    worker.shutdownNow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"feedjira_head", "rome", "feedparser"})
  void everyFileParsesOrIsRejectedClearly(String corpus) throws Exception {
    Path root = SharedData.require("feeds/" + corpus);
    FeedParser parser = new FeedParser();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("LICENSE")).sorted()
          .toList();
    }
    int parsed = 0;
    int rejected = 0;
    List<String> unclear = new ArrayList<>();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      Future<String> outcome = worker.submit(() -> {
        try {
          Feed feed = parser.parse(bytes, null, null);
          for (FeedItem item : feed.items()) {
            FeedArticles.toArticle(feed, item, null, file.toString(), Instant.EPOCH);
          }
          return null;
        } catch (FeedException e) {
          return e.getMessage();
        }
      });
      String rejection;
      try {
        rejection = outcome.get(10, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        outcome.cancel(true);
        unclear.add(root.relativize(file) + ": did not finish within 10 s");
        continue;
      } catch (ExecutionException e) {
        unclear.add(root.relativize(file) + ": " + e.getCause());
        continue;
      }
      if (rejection == null) {
        parsed++;
      } else {
        rejected++;
        System.out.println("  rejected " + root.relativize(file) + ": " + rejection);
        if (rejection.contains("Exception")) {
          unclear.add(root.relativize(file) + ": " + rejection);
        }
      }
    }
    System.out.printf("%s: %d files, %d parsed, %d rejected%n", corpus, files.size(), parsed, rejected);
    unclear.forEach(u -> System.out.println("  UNCLEAR " + u));
    assertEquals(List.of(), unclear);
  }
}
