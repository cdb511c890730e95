package dev.newsflow.consumer.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.consumer.TestRecords;
import dev.newsflow.schema.Alert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSubscriptionsTest {
  @TempDir Path dir;

  @Test
  void readsEndpointsWithFiltersAndSecretsFromTheEnvironment() throws Exception {
    Path file = Files.writeString(dir.resolve("hooks.json"), """
        {"endpoints": [
          {"name": "newsroom", "url": "https://example.com/hooks", "secretEnv": "NEWSROOM_SECRET",
           "rules": ["new-release"], "companies": ["acme"]},
          {"name": "chat", "url": "http://127.0.0.1:9/slack", "format": "slack", "secret": "inline", "topics": ["ai"]}]}
        """);
    List<WebhookEndpoint> endpoints = WebhookSubscriptions.load(file, Map.of("NEWSROOM_SECRET", "from-env"));
    assertEquals(2, endpoints.size());
    WebhookEndpoint newsroom = endpoints.get(0);
    assertEquals("from-env", newsroom.secret());
    assertEquals(WebhookEndpoint.Format.SLACK, endpoints.get(1).format());

    Alert release = TestRecords.alert("a1", "new-release", "acme", "t");
    assertTrue(newsroom.matches(release));
    assertFalse(newsroom.matches(TestRecords.alert("a2", "new-release", "other", "t")), "wrong company");
    assertFalse(newsroom.matches(TestRecords.alert("a3", "spike", "acme", "t")), "wrong rule");
    Alert ai = TestRecords.alert("a5", "spike", "other", "t");
    assertFalse(endpoints.get(1).matches(ai), "no topics on the alert");
    ai.setTopics(List.of("chips", "ai"));
    assertTrue(endpoints.get(1).matches(ai));
    assertEquals(Set.of("ai"), endpoints.get(1).topics());
  }

  @Test
  void reportsEveryProblemWithTheEndpointItIsIn() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.json"), """
        {"endpoints": [
          {"name": "a", "url": "ftp://example.com/x", "format": "xml"},
          {"name": "a", "url": "https://example.com", "secretEnv": "MISSING", "colour": "red"},
          {"url": "javascript:alert(1)", "rules": "new-release"}]}
        """);
    var e = assertThrows(IllegalArgumentException.class, () -> WebhookSubscriptions.load(file, Map.of()));
    String where = file.toString();
    assertEquals("invalid webhook subscriptions:\n"
        + "  " + where + ": endpoint 'a': url must be an absolute http:// or https:// URL, got ftp://example.com/x\n"
        + "  " + where + ": endpoint 'a': format must be json or slack, got xml\n"
        + "  " + where + ": endpoints[1]: unknown field 'colour'\n"
        + "  " + where + ": endpoints[1]: name 'a' is used twice\n"
        + "  " + where + ": endpoint 'a': environment variable MISSING (secretEnv) is not set\n"
        + "  " + where + ": endpoints[2]: name is required\n"
        + "  " + where + ": endpoint '#2': url must be an absolute http:// or https:// URL, got javascript:alert(1)\n"
        + "  " + where + ": endpoint '#2': rules must be a list of strings", e.getMessage());
  }

  @Test
  void subscriptionsNamingAnUnknownRuleOrTopicAreRefusedWithEveryReason() throws Exception {
    // The README's example as it once stood: a rule id the sample does not have, a topic no article carries.
    Path file = Files.writeString(dir.resolve("hooks.json"), """
        {"endpoints": [
          {"name": "newsroom", "url": "https://example.com/hooks", "rules": ["new-release"], "topics": ["ai"]},
          {"name": "releases", "url": "https://example.com/r", "rules": ["new-releases"], "topics": ["cloud"]},
          {"name": "fine", "url": "https://example.com/f", "rules": ["WATCH", "new-releases"]}]}
        """);
    List<WebhookEndpoint> endpoints = WebhookSubscriptions.load(file, Map.of());
    List<dev.newsflow.schema.AlertRule> rules = List.of(
        dev.newsflow.schema.AlertRule.newBuilder().setId("new-releases").setType("NEW_RELEASE").build(),
        dev.newsflow.schema.AlertRule.newBuilder().setId("ai-video").setType("WATCH").build());
    Set<String> types = Set.of("NEW_RELEASE", "MENTION_SPIKE", "SENTIMENT_DROP", "WATCH");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        WebhookSubscriptions.requireKnown(file.toString(), endpoints, rules, types, Set.of("cloud", "funding-ma")));
    assertEquals("webhook subscriptions refused:\n"
        + "  " + file + ": endpoint 'newsroom': no rule 'new-release' on the alert.rules topic (rules: ai-video, "
        + "new-releases; or a type: MENTION_SPIKE, NEW_RELEASE, SENTIMENT_DROP, WATCH)\n"
        + "  " + file + ": endpoint 'newsroom': no topic 'ai' (topics: cloud, funding-ma)\n"
        + "  " + file + ": endpoint 'releases': NEW_RELEASE alerts (rule 'new-releases') carry no topics, so the topics "
        + "filter would drop every one; subscribe to them from an endpoint without topics", e.getMessage());
    WebhookSubscriptions.requireKnown(file.toString(), endpoints.subList(2, 3), rules, types, Set.of("cloud"));
  }

  @Test
  void brokenJsonAndAMissingFileAreToldInWords() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"endpoints\": [\n  {\"name\": }]}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WebhookSubscriptions.load(broken, Map.of()));
    assertTrue(e.getMessage().startsWith("subscriptions " + broken + " are not valid JSON: Unexpected character"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(line 2, column 12)"), e.getMessage());
    Path missing = dir.resolve("missing.json");
    e = assertThrows(IllegalArgumentException.class, () -> WebhookSubscriptions.load(missing, Map.of()));
    assertEquals("cannot read subscriptions " + missing + ": no such file", e.getMessage());
  }

  @Test
  void aSubscriptionStartsNowUnlessItSaysEarliest() throws Exception {
    Path now = Files.writeString(dir.resolve("now.json"), """
        {"endpoints": [{"name": "a", "url": "https://example.com/a"}]}
        """);
    List<WebhookEndpoint> fresh = WebhookSubscriptions.load(now, Map.of());
    assertEquals(WebhookEndpoint.Start.NOW, fresh.get(0).start(), "the default is now");
    assertEquals(WebhookEndpoint.Start.NOW, WebhookSubscriptions.start(fresh));

    Path earliest = Files.writeString(dir.resolve("earliest.json"), """
        {"endpoints": [{"name": "a", "url": "https://example.com/a", "start": "earliest"},
                       {"name": "b", "url": "https://example.com/b", "start": "EARLIEST"}]}
        """);
    assertEquals(WebhookEndpoint.Start.EARLIEST, WebhookSubscriptions.start(WebhookSubscriptions.load(earliest, Map.of())));
  }

  @Test
  void aWrongStartOrFilesMixingStartsAreRefused() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad-start.json"), """
        {"endpoints": [{"name": "a", "url": "https://example.com/a", "start": "yesterday"}]}
        """);
    var wrong = assertThrows(IllegalArgumentException.class, () -> WebhookSubscriptions.load(bad, Map.of()));
    assertTrue(wrong.getMessage().contains("endpoint 'a': start must be now or earliest, got yesterday"), wrong.getMessage());

    Path mixed = Files.writeString(dir.resolve("mixed.json"), """
        {"endpoints": [{"name": "a", "url": "https://example.com/a", "start": "earliest"},
                       {"name": "b", "url": "https://example.com/b"}]}
        """);
    var both = assertThrows(IllegalArgumentException.class, () -> WebhookSubscriptions.load(mixed, Map.of()));
    assertTrue(both.getMessage().contains("every endpoint of one file must have the same start"), both.getMessage());
  }
}
