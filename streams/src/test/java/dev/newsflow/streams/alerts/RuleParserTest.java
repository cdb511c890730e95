package dev.newsflow.streams.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.AlertRule;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleParserTest {
  static AlertRule rule(String json) {
    return CanonicalJson.read(json, AlertRule.class);
  }

  @Test
  void readsARuleWithItsDefaults() {
    Rule r = RuleParser.parse(rule("{\"id\":\"spike\",\"type\":\"mention_spike\",\"companies\":[\"acme\"],\"throttle\":\"6h\"}"));
    assertEquals(new Rule("spike", RuleType.MENTION_SPIKE, null, Set.of("acme"), Set.of(), List.of(), 3.0, 3, 1,
        Duration.ofHours(6), "warning"), r);
    Rule w = RuleParser.parse(rule("{\"id\":\"w\",\"type\":\"WATCH\",\"topics\":[\"Robotics \"],\"keywords\":[\"Humanoid  Robot\",\"人形机器人\"]}"));
    assertEquals(Set.of("robotics"), w.topics());
    assertEquals(List.of("humanoid robot", "人形机器人"), w.keywords());
    assertEquals("info", w.severity());
    assertEquals(-0.3, RuleParser.parse(rule("{\"id\":\"s\",\"type\":\"SENTIMENT_DROP\"}")).threshold());
  }

  @Test
  void reportsEveryProblemOfABadRuleAtOnce() {
    InvalidRuleException e = assertThrows(InvalidRuleException.class, () -> RuleParser.parse(rule(
        "{\"id\":\"bad id!\",\"type\":\"NEW_RELEASE\",\"topics\":[\"x\"],\"minSources\":2,\"throttle\":\"soon\","
            + "\"threshold\":2,\"severity\":\"loud\"}")));
    assertEquals(List.of(
        "id must be 1-100 letters, digits, '.', '_', ':' or '-', starting with a letter or digit, got 'bad id!'",
        "topics apply to WATCH rules only",
        "threshold applies to MENTION_SPIKE and SENTIMENT_DROP rules only",
        "minSources must be 1 for NEW_RELEASE: a release record is the company's own announcement",
        "throttle: expected a duration such as 500ms, 30s, 5m, 2h or PT30S, got 'soon'",
        "severity must be info, warning or critical, got 'loud'"), sorted(e.problems(), List.of(
        "id", "topics", "threshold", "minSources", "throttle", "severity")));
    assertEquals(6, e.problems().size(), e.problems().toString());
  }

  @Test
  void refusesRulesThatCouldNeverMeanAnything() {
    assertEquals(List.of("a WATCH rule needs at least one of companies, topics or keywords"),
        assertThrows(InvalidRuleException.class, () -> RuleParser.parse(rule("{\"id\":\"w\",\"type\":\"WATCH\"}"))).problems());
    assertEquals(List.of("a MENTION_SPIKE threshold is a z-score above 0, got -1.0"),
        assertThrows(InvalidRuleException.class, () -> RuleParser.parse(rule("{\"id\":\"m\",\"type\":\"MENTION_SPIKE\",\"threshold\":-1}"))).problems());
    assertEquals(List.of("a SENTIMENT_DROP threshold is a mean sentiment in -1..1, got -2.0"),
        assertThrows(InvalidRuleException.class, () -> RuleParser.parse(rule("{\"id\":\"s\",\"type\":\"SENTIMENT_DROP\",\"threshold\":-2}"))).problems());
    assertEquals(List.of("type must be one of NEW_RELEASE, MENTION_SPIKE, SENTIMENT_DROP, WATCH, got 'SOMETIMES'"),
        assertThrows(InvalidRuleException.class, () -> RuleParser.parse(rule("{\"id\":\"x\",\"type\":\"SOMETIMES\"}"))).problems());
  }

  /** The problems in the order of the given prefixes, so the assertion does not depend on check order. */
  private static List<String> sorted(List<String> problems, List<String> prefixes) {
    return prefixes.stream().map(p -> problems.stream().filter(x -> x.startsWith(p)).findFirst().orElse("missing: " + p)).toList();
  }
}
