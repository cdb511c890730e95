package dev.newsflow.streams.aggregate.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.streams.event.ArticleFacts;
import dev.newsflow.streams.state.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CompanyStateTest {
  /** What one Kafka record may hold by default (the producer's max.request.size and the broker's message size). */
  private static final int RECORD_LIMIT = 1024 * 1024;
  private static final long START = 1_764_547_200_000L; // 2025-12-01T00:00:00Z

  /** A storm of bad news: 3,000 negative reports of one company within a day, a minute or less apart. */
  private static List<ArticleFacts> storm() {
    List<ArticleFacts> storm = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      String id = String.format("a%05d", i);
      storm.add(new ArticleFacts(id, "acme", START + i * 25_000L, "wire-" + (i % 40), "wire-" + (i % 40) + ".example",
          "story-" + (i % 7), null, -400_000L, List.of("LEGAL"), List.of(), 2, 0.8,
          "Acme recalls its ovens after a fire at a plant, and regulators open an inquiry (report " + i + ")",
          "https://wire-" + (i % 40) + ".example/news/acme-recall-" + i, null, null, List.of(), "en", null));
    }
    return storm;
  }

  private static CompanyState applied(List<ArticleFacts> articles) {
    CompanyState state = new CompanyState();
    for (ArticleFacts a : articles) {
      state.applyArticle(null, a);
    }
    return state;
  }

  @Test
  void aStormOfNegativeReportsKeepsTheNewestAndFitsInOneRecord() {
    List<ArticleFacts> storm = storm();
    CompanyState state = applied(storm);

    assertEquals(CompanyState.NEGATIVES_KEPT, state.negatives().size());
    Set<String> newest = new TreeSet<>();
    storm.subList(storm.size() - CompanyState.NEGATIVES_KEPT, storm.size()).forEach(a -> newest.add(a.articleId()));
    assertEquals(newest, state.negatives().keySet(), "the newest negative reports are the ones kept");

    byte[] bytes = JsonSerde.of(CompanyState.class).serializer().serialize("t", state);
    assertTrue(bytes.length < RECORD_LIMIT / 4,
        "the company's state must stay well within one Kafka record, was " + bytes.length + " bytes");
  }

  @Test
  void theReportsKeptDoNotDependOnTheOrderTheyCameIn() {
    List<ArticleFacts> storm = storm();
    Set<String> inOrder = new TreeSet<>(applied(storm).negatives().keySet());
    for (long seed = 1; seed <= 3; seed++) {
      List<ArticleFacts> shuffled = new ArrayList<>(storm);
      Collections.shuffle(shuffled, new Random(seed));
      assertEquals(inOrder, new TreeSet<>(applied(shuffled).negatives().keySet()), "order " + seed);
    }
  }

  /** One article of {@code outlet} in the hour {@code hour} hours after the start, without sentiment. */
  private static ArticleFacts fromOutlet(int hour, String outlet, int n) {
    String id = String.format("h%03d-%s-%d", hour, outlet, n);
    return new ArticleFacts(id, "acme", START + hour * CompanyState.HOUR + n, outlet, outlet, id, null, null,
        List.of(), List.of(), 1, 0.5, "Acme news " + id, "https://" + outlet + "/" + id, null, null, List.of(), "en",
        null);
  }

  private static String outlet(int i) {
    return String.format("regional-outlet-%05d.example.com", i);
  }

  @Test
  void aCompanyWrittenAboutByThousandsOfOutletsEveryHourFitsInOneRecord() {
    // Two weeks of hours, each with 400 outlets (of 2,000): the hours keep a bounded list of outlets each.
    CompanyState state = new CompanyState();
    Random random = new Random(7);
    for (int hour = 0; hour <= CompanyState.HOURS_KEPT; hour++) {
      for (int i = 0; i < 400; i++) {
        state.applyArticle(null, fromOutlet(hour, outlet(random.nextInt(2_000)), i));
      }
    }
    long current = CompanyState.hourOf(state.newest());
    for (HourBucket b : state.hours(current - CompanyState.HOURS_KEPT * CompanyState.HOUR, current).values()) {
      assertTrue(b.sources().size() <= HourBucket.SOURCES_LISTED, "outlets listed in an hour: " + b.sources().size());
      assertEquals(b.articles(), b.unlisted() + b.sources().values().stream().mapToLong(Long::longValue).sum(),
          "every article with an outlet is counted, listed or not");
    }
    long week = HourBucket.distinctSources(state.hours(current - 167 * CompanyState.HOUR, current).values());
    assertTrue(week > 1_500 && week < 2_700, "2,000 outlets over the week, estimated as " + week);

    byte[] bytes = JsonSerde.of(CompanyState.class).serializer().serialize("t", state);
    assertTrue(bytes.length < RECORD_LIMIT / 2,
        "the company's state must stay well within one Kafka record, was " + bytes.length + " bytes");
  }

  @Test
  void outletsAreCountedExactlyUpToTheListAndEstimatedBeyond() {
    List<ArticleFacts> few = new ArrayList<>();
    for (int i = 0; i < HourBucket.SOURCES_LISTED; i++) {
      few.add(fromOutlet(0, outlet(i), 2 * i));
      few.add(fromOutlet(0, outlet(i), 2 * i + 1)); // two articles each: outlets, not articles, are counted
    }
    assertEquals(HourBucket.SOURCES_LISTED, HourBucket.distinctSources(applied(few).hours(START, START).values()));

    List<ArticleFacts> many = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      many.add(fromOutlet(0, outlet(i), i));
    }
    HourBucket hour = applied(many).hours(START, START).get(START);
    assertEquals(HourBucket.SOURCES_LISTED, hour.sources().size());
    assertEquals(1_000 - HourBucket.SOURCES_LISTED, hour.unlisted());
    long estimate = HourBucket.distinctSources(List.of(hour));
    assertTrue(estimate > 600 && estimate < 1_500, "1,000 outlets estimated as " + estimate);

    // Withdrawing every article leaves nothing behind, listed or not.
    CompanyState state = applied(many);
    many.forEach(a -> state.applyArticle(a, null));
    assertTrue(state.hours(START, START).isEmpty(), "an hour whose articles were all withdrawn is dropped");
  }

  @Test
  void theOutletsListedDoNotDependOnTheOrderTheArticlesCameIn() {
    List<ArticleFacts> articles = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      articles.add(fromOutlet(0, outlet(i % 150), i));
    }
    HourBucket inOrder = applied(articles).hours(START, START).get(START);
    for (long seed = 1; seed <= 3; seed++) {
      List<ArticleFacts> shuffled = new ArrayList<>(articles);
      Collections.shuffle(shuffled, new Random(seed));
      assertEquals(inOrder, applied(shuffled).hours(START, START).get(START), "order " + seed);
    }
  }

  @Test
  void anHourStoredBeforeOutletsWereBoundedIsReadWithEveryOutletListed() {
    String json = "{\"articles\":3,\"sentimentSum\":0,\"sentimentCount\":0,"
        + "\"sources\":{\"a.example\":2,\"b.example\":1},\"evidence\":[\"x\",\"y\",\"z\"]}";
    HourBucket old = JsonSerde.of(HourBucket.class).deserializer()
        .deserialize("t", json.getBytes(StandardCharsets.UTF_8));
    assertEquals(0, old.unlisted());
    assertEquals(0, old.sourceCut());
    assertEquals(2, HourBucket.distinctSources(List.of(old)));
  }
}
