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
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the webhook subscriptions file:
 * <pre>{@code
 * {"endpoints": [
 *   {"name": "newsroom", "url": "https://example.com/hooks/newsflow", "secretEnv": "NEWSROOM_SECRET",
 *    "rules": ["new-releases"], "companies": ["bytedance"]},
 *   {"name": "robots", "url": "https://example.com/hooks/robots", "topics": ["robotics-humanoids"]},
 *   {"name": "chat", "url": "https://hooks.slack.com/services/...", "format": "slack"},
 *   {"name": "morning", "url": "https://example.com/hooks/digests", "secretEnv": "NEWSROOM_SECRET",
 *    "digests": {"companies": ["bytedance"], "at": "08:00", "zone": "Asia/Shanghai"}}]}
 * }</pre>
 * The secret is given inline ({@code secret}) or, better, by the name of an environment variable
 * ({@code secretEnv}). {@code digests} asks for the listed companies' digests each day at {@code at}
 * ({@code HH:mm}) in {@code zone} (an IANA zone id, default UTC). Every problem in the file is reported at
 * once, each with the endpoint it is in.
 */
public final class WebhookSubscriptions {
  private static final String RELEASE_TYPE = "NEW_RELEASE";
  private static final Set<String> FIELDS =
      Set.of("name", "url", "format", "secret", "secretEnv", "rules", "companies", "topics", "start", "digests");
  private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
  private static final Set<String> DIGEST_FIELDS = Set.of("companies", "at", "zone");
  /** A company id as the companies topic keys it (no white space), and no '/', which ends it in a delivery key. */
  private static final Pattern COMPANY_ID = Pattern.compile("[^\\s/]+");

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
      DigestSchedule digests = digests(e.get("digests"), where, problems);
      endpoints.add(new WebhookEndpoint(name, url, format, secret, strings(e, "rules", where, problems),
          strings(e, "companies", where, problems), strings(e, "topics", where, problems), start, digests));
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

  /** The optional {@code digests} object; null when absent, and also when wrong, which is noted as a problem. */
  private static DigestSchedule digests(JsonNode node, String where, List<String> problems) {
    if (node == null || node.isNull()) {
      return null;
    }
    String inDigests = where + ": digests";
    if (!node.isObject()) {
      problems.add(inDigests + " must be an object like {\"companies\": [\"bytedance\"], \"at\": \"08:00\", \"zone\": \"UTC\"}");
      return null;
    }
    int before = problems.size();
    node.fieldNames().forEachRemaining(f -> {
      if (!DIGEST_FIELDS.contains(f)) {
        problems.add(inDigests + ": unknown field '" + f + "' (digests has companies, at, zone)");
      }
    });
    Set<String> companies = strings(node, "companies", inDigests, problems);
    if (companies.isEmpty() && problems.size() == before) {
      problems.add(inDigests + ": companies must list at least one company id");
    }
    for (String company : new TreeSet<>(companies)) {
      if (!COMPANY_ID.matcher(company).matches()) {
        problems.add(inDigests + ": '" + company + "' is not a company id (no spaces or '/': e.g. bytedance)");
      }
    }
    LocalTime time = null;
    String rawTime = text(node, "at");
    if (rawTime == null) {
      problems.add(inDigests + ": at is required, the local time of day as HH:mm, e.g. 08:00");
    } else if (!HH_MM.matcher(rawTime).matches()) {
      problems.add(inDigests + ": at must be a time of day as HH:mm (00:00 to 23:59), got " + rawTime);
    } else {
      time = LocalTime.parse(rawTime);
    }
    ZoneId zone = ZoneOffset.UTC;
    String rawZone = text(node, "zone");
    if (rawZone != null) {
      try {
        zone = ZoneId.of(rawZone);
      } catch (DateTimeException ex) {
        problems.add(inDigests + ": zone must be a time zone id such as UTC, Europe/London or Asia/Shanghai, got " + rawZone);
      }
    }
    return problems.size() == before ? new DigestSchedule(companies, time, zone) : null;
  }

  /**
   * Refuses digest subscriptions that name a company missing from the companies topic ({@code companies}:
   * its ids), which would never have a digest; every problem is listed at once.
   */
  public static void requireKnownCompanies(String source, List<WebhookEndpoint> endpoints, Set<String> companies) {
    List<String> problems = new ArrayList<>();
    for (WebhookEndpoint e : endpoints) {
      if (e.digests() == null) {
        continue;
      }
      for (String company : new TreeSet<>(e.digests().companies())) {
        if (!companies.contains(company)) {
          problems.add(source + ": endpoint '" + e.name() + "': digests: no company '" + company
              + "' in the companies topic (" + (companies.isEmpty() ? "it is empty; 'newsflow companies load' fills it"
              : companies.size() + " companies, e.g. " + String.join(", ", new TreeSet<>(companies).stream().limit(5).toList()))
              + ")");
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
