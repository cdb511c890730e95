package dev.newsflow.consumer.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * What the root README tells webhook receivers is true: its signature test vector signs as printed, its
 * sample Slack payload is what newsflow sends for the sample alert, and every alert field is documented.
 */
class WebhookDocsTest {
  static final Path README = Path.of("..", "README.md");

  @Test
  void theSignatureTestVectorIsRight() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Map<String, String> vector = new HashMap<>();
    for (String line : readme.substring(readme.indexOf("secret:    ")).split("\n", 5)) {
      int colon = line.indexOf(':');
      vector.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).strip());
    }
    assertEquals("whsec_example_do_not_use", vector.get("secret"));
    assertEquals("X-Newsflow-Signature: " + WebhookSignature.sign(vector.get("secret"),
        Long.parseLong(vector.get("timestamp")), vector.get("body").getBytes(StandardCharsets.UTF_8)), vector.get("header"));
    assertEquals("X-Newsflow-Signature: v1=81b9d4db3f34bb16bc04567dfbc34936a063b622bfa5169466f7f77eb64d70bc",
        vector.get("header"), "computed independently with Python's hmac");
  }

  @Test
  void theSampleSlackPayloadIsWhatTheSampleAlertBecomes() throws IOException {
    JsonNode documented = jsonBlockAfter("Sample Slack payload");
    assertEquals(documented, CanonicalJson.mapper().readTree(AlertPayloads.slack(sampleAlert())));
  }

  @Test
  void everyAlertFieldIsDocumented() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String table = readme.substring(readme.indexOf("| alert field |"));
    for (Schema.Field field : Alert.getClassSchema().getFields()) {
      assertTrue(table.contains("\n| `" + field.name() + "` |"), "README's alert field table lacks " + field.name());
    }
  }

  @Test
  void theDigestSubscriptionExampleIsAcceptedAsPrinted() throws IOException {
    JsonNode example = jsonBlockAfter("### Daily digests");
    WebhookEndpoint morning = WebhookSubscriptions.parse("README", example, Map.of("NEWSROOM_SECRET", "s")).get(0);
    assertEquals(new DigestSchedule(java.util.Set.of("bytedance", "alibaba"), java.time.LocalTime.of(8, 0),
        java.time.ZoneId.of("Asia/Shanghai")), morning.digests());
  }

  @Test
  void everyDigestBodyFieldIsDocumented() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String table = readme.substring(readme.indexOf("| digest body field |"));
    table = table.substring(0, table.indexOf("\n\n"));
    JsonNode body = CanonicalJson.mapper().readTree(DigestPayloads.body(DigestPayloadsTest.withDigest("acme", "A."),
        java.time.LocalDate.parse("2026-03-02"), WebhookEndpoint.Format.JSON));
    for (String field : (Iterable<String>) body::fieldNames) {
      assertTrue(table.contains("`" + field + "`"), "README's digest body table lacks " + field);
    }
    for (Schema.Field field : dev.newsflow.schema.CompanyDigest.getClassSchema().getFields()) {
      assertTrue(table.contains("`" + field.name() + "`"), "README's digest body table lacks digest." + field.name());
    }
  }

  /** The alert of schemas/test-vectors/Alert.json. */
  static Alert sampleAlert() throws IOException {
    JsonNode vector = CanonicalJson.mapper().readTree(Files.readString(Path.of("..", "schemas", "test-vectors", "Alert.json")));
    return CanonicalJson.read(vector.get("json"), Alert.class);
  }

  /** The first JSON code block of the README after {@code heading}, parsed. */
  private static JsonNode jsonBlockAfter(String heading) throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String section = readme.substring(readme.indexOf(heading));
    int start = section.indexOf("```json\n") + "```json\n".length();
    return CanonicalJson.mapper().readTree(section.substring(start, section.indexOf("```", start)));
  }
}
