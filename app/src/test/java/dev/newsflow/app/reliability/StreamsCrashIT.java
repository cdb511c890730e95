package dev.newsflow.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.TestTopics;
import dev.newsflow.topic.TopicSnapshot;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams stage killed with SIGKILL at seeded random points while it works through 10,000 articles
 * and 100 poison records on 3 partitions. Under exactly_once_v2 every article comes out exactly once
 * (whole id sets compared, read_committed), the dead-letter topic holds exactly the 100 poison records,
 * every company's article count equals the model computed from the input, and no alert id repeats. The
 * same checker, fed an at_least_once run with kills, reports the duplicates such a run produces; that run loses
 * nothing either (every article out, every company counted at least as often as the model says).
 */
@Tag("reliability")
class StreamsCrashIT {
  private static final Logger log = LoggerFactory.getLogger(StreamsCrashIT.class);
  private static final long SEED = 20261130L;

  @TempDir Path work;

  @Test
  @Tag("heavy") // left out by mvn verify -Plight-fault-tests
  void underExactlyOnceFiveKillsLoseNothingAndRepeatNothing() throws Exception {
    int articles = 10_000;
    int kills = 5;
    NewsflowConfig config = TestTopics.config("streams-kill-eos", work, 3);
    Map<String, Long> model;
    try (StreamsRun run = new StreamsRun(config, new SyntheticNews(SEED, 40, articles), work)) {
      model = run.news.articleCounts();
      try (StageJvm streams = run.startStreams(Map.of("processing.guarantee", "exactly_once_v2"))) {
        run.publishNews(100, SEED);
        long total = run.publishedInput();
        assertEquals(articles + 100, total, "every article and poison record published");
        killAtRandomPoints(run, streams, kills, articles, new Random(SEED));

        StreamsRun.Outcome outcome = run.awaitComplete(StreamsRun.generous(10), model, streams);
        log.info("exactly_once_v2 run: {} records, {} kills\n{}", total, kills, outcome);
        assertTrue(outcome.enriched().exact(), outcome.enriched().toString());
        assertTrue(outcome.deadLetters().exact(), outcome.deadLetters().toString());
        assertEquals(model, outcome.articleCounts(), "every company's article count equals the model");
        assertTrue(outcome.alerts().exact(), outcome.alerts().toString());
        assertTrue(outcome.alerts().seen() > 0, "the watch rule fired");
        streams.requireAlive();
        String said = streams.log();
        assertFalse(said.contains("ERROR TaskManager"), "recovery after a kill is not logged as an ERROR");
        assertFalse(said.contains("TaskCorruptedException"), "nor as a stack trace");
      }
    }
  }

  @Test
  void theSameCheckerReportsTheDuplicatesOfAnAtLeastOnceRunWithKills() throws Exception {
    int articles = 2_000;
    NewsflowConfig config = TestTopics.config("streams-kill-alo", work, 3);
    try (StreamsRun run = new StreamsRun(config, new SyntheticNews(SEED + 1, 20, articles), work)) {
      // Commits every 5 s: what was processed since the last commit before a kill is processed again.
      try (StageJvm streams = run.startStreams(Map.of("processing.guarantee", "at_least_once",
          "kafka.commit.interval.ms", "5000"))) {
        run.publishNews(0, SEED);
        killAtRandomPoints(run, streams, 2, articles, new Random(SEED + 1));
        StreamsRun.Outcome outcome = Poll.until(StreamsRun.generous(8), "every article out at least once",
            Every.every(java.time.Duration.ofSeconds(3), run::outcome), o -> o.enriched().complete());
        ExactlyOnceCheck check = outcome.enriched();
        if (check.duplicated().isEmpty()) {
          // The kills happened to fall right after commits: plant the repeat at_least_once allows, so that
          // what is shown is the checker failing, not luck.
          log.info("at_least_once run produced no duplicate by itself; planting one");
          var topic = config.topics().articlesEnriched();
          var first = TopicSnapshot.records(config, topic, StreamsRun.READ_TIMEOUT).get(0);
          try (KafkaProducer<String, EnrichedArticle> again = new KafkaProducer<>(Map.of("bootstrap.servers",
              config.bootstrapServers()), topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            again.send(new ProducerRecord<>(topic.name(), first.key(), first.value())).get();
          }
          check = run.outcome().enriched();
        } else {
          log.info("at_least_once run with kills repeated {} articles by itself", check.duplicated().size());
        }
        log.info("at_least_once run: {}", check);
        assertFalse(check.exact(), "the checker fails on repeats: " + check);
        assertFalse(check.duplicated().isEmpty(), check.toString());
        assertTrue(check.toString().contains("duplicated " + check.duplicated().size() + " "), check.toString());
        assertTrue(check.missing().isEmpty() && check.unexpected().isEmpty(), "nothing lost: " + check);
        // Counted at least once: a company's count may exceed the model's (an article counted twice), never fall
        // short.
        Map<String, Long> model = run.news.articleCounts();
        assertTrue(streams.log().contains("processing.guarantee=at_least_once: a crash may repeat outputs"),
            "the stage warns at start what at_least_once may lose");
        Poll.until(StreamsRun.generous(4), "every company counted at least as the model says",
            Every.every(java.time.Duration.ofSeconds(3), run::outcome),
            o -> model.entrySet().stream()
                .allMatch(e -> o.articleCounts().getOrDefault(e.getKey(), 0L) >= e.getValue()));
      }
    }
  }

  /**
   * Kills the stage {@code kills} times, each once its output ({@link StreamsRun#enrichedProgress}) passes
   * a seeded random point of its own stretch of {@code total}, and starts it again at once on the same
   * state directory.
   */
  static void killAtRandomPoints(StreamsRun run, StageJvm streams, int kills, long total, Random random) {
    for (int k = 0; k < kills; k++) {
      long stretch = total / (kills + 1);
      long point = k * stretch + stretch / 2 + (long) (random.nextDouble() * stretch);
      Poll.until(StreamsRun.generous(8), "streams past article " + point + " of " + total + " out (kill " + (k + 1) + ")",
          Every.every(java.time.Duration.ofMillis(500), () -> {
            streams.requireAlive();
            return run.enrichedProgress() >= point;
          }));
      streams.kill9();
      log.info("kill {} of {}: streams (pid {}) killed with SIGKILL with {} of {} articles out", k + 1, kills,
          streams.pid(), point, total);
      streams.restart();
    }
  }
}
