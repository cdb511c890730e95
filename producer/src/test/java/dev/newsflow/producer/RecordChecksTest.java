package dev.newsflow.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.contract.PublishedAtRule;
import dev.newsflow.json.FieldError;
import dev.newsflow.schema.Release;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A release's date is held to the bounds of an article's: Kafka carries it as a record's time inside the streams
 * application, where no time before 1970 exists and a broker refuses one far ahead.
 */
class RecordChecksTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final PublishedAtRule RULE = new PublishedAtRule(Duration.ofDays(1), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aReleaseDatedBefore1970OrFurtherAheadThanTheToleranceIsRefused() {
    assertEquals(List.of(), errors(NOW.plus(Duration.ofHours(3))));
    assertEquals(List.of(), errors(Instant.EPOCH));
    assertEquals(List.of(), errors(null));
    assertEquals(List.of("releasedAt: must be 1970-01-01T00:00:00Z or later (a Kafka record's time cannot be earlier),"
        + " got 1960-05-01T00:00:00Z"), errors(Instant.parse("1960-05-01T00:00:00Z")));
    assertEquals(List.of("releasedAt: must be at most 1d after the release arrives (articles.max.future), got "
        + "2099-01-01T00:00:00Z"), errors(Instant.parse("2099-01-01T00:00:00Z")));
  }

  private static List<String> errors(Instant releasedAt) {
    Release release = Release.newBuilder().setId("r1").setCompany("acme").setProduct("Rocket").setVersion("2")
        .setReleasedAt(releasedAt).build();
    return RecordChecks.check(release, RULE).stream().map(FieldError::toString).toList();
  }
}
