package dev.newsflow.streams.aggregate.profile;

import dev.newsflow.schema.CompanySummary;
import dev.newsflow.streams.alerts.AlertCandidate;

/** What {@link CompanyProfiles} emits: a company's new summary, or an alert candidate. */
public record ProfileOutput(CompanySummary summary, AlertCandidate candidate) {
  static ProfileOutput of(CompanySummary summary) {
    return new ProfileOutput(summary, null);
  }

  static ProfileOutput of(AlertCandidate candidate) {
    return new ProfileOutput(null, candidate);
  }

  public boolean isSummary() {
    return summary != null;
  }
}
