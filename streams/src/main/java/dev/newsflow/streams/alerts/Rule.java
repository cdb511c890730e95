package dev.newsflow.streams.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A checked alert rule, ready to evaluate (see {@link RuleParser} for how an {@code AlertRule} record
 * becomes one). Company ids are as written; topics and keywords are normalized.
 */
public record Rule(
    String id,
    RuleType type,
    String description,
    Set<String> companies,
    Set<String> topics,
    List<String> keywords,
    double threshold,
    int minArticles,
    int minSources,
    Duration throttle,
    String severity) {

  /** Whether the rule is about {@code companyId} (a rule naming no company is about all of them). */
  public boolean appliesTo(String companyId) {
    return companies.isEmpty() || companies.contains(companyId);
  }
}
