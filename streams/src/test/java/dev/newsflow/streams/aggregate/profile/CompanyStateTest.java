package dev.newsflow.streams.aggregate.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.streams.event.ArticleFacts;
import dev.newsflow.streams.state.JsonSerde;
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
}
