package dev.newsflow.streams.aggregate.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.streams.event.ArticleFacts;
import dev.newsflow.streams.phrases.KeySentence;
import dev.newsflow.streams.state.StateStores;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The digest book against the plain model ({@link DigestComposer#compose(String, java.util.Collection, long,
 * Coverage)} over the reports standing): after every change of a seeded stream of articles, revisions
 * (moving story, outlet or sentiment) and withdrawals, across a week and more of hours, on real state stores.
 */
class DigestBookTest {
  record Change(String company, ArticleFacts before, ArticleFacts after, long currentHour) {}

  private TopologyTestDriver driver;
  private final List<Change> changes = new ArrayList<>();
  private final List<Digest> digests = new ArrayList<>();

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  private TestInputTopic<String, Integer> start() {
    StreamsBuilder builder = new StreamsBuilder();
    DigestBook.storeBuilders(StateStores.rocksDb()).forEach(builder::addStateStore);
    builder.stream("changes", Consumed.with(org.apache.kafka.common.serialization.Serdes.String(),
            org.apache.kafka.common.serialization.Serdes.Integer()))
        .process(() -> new Processor<String, Integer, Void, Void>() {
          private final DigestBook book = new DigestBook();

          @Override
          public void init(ProcessorContext<Void, Void> context) {
            book.init(context);
          }

          @Override
          public void process(Record<String, Integer> record) {
            Change c = changes.get(record.value());
            book.apply(c.company(), c.before(), c.after());
            book.forget();
            digests.add(book.digest(c.company(), c.company(), c.currentHour(), Map.of(), null));
          }
        }, DigestBook.storeNames());
    Properties props = new Properties();
    props.put("application.id", "digest-book-test");
    props.put("bootstrap.servers", "unused:9092");
    driver = new TopologyTestDriver(builder.build(), props);
    return driver.createInputTopic("changes", new StringSerializer(), new IntegerSerializer());
  }

  @Test
  void theBookAgreesWithTheModelAfterEveryChangeInAnyOrder() {
    long start = DigestComposerTest.AFTER_LAUNCH;
    for (long seed = 1; seed <= 3; seed++) {
      changes.clear();
      digests.clear();
      close();
      TestInputTopic<String, Integer> input = start();
      Random random = new Random(seed);
      Map<String, ArticleFacts> standing = new HashMap<>();
      long clock = start;
      for (int i = 0; i < 600; i++) {
        String id = "a" + random.nextInt(250);
        ArticleFacts before = standing.get(id);
        // Mostly forward in time, some late by up to nine days.
        long at = clock + (random.nextInt(10) < 8 ? random.nextInt(3 * 3_600_000) : -random.nextInt(9 * 24 * 3_600_000));
        ArticleFacts after = random.nextInt(12) == 0 && before != null ? null
            : facts(id, "s" + random.nextInt(before == null ? 30 : 40), "o" + random.nextInt(12), at,
                random.nextInt(5) == 0 ? null : (long) (random.nextInt(2_000_001) - 1_000_000),
                random.nextInt(3), random.nextBoolean() ? "en" : "zh");
        if (after == null) {
          standing.remove(id);
        } else {
          standing.put(id, after);
        }
        clock = Math.max(clock, at);
        long hour = DigestWindow.hourOf(clock);
        changes.add(new Change("acme", before, after, hour));
        input.pipeInput("acme", i);
        List<DigestReport> model = standing.values().stream().map(DigestReport::of)
            .filter(r -> r.publishedAt() >= DigestWindow.WEEK.firstHour(hour)).toList();
        Digest expected = DigestComposer.compose("acme", model, hour, null);
        Digest got = digests.get(i);
        assertEquals(withoutActivity(expected), got, "seed " + seed + ", change " + i);
      }
    }
  }

  /** The model's digest as the book gives it with no activity counted (the aggregation supplies that). */
  private static Digest withoutActivity(Digest d) {
    Digest.Period day = new Digest.Period(0, 0, null, d.day().stories());
    Digest.Period week = new Digest.Period(0, 0, null, d.week().stories());
    return new Digest(d.asOfHour(), day, week, d.coverage(), DigestText.render("acme", d.asOfHour(), day, week, d.coverage()));
  }

  static ArticleFacts facts(String id, String story, String outlet, long at, Long sentiment, int names, String language) {
    return new ArticleFacts(id, "acme", at, outlet, outlet, story, null, sentiment, List.of(), List.of(), 1 + names,
        0.5, "t " + id, null, null, "", List.of(), language, new KeySentence("Acme said " + id + ".", names));
  }
}
