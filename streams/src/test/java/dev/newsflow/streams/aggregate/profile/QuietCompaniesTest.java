package dev.newsflow.streams.aggregate.profile;

import static dev.newsflow.streams.aggregate.AggregationHarness.article;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.streams.aggregate.AggregationHarness;
import dev.newsflow.streams.aggregate.AggregationSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A company with no news of its own is brought up to date when the news clock enters a new hour, once per
 * {@code activity.live.interval} of wall-clock time however many hours the clock went through: an archive
 * replayed fast moves the clock through many hours a second.
 */
class QuietCompaniesTest {
  @TempDir Path stateDir;

  @Test
  void aQuietCompanyIsBroughtUpToDateOncePerIntervalAfterTheClockEntersNewHours() {
    try (AggregationHarness h = new AggregationHarness(stateDir, AggregationSettings.defaults())) {
      h.company("acme", "Acme");
      h.company("globex", "Globex");
      h.publish(article("a1", "2026-03-01T10:00:00Z").title("Acme opens a plant").mention("acme").build());
      assertEquals(List.of(1L), last24h(h, "acme"));

      // Thirty hours of Globex news, with no wall-clock time passing: Acme is not yet brought up to date.
      Instant t = Instant.parse("2026-03-01T11:00:00Z");
      for (int i = 0; i < 30; i++) {
        String id = "g" + i;
        h.enriched.pipeInput(id, article(id, t.toString()).title("Globex news " + i).mention("globex").build(),
            t);
        t = t.plus(Duration.ofHours(1));
      }
      assertEquals(List.of(), last24h(h, "acme"));

      // The interval passes: one update, as of the clock's hour (Acme's article is more than 24 h behind it).
      h.tick();
      assertEquals(List.of(0L), last24h(h, "acme"));
      h.tick();
      assertEquals(List.of(), last24h(h, "acme"), "the clock did not move: nothing to bring up to date");
    }
  }

  /** Acme's summaries published since last read: their last 24 h. */
  private static List<Long> last24h(AggregationHarness h, String company) {
    return h.summaries.readKeyValuesToList().stream().filter(kv -> kv.key.equals(company))
        .map(kv -> kv.value.getLast24hArticles()).map(Long::valueOf).toList();
  }
}
