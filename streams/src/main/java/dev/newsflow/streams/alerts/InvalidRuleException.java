package dev.newsflow.streams.alerts;

import java.util.List;

/** An alert rule that cannot be used, with every problem found in it. */
public final class InvalidRuleException extends IllegalArgumentException {
  private final String ruleId;
  private final List<String> problems;

  public InvalidRuleException(String ruleId, List<String> problems) {
    super("rule " + (ruleId == null || ruleId.isBlank() ? "(no id)" : ruleId) + ": " + String.join("; ", problems));
    this.ruleId = ruleId;
    this.problems = List.copyOf(problems);
  }

  public String ruleId() {
    return ruleId;
  }

  public List<String> problems() {
    return problems;
  }
}
