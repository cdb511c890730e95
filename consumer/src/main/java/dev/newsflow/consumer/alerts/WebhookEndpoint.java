package dev.newsflow.consumer.alerts;

import dev.newsflow.schema.Alert;
import java.net.URI;
import java.util.Set;

/**
 * One webhook subscription: where to send, in which format, signed with which secret, and which alerts
 * it wants. An empty filter matches everything; filters that are given must all match (a rule in
 * {@code rules}, and a company in {@code companies}, and a topic in {@code topics}).
 */
public record WebhookEndpoint(String name, URI url, Format format, String secret, Set<String> rules,
    Set<String> companies, Set<String> topics) {

  /** The body shape: newsflow's canonical JSON of the alert, or a Slack incoming-webhook message. */
  public enum Format { JSON, SLACK }

  public boolean matches(Alert alert) {
    return (rules.isEmpty() || rules.contains(alert.getRuleId()) || rules.contains(alert.getRuleType()))
        && (companies.isEmpty() || (alert.getCompanyId() != null && companies.contains(alert.getCompanyId())))
        && (topics.isEmpty() || alert.getTopics().stream().anyMatch(topics::contains));
  }

  @Override
  public String toString() {
    return name + " (" + url.getScheme() + "://" + url.getAuthority() + ")";
  }
}
