package dev.newsflow.consumer.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.io.FileProblem;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.AlertRule;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads the webhook subscriptions file:
 * <pre>{@code
 * {"endpoints": [
 *   {"name": "newsroom", "url": "https://example.com/hooks/newsflow", "secretEnv": "NEWSROOM_SECRET",
 *    "rules": ["new-releases"], "companies": ["bytedance"]},
 *   {"name": "robots", "url": "https://example.com/hooks/robots", "topics": ["robotics-humanoids"]},
 *   {"name": "chat", "url": "https://hooks.slack.com/services/...", "format": "slack"}]}
 * }</pre>
 * The secret is given inline ({@code secret}) or, better, by the name of an environment variable
 * ({@code secretEnv}). Every problem in the file is reported at once, each with the endpoint it is in.
 */
public final class WebhookSubscriptions {
  private static final String RELEASE_TYPE = "NEW_RELEASE";
  private static final Set<String> FIELDS =
      Set.of("name", "url", "format", "secret", "secretEnv", "rules", "companies", "topics", "start");

  private WebhookSubscriptions() {}

  public static List<WebhookEndpoint> load(Path file, Map<String, String> environment) {
    JsonNode root;
    try {
      if (Files.size(file) > 1024 * 1024) {
        throw new IllegalArgumentException(file + ": larger than 1 MiB, not a subscriptions file");
      }
      root = CanonicalJson.mapper().readTree(Files.readString(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("subscriptions " + file + " are not valid JSON: " + CanonicalJson.describe(e), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read subscriptions " + file + ": " + FileProblem.reason(e), e);
    }
    return parse(file.toString(), root, environment);
  }

  static List<WebhookEndpoint> parse(String source, JsonNode root, Map<String, String> environment) {
    List<String> problems = new ArrayList<>();
    List<WebhookEndpoint> endpoints = new ArrayList<>();
    JsonNode list = root == null ? null : root.get("endpoints");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(source + ": expected {\"endpoints\": [...]}");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode e = list.get(i);
      String position = source + ": endpoints[" + i + "]";
      if (!e.isObject()) {
        problems.add(position + ": expected an object");
        continue;
      }
      e.fieldNames().forEachRemaining(f -> {
        if (!FIELDS.contains(f)) {
          problems.add(position + ": unknown field '" + f + "'");
        }
      });
      String where = position;
      String name = text(e, "name");
      if (name == null || name.isBlank()) {
        problems.add(where + ": name is required");
        name = "#" + i;
      } else if (!names.add(name)) {
        problems.add(where + ": name '" + name + "' is used twice");
      }
      where = source + ": endpoint '" + name + "'";
      URI url = null;
      String rawUrl = text(e, "url");
      if (rawUrl == null) {
        problems.add(where + ": url is required");
      } else {
        try {
          url = new URI(rawUrl);
          if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            problems.add(where + ": url must be an absolute http:// or https:// URL, got " + rawUrl);
          }
        } catch (URISyntaxException ex) {
          problems.add(where + ": url is not a URL: " + ex.getMessage());
        }
      }
      WebhookEndpoint.Format format = choice(e, "format", WebhookEndpoint.Format.JSON, where, problems);
      String secret = text(e, "secret");
      String secretEnv = text(e, "secretEnv");
      if (secretEnv != null) {
        secret = environment.get(secretEnv);
        if (secret == null || secret.isEmpty()) {
          problems.add(where + ": environment variable " + secretEnv + " (secretEnv) is not set");
        }
      }
      WebhookEndpoint.Start start = choice(e, "start", WebhookEndpoint.Start.NOW, where, problems);
      endpoints.add(new WebhookEndpoint(name, url, format, secret, strings(e, "rules", where, problems),
          strings(e, "companies", where, problems), strings(e, "topics", where, problems), start));
    }
    Set<WebhookEndpoint.Start> starts = new TreeSet<>();
    endpoints.forEach(e -> starts.add(e.start()));
    if (starts.size() > 1) {
      // One file is one consumer group, so it has one starting point.
      problems.add(source + ": every endpoint of one file must have the same start (now or earliest); "
          + "put subscriptions that start differently in files of their own, each run by its own 'alerts'");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid webhook subscriptions:\n  " + String.join("\n  ", problems));
    }
    return List.copyOf(endpoints);
  }

  /** Where the dispatcher of {@code endpoints} starts when its consumer group is new (they all agree). */
  public static WebhookEndpoint.Start start(List<WebhookEndpoint> endpoints) {
    return endpoints.stream().map(WebhookEndpoint::start).anyMatch(WebhookEndpoint.Start.EARLIEST::equals)
        ? WebhookEndpoint.Start.EARLIEST : WebhookEndpoint.Start.NOW;
  }

  /**
   * Refuses subscriptions that could never match: a rule filter naming neither a rule on the rules topic
   * nor a rule type, a topic the classifier never assigns, or a topic filter on release alerts (a
   * NEW_RELEASE alert is about a release, not an article, so it carries no topics). Every problem is
   * listed at once.
   *
   * @param ruleTypes the rule types ({@code NEW_RELEASE}, ...)
   * @param topics the topics articles can carry
   */
  public static void requireKnown(String source, List<WebhookEndpoint> endpoints, Collection<AlertRule> rules,
      Set<String> ruleTypes, Set<String> topics) {
    Map<String, AlertRule> byId = new TreeMap<>();
    rules.forEach(r -> byId.put(r.getId(), r));
    List<String> problems = new ArrayList<>();
    for (WebhookEndpoint e : endpoints) {
      String where = source + ": endpoint '" + e.name() + "'";
      for (String rule : new TreeSet<>(e.rules())) {
        if (!byId.containsKey(rule) && !ruleTypes.contains(rule)) {
          problems.add(where + ": no rule '" + rule + "' on the alert.rules topic (rules: "
              + (byId.isEmpty() ? "none loaded" : String.join(", ", byId.keySet())) + "; or a type: "
              + String.join(", ", new TreeSet<>(ruleTypes)) + ")");
        }
      }
      for (String topic : new TreeSet<>(e.topics())) {
        if (!topics.contains(topic)) {
          problems.add(where + ": no topic '" + topic + "' (topics: " + String.join(", ", new TreeSet<>(topics)) + ")");
        }
      }
      if (!e.topics().isEmpty()) {
        for (String rule : new TreeSet<>(e.rules())) {
          AlertRule r = byId.get(rule);
          if (RELEASE_TYPE.equals(rule) || (r != null && RELEASE_TYPE.equals(r.getType()))) {
            problems.add(where + ": " + RELEASE_TYPE + " alerts (rule '" + rule + "') carry no topics, so the topics "
                + "filter would drop every one; subscribe to them from an endpoint without topics");
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("webhook subscriptions refused:\n  " + String.join("\n  ", problems));
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /**
   * The optional field {@code field} naming one constant of an enum, in any case; {@code absent} when the
   * field is missing, and also when it names no constant, which is noted as a problem.
   */
  private static <E extends Enum<E>> E choice(JsonNode node, String field, E absent, String where, List<String> problems) {
    String raw = text(node, field);
    if (raw == null) {
      return absent;
    }
    Class<E> type = absent.getDeclaringClass();
    try {
      return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException ex) {
      String allowed = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(" or "));
      problems.add(where + ": " + field + " must be " + allowed + ", got " + raw);
      return absent;
    }
  }

  private static Set<String> strings(JsonNode node, String field, String where, List<String> problems) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Set.of();
    }
    if (!v.isArray()) {
      problems.add(where + ": " + field + " must be a list of strings");
      return Set.of();
    }
    Set<String> values = new LinkedHashSet<>();
    v.forEach(item -> values.add(item.asText()));
    return Set.copyOf(values);
  }
}
