package dev.newsflow.streams.aggregate.releases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.ReleaseRef;
import dev.newsflow.streams.event.ReleaseFacts;
import dev.newsflow.streams.phrases.Phrases;
import dev.newsflow.schema.Release;
import dev.newsflow.streams.state.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReleaseBookTest {
  static ReleaseFacts release(String id, String product, String version, String at) {
    return new ReleaseFacts(id, "alibaba", product, version, "llm", Instant.parse(at).toEpochMilli(), null, null, "blog", false);
  }

  /** A book holding Seedance 1.0 Pro (2025-06-11) and Seedance 2.0 (2026-02-10 07:30). */
  private static ReleaseBook seedanceOneAndTwo() {
    ReleaseBook book = new ReleaseBook();
    book.add(release("s1", "Seedance", "1.0 Pro", "2025-06-11T00:00:00Z"));
    book.add(release("s2", "Seedance", "2.0", "2026-02-10T07:30:00Z"));
    return book;
  }

  @Test
  void theLatestOfAFamilyIsTheHighestVersionWhateverTheOrderOfArrival() {
    ReleaseBook book = new ReleaseBook();
    ReleaseBook.Added q3 = book.add(release("q3", "Qwen", "3", "2025-04-29T00:00:00Z"));
    assertTrue(q3.newLatest());
    assertTrue(q3.firstOfFamily());
    ReleaseBook.Added q25 = book.add(release("q25", "Qwen", "2.5", "2024-09-19T00:00:00Z"));
    assertFalse(q25.newLatest(), "an older version arriving late is not the latest");
    assertFalse(q25.firstOfFamily(), "not the first to arrive, although the first released");
    ReleaseBook.Added q35 = book.add(release("q35", "Qwen", "3.5", "2026-02-16T00:00:00Z"));
    assertTrue(q35.newLatest());
    assertEquals("q3", q35.previousLatest().id());
    assertEquals("q35", book.latest("qwen").orElseThrow().id());
    assertEquals("q25", book.first("qwen").orElseThrow().id(), "first by release date");
  }

  @Test
  void theSameReleaseAgainChangesNothingAndACorrectionIsNotNew() {
    ReleaseBook book = new ReleaseBook();
    book.add(release("s1", "Seedance", "1.0 Pro", "2025-06-11T00:00:00Z"));
    ReleaseBook.Added again = book.add(release("s1", "Seedance", "1.0 Pro", "2025-06-11T00:00:00Z"));
    assertFalse(again.changed());
    ReleaseBook.Added corrected = book.add(release("s1", "Seedance", "1.0 Pro", "2025-06-12T00:00:00Z"));
    assertTrue(corrected.changed());
    assertFalse(corrected.newLatest());
  }

  @Test
  void listsTheLatestOfEachFamilyNewestFirstFlaggingFamiliesWithASingleRelease() {
    ReleaseBook book = seedanceOneAndTwo();
    book.add(release("d1", "Doubao", "1.5", "2025-01-22T00:00:00Z"));
    List<ReleaseRef> refs = book.latestRefs(Map.of("s2", 7L), 10);
    assertEquals(List.of("s2", "d1"), refs.stream().map(ReleaseRef::getId).toList());
    assertFalse(refs.get(0).getFirstOfFamily());
    assertEquals(7L, refs.get(0).getCoverage());
    assertTrue(refs.get(1).getFirstOfFamily());
  }

  @Test
  void anArticleIsCoverageOfTheNewestReleaseOfTheFamilyItNamesPublishedBeforeIt() {
    ReleaseBook book = seedanceOneAndTwo();
    book.add(release("q35", "Qwen", "3.5", "2026-02-16T00:00:00Z"));
    String text = Phrases.normalize("ByteDance launches Seedance 2.0; Qwen3.5 is next");
    assertEquals(List.of("s2"), book.coveredBy(Instant.parse("2026-02-10T08:05:00Z").toEpochMilli(), text),
        "Qwen 3.5 was not out yet");
    assertEquals(List.of("s1"), book.coveredBy(Instant.parse("2025-07-01T00:00:00Z").toEpochMilli(), text));
    assertEquals(List.of("s2", "q35"), book.coveredBy(Instant.parse("2026-02-17T00:00:00Z").toEpochMilli(), text));
    assertEquals(List.of(), book.coveredBy(Instant.parse("2026-02-17T00:00:00Z").toEpochMilli(),
        Phrases.normalize("Seedancer is a different word")));
  }

  /** Releases of many products over the years: {@code n} of them, one a week, a product (family) each. */
  private static List<ReleaseFacts> productsOverTheYears(int n) {
    List<ReleaseFacts> releases = new ArrayList<>();
    Instant start = Instant.parse("2020-01-06T00:00:00Z");
    for (int i = 0; i < n; i++) {
      releases.add(release(String.format("r%04d", i), "Product " + i, "1." + (i % 3),
          start.plus(Duration.ofDays(7L * i)).toString()));
    }
    return releases;
  }

  private static ReleaseBook bookOf(List<ReleaseFacts> releases) {
    ReleaseBook book = new ReleaseBook();
    releases.forEach(book::add);
    return book;
  }

  @Test
  void aCompanyKeepsItsNewestReleasesWhateverTheOrderTheyCameIn() {
    List<ReleaseFacts> releases = productsOverTheYears(500);
    ReleaseBook book = bookOf(releases);
    List<ReleaseRef> kept = book.latestRefs(Map.of(), Integer.MAX_VALUE);
    assertEquals(ReleaseBook.MAX_RELEASES, kept.size(), "one release per family, the newest families kept");
    assertEquals("r0499", kept.get(0).getId());
    assertEquals(String.format("r%04d", 500 - ReleaseBook.MAX_RELEASES), kept.get(kept.size() - 1).getId());
    assertEquals(0, book.count(Phrases.normalize("Product 0")), "the oldest family is forgotten");
    for (long seed = 1; seed <= 3; seed++) {
      List<ReleaseFacts> shuffled = new ArrayList<>(releases);
      Collections.shuffle(shuffled, new Random(seed));
      assertEquals(kept, bookOf(shuffled).latestRefs(Map.of(), Integer.MAX_VALUE), "order " + seed);
    }
  }

  @Test
  void releasesWithLongTextKeepTheCompanysStateWithinOneRecord() {
    // Release events with every field at the contract's limits: the summary is cut, and the oldest go.
    String longText = "Release notes, line after line. ".repeat(6_000); // 192,000 characters
    ReleaseBook book = new ReleaseBook();
    for (int i = 0; i < 60; i++) {
      Release event = Release.newBuilder()
          .setId("long-" + i)
          .setCompany("Alibaba")
          .setProduct("Qwen " + "x".repeat(2_000) + " " + i)
          .setVersion(String.valueOf(i))
          .setSummary(longText)
          .setSource("s".repeat(5_000))
          .setUrl("https://example.com/" + "p".repeat(3_000))
          .setReleasedAt(Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofHours(i)))
          .build();
      ReleaseFacts facts = ReleaseFacts.of(event, "alibaba", event.getReleasedAt().toEpochMilli());
      assertTrue(facts.summary().length() <= ReleaseFacts.SUMMARY_CHARS);
      book.add(facts);
    }
    byte[] bytes = JsonSerde.of(ReleaseBook.class).serializer().serialize("t", book);
    assertTrue(bytes.length < 256 * 1024, "the releases a company keeps must leave room in its record, were "
        + bytes.length + " bytes");
    assertEquals(1, book.count(Phrases.normalize("Qwen " + "x".repeat(2_000) + " 59")), "the newest is kept");
  }
}
