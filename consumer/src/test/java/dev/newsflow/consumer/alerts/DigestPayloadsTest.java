package dev.newsflow.consumer.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.consumer.TestRecords;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.CompanyDigest;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.DigestPeriod;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestPayloadsTest {
  private static final LocalDate DAY = LocalDate.parse("2026-03-02");

  static CompanySummary withDigest(String companyId, String text) {
    CompanySummary summary = TestRecords.summary(companyId, 1);
    DigestPeriod empty = DigestPeriod.newBuilder().setArticles(0).setOutlets(0).setStories(List.of()).build();
    summary.setDigest(CompanyDigest.newBuilder().setAsOf(Instant.parse("2026-03-01T07:00:00Z")).setDay(empty)
        .setWeek(empty).setText(text).build());
    return summary;
  }

  @Test
  void theKeyIsTheCompanyAndTheLocalDay() {
    assertEquals("digest:bytedance:2026-03-02", DigestPayloads.idempotencyKey("bytedance", DAY));
  }

  @Test
  void aJsonBodyCarriesTheCompanyTheDayAndTheDigestAsItsCanonicalJson() throws Exception {
    CompanySummary summary = withDigest("acme", "Acme shipped a robot.");
    JsonNode body = CanonicalJson.mapper().readTree(DigestPayloads.body(summary, DAY, WebhookEndpoint.Format.JSON));
    assertEquals(List.of("kind", "companyId", "name", "date", "digest"), fieldNames(body));
    assertEquals("digest", body.get("kind").asText());
    assertEquals("acme", body.get("companyId").asText());
    assertEquals("Company ACME", body.get("name").asText());
    assertEquals("2026-03-02", body.get("date").asText());
    assertEquals(CanonicalJson.mapper().readTree(CanonicalJson.write(summary.getDigest())), body.get("digest"));
  }

  @Test
  void aSlackBodyEscapesTheDigestTextAndStaysWithinSlacksLimit() throws Exception {
    CompanySummary summary = withDigest("acme", "Acme <!channel> & <https://evil.example|click> said so.");
    JsonNode slack = CanonicalJson.mapper().readTree(DigestPayloads.body(summary, DAY, WebhookEndpoint.Format.SLACK));
    assertEquals("Digest of Company ACME (acme), 2026-03-02", slack.get("text").asText());
    assertEquals("*Digest of Company ACME (acme), 2026-03-02*\nAcme &lt;!channel&gt; &amp; "
        + "&lt;https://evil.example|click&gt; said so.", slack.at("/blocks/0/text/text").asText());

    CompanySummary longOne = withDigest("acme", "<".repeat(5000));
    String text = CanonicalJson.mapper().readTree(new String(DigestPayloads.body(longOne, DAY,
        WebhookEndpoint.Format.SLACK), StandardCharsets.UTF_8)).at("/blocks/0/text/text").asText();
    assertTrue(text.length() <= DigestPayloads.SLACK_SECTION_LIMIT, "length " + text.length());
    assertTrue(text.endsWith("&lt;…"), "cut between escapes, not inside one: " + text.substring(text.length() - 10));
  }

  @Test
  void aSummaryWithoutDigestHasNoBody() {
    assertThrows(IllegalArgumentException.class,
        () -> DigestPayloads.body(TestRecords.summary("acme", 1), DAY, WebhookEndpoint.Format.JSON));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
