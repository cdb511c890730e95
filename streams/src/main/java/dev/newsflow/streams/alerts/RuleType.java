package dev.newsflow.streams.alerts;

/** The kinds of alert rule. */
public enum RuleType {
  /** A company announced a release that is the newest of its product family. */
  NEW_RELEASE,
  /** A company's trend score (z-score of the current hour) reached the rule's threshold. */
  MENTION_SPIKE,
  /** A company's mean sentiment over the last 24 h fell to the rule's threshold. */
  SENTIMENT_DROP,
  /** A story about a watched company, topic or keyword. */
  WATCH
}
