package dev.newsflow.consumer.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.consumer.TestRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code digests} entry of a subscription: how it reads, what it refuses, and when a day falls due. */
class DigestSubscriptionsTest {
  @TempDir Path dir;

  @Test
  void readsADigestScheduleAndAnEndpointWithoutAlertFiltersGetsDigestsOnly() throws Exception {
    Path file = Files.writeString(dir.resolve("hooks.json"), """
        {"endpoints": [
          {"name": "morning", "url": "https://example.com/d",
           "digests": {"companies": ["bytedance", "alibaba"], "at": "08:30", "zone": "Asia/Shanghai"}},
          {"name": "both", "url": "https://example.com/b", "rules": ["new-releases"],
           "digests": {"companies": ["acme"], "at": "00:00"}},
          {"name": "alerts", "url": "https://example.com/a"}]}
        """);
    List<WebhookEndpoint> endpoints = WebhookSubscriptions.load(file, Map.of());
    assertEquals(new DigestSchedule(Set.of("alibaba", "bytedance"), LocalTime.of(8, 30), ZoneId.of("Asia/Shanghai")),
        endpoints.get(0).digests());
    assertEquals(ZoneOffset.UTC, endpoints.get(1).digests().zone(), "UTC unless a zone is given");
    assertNull(endpoints.get(2).digests());

    var alert = TestRecords.alert("a1", "new-releases", "acme", "t");
    assertFalse(endpoints.get(0).matches(alert), "digests and no alert filter: digests only");
    assertTrue(endpoints.get(1).matches(alert), "digests beside an alert filter: both");
    assertTrue(endpoints.get(2).matches(alert));
  }

  @Test
  void aBadDigestEntryIsRefusedWithOneLineNamingTheEndpoint() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.json"), """
        {"endpoints": [
          {"name": "late", "url": "https://example.com/1", "digests": {"companies": ["acme"], "at": "24:00"}},
          {"name": "vague", "url": "https://example.com/2", "digests": {"companies": ["acme"], "at": "8am"}},
          {"name": "nowhere", "url": "https://example.com/3",
           "digests": {"companies": ["acme"], "at": "08:00", "zone": "Mars/Olympus"}},
          {"name": "nobody", "url": "https://example.com/4", "digests": {"companies": [], "at": "08:00"}},
          {"name": "odd", "url": "https://example.com/5",
           "digests": {"companies": ["byte dance", "a/b"], "at": "08:00", "every": "day"}},
          {"name": "whenever", "url": "https://example.com/6", "digests": {"companies": ["acme"]}},
          {"name": "list", "url": "https://example.com/7", "digests": ["acme"]}]}
        """);
    var e = assertThrows(IllegalArgumentException.class, () -> WebhookSubscriptions.load(file, Map.of()));
    String where = file + ": endpoint '";
    assertEquals("invalid webhook subscriptions:\n"
        + "  " + where + "late': digests: at must be a time of day as HH:mm (00:00 to 23:59), got 24:00\n"
        + "  " + where + "vague': digests: at must be a time of day as HH:mm (00:00 to 23:59), got 8am\n"
        + "  " + where + "nowhere': digests: zone must be a time zone id such as UTC, Europe/London or Asia/Shanghai, "
        + "got Mars/Olympus\n"
        + "  " + where + "nobody': digests: companies must list at least one company id\n"
        + "  " + where + "odd': digests: unknown field 'every' (digests has companies, at, zone)\n"
        + "  " + where + "odd': digests: 'a/b' is not a company id (no spaces or '/': e.g. bytedance)\n"
        + "  " + where + "odd': digests: 'byte dance' is not a company id (no spaces or '/': e.g. bytedance)\n"
        + "  " + where + "whenever': digests: at is required, the local time of day as HH:mm, e.g. 08:00\n"
        + "  " + where + "list': digests must be an object like {\"companies\": [\"bytedance\"], \"at\": \"08:00\", "
        + "\"zone\": \"UTC\"}", e.getMessage());
  }

  @Test
  void aCompanyMissingFromTheCompaniesTopicIsRefusedAtStart() throws Exception {
    Path file = Files.writeString(dir.resolve("hooks.json"), """
        {"endpoints": [
          {"name": "morning", "url": "https://example.com/d", "digests": {"companies": ["bytedance", "bytedanse"], "at": "08:00"}},
          {"name": "alerts", "url": "https://example.com/a", "companies": ["nobody-checks-alert-filters"]}]}
        """);
    List<WebhookEndpoint> endpoints = WebhookSubscriptions.load(file, Map.of());
    var e = assertThrows(IllegalArgumentException.class,
        () -> WebhookSubscriptions.requireKnownCompanies("hooks.json", endpoints, Set.of("alibaba", "bytedance")));
    assertEquals("webhook subscriptions refused:\n  hooks.json: endpoint 'morning': digests: no company 'bytedanse' in "
        + "the companies topic (2 companies, e.g. alibaba, bytedance)", e.getMessage());
    WebhookSubscriptions.requireKnownCompanies("hooks.json", endpoints, Set.of("bytedance", "bytedanse"));
  }

  @Test
  void aDayFallsDueAtItsLocalTimeAndStaysDueUntilItsLocalMidnight() {
    DigestSchedule shanghai = new DigestSchedule(Set.of("acme"), LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai"));
    assertEquals(Optional.empty(), shanghai.due(Instant.parse("2026-03-01T23:59:59Z")), "07:59:59 in Shanghai");
    assertEquals(Optional.of(LocalDate.parse("2026-03-02")), shanghai.due(Instant.parse("2026-03-02T00:00:00Z")));
    assertEquals(Optional.of(LocalDate.parse("2026-03-02")), shanghai.due(Instant.parse("2026-03-02T15:59:59Z")),
        "still due at 23:59:59 local");
    assertEquals(Optional.empty(), shanghai.due(Instant.parse("2026-03-02T16:00:00Z")), "a new day, not yet 08:00");

    // 01:30 does not exist in London on the day clocks go forward (01:00 GMT is 02:00 BST): it falls due at 02:00.
    DigestSchedule london = new DigestSchedule(Set.of("acme"), LocalTime.of(1, 30), ZoneId.of("Europe/London"));
    assertEquals(Optional.empty(), london.due(Instant.parse("2026-03-29T00:59:59Z")));
    assertEquals(Optional.of(LocalDate.parse("2026-03-29")), london.due(Instant.parse("2026-03-29T01:00:00Z")));
  }
}
