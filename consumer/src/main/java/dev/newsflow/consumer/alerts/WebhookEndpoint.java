package dev.newsflow.consumer.alerts;

import dev.newsflow.schema.Alert;
import java.net.URI;
import java.util.Set;

/**
 * One webhook subscription: where to send, in which format, signed with which secret, which alerts it
 * wants and, optionally, which companies' daily digests ({@code digests}, null for none). An empty filter
 * matches everything; filters that are given must all match (a rule in {@code rules}, and a company in
 * {@code companies}, and a topic in {@code topics}). An endpoint with digests and no alert filter at all
 * receives digests only.
 */
public record WebhookEndpoint(String name, URI url, Format format, String secret, Set<String> rules,
    Set<String> companies, Set<String> topics, Start start, DigestSchedule digests) {

  /** The body shape: newsflow's canonical JSON of the alert, or a Slack incoming-webhook message. */
  public enum Format { JSON, SLACK }

  /**
   * Where a new subscription starts: {@code NOW} (the default) delivers only alerts stored after the
   * dispatcher first started with it; {@code EARLIEST} also every alert the topic still holds. Once
   * running, the dispatcher's committed offsets decide, so a restart neither skips nor repeats.
   */
  public enum Start { NOW, EARLIEST }

  /** A subscription to alerts only, that starts {@link Start#NOW}. */
  public WebhookEndpoint(String name, URI url, Format format, String secret, Set<String> rules,
      Set<String> companies, Set<String> topics) {
    this(name, url, format, secret, rules, companies, topics, Start.NOW, null);
  }

  /** A subscription to alerts only. */
  public WebhookEndpoint(String name, URI url, Format format, String secret, Set<String> rules,
      Set<String> companies, Set<String> topics, Start start) {
    this(name, url, format, secret, rules, companies, topics, start, null);
  }

  /** Whether this endpoint receives alerts at all: always, unless it asked for digests and set no alert filter. */
  public boolean wantsAlerts() {
    return digests == null || !(rules.isEmpty() && companies.isEmpty() && topics.isEmpty());
  }

  public boolean matches(Alert alert) {
    return wantsAlerts() && (rules.isEmpty() || rules.contains(alert.getRuleId()) || rules.contains(alert.getRuleType()))
        && (companies.isEmpty() || (alert.getCompanyId() != null && companies.contains(alert.getCompanyId())))
        && (topics.isEmpty() || alert.getTopics().stream().anyMatch(topics::contains));
  }

  @Override
  public String toString() {
    return name + " (" + url.getScheme() + "://" + url.getAuthority() + ")";
  }
}
