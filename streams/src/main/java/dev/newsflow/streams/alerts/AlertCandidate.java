package dev.newsflow.streams.alerts;

import java.util.List;
import java.util.Map;

/**
 * A rule's condition held for one event; {@link AlertGate} decides whether it becomes an alert (once per
 * rule and story, after enough independent sources).
 *
 * @param storyKey what the alert is about, the unit of "once": a story id for WATCH, a company and story
 *     for SENTIMENT_DROP, a company and hour for MENTION_SPIKE, a release id for NEW_RELEASE
 * @param eventTime event time at which the condition held; becomes the alert's {@code firedAt}
 * @param evidence the ids behind the candidate, the triggering article or release first
 * @param rumour the rumour wording of the evidence, null when it has none
 * @param sourceKey the outlet behind this evidence, for confirmation; null when unknown
 * @param requiredSources independent outlets needed before the alert fires
 * @param topics the topics of the evidence, so that subscribers can follow a topic
 * @param repeat the triggering article is a repeat ({@code duplicateOf} another): it can confirm its
 *     story's alert but never starts one for a story the gate has forgotten
 * @param retracted the triggering article no longer supports this story (a revision moved it to another
 *     story, or it stopped matching): the gate takes its support back
 * @param supportId what the candidate rests on, one support per id in the gate: the article or release (or,
 *     for a spike, the company's hour, judged again as its articles come)
 */
public record AlertCandidate(
    String ruleId,
    String ruleType,
    String storyKey,
    String companyId,
    String storyId,
    String title,
    String message,
    long eventTime,
    List<String> evidence,
    Map<String, Double> metrics,
    String rumour,
    String severity,
    String sourceKey,
    int requiredSources,
    List<String> topics,
    boolean repeat,
    boolean retracted,
    String supportId) {

  /** The key candidates are gated under: one alert per rule and story. */
  public String gateKey() {
    return ruleId + "|" + storyKey;
  }

  /** This candidate's support taken back. */
  public AlertCandidate retraction() {
    return new AlertCandidate(ruleId, ruleType, storyKey, companyId, storyId, title, message, eventTime, evidence,
        metrics, rumour, severity, sourceKey, requiredSources, topics, repeat, true, supportId);
  }
}
