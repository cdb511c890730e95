package dev.newsflow.consumer.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.consumer.TestRecords;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AlertPayloadsTest {
  @Test
  void jsonIsTheAlertsCanonicalJson() {
    Alert alert = TestRecords.alert("al-1", "new-release", "acme", "Acme ships Model 2");
    byte[] body = AlertPayloads.body(alert, WebhookEndpoint.Format.JSON);
    assertEquals(alert, CanonicalJson.read(new String(body, StandardCharsets.UTF_8), Alert.class));
  }

  @Test
  void slackMessagesEscapeArticleTextSoItCannotPingOrForgeLinks() throws Exception {
    Alert alert = TestRecords.alert("al-2", "spike", "acme", "<!channel> Acme & <https://evil.example|click>");
    alert.setRumour(true);
    JsonNode slack = CanonicalJson.mapper().readTree(AlertPayloads.body(alert, WebhookEndpoint.Format.SLACK));
    assertEquals("[rumour] &lt;!channel&gt; Acme &amp; &lt;https://evil.example|click&gt;", slack.get("text").asText());
    assertEquals("*[rumour] &lt;!channel&gt; Acme &amp; &lt;https://evil.example|click&gt;*\nDetails of al-2",
        slack.at("/blocks/0/text/text").asText());
    assertEquals("mrkdwn", slack.at("/blocks/0/text/type").asText());
    assertEquals("NEW_RELEASE · spike | company acme | severity high | 2026-03-01T08:00:00Z",
        slack.at("/blocks/1/elements/0/text").asText());
  }

  @Test
  void aWithdrawalIsDeliveredUnderItsOwnIdempotencyKeySoReceiversThatDropRepeatsStillGetIt() throws Exception {
    Alert alert = TestRecords.alert("al-3", "watch", "acme", "Acme story");
    assertEquals("al-3", AlertPayloads.idempotencyKey(alert));
    alert.setWithdrawn(true);
    assertEquals("al-3:withdrawn", AlertPayloads.idempotencyKey(alert));
    assertEquals("[withdrawn] Acme story", CanonicalJson.mapper().readTree(AlertPayloads.slack(alert)).get("text").asText());
  }
}
