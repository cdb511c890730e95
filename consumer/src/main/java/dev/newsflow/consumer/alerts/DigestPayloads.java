package dev.newsflow.consumer.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.CompanySummary;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * The bodies of a daily digest delivery: a JSON object with the company, the day and the digest's
 * canonical JSON, or a Slack message with the digest's sentences. Alert bodies are in {@link AlertPayloads}.
 */
public final class DigestPayloads {
  /** Slack refuses a section text longer than 3000 characters; the rest of a long digest is cut. */
  static final int SLACK_SECTION_LIMIT = 3000;

  private DigestPayloads() {}

  /**
   * The {@code Idempotency-Key} of a company's digest for one local day, {@code digest:<companyId>:<date>}:
   * the same on every retry and after a restart, so a receiver takes one digest per company and day.
   */
  public static String idempotencyKey(String companyId, LocalDate date) {
    return "digest:" + companyId + ":" + date;
  }

  /** The body for {@code summary}'s digest of {@code date}; the summary must carry a digest. */
  public static byte[] body(CompanySummary summary, LocalDate date, WebhookEndpoint.Format format) {
    if (summary.getDigest() == null) {
      throw new IllegalArgumentException("company " + summary.getCompanyId() + " has no digest");
    }
    ObjectNode root = switch (format) {
      case JSON -> json(summary, date);
      case SLACK -> slack(summary, date);
    };
    try {
      return CanonicalJson.mapper().writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode json(CompanySummary summary, LocalDate date) {
    ObjectNode root = CanonicalJson.mapper().createObjectNode();
    root.put("kind", "digest");
    root.put("companyId", summary.getCompanyId());
    root.put("name", summary.getName());
    root.put("date", date.toString());
    root.set("digest", CanonicalJson.toTree(summary.getDigest()));
    return root;
  }

  /** Digest text quotes articles, so it is escaped like alert text: it cannot ping a channel or forge a link. */
  private static ObjectNode slack(CompanySummary summary, LocalDate date) {
    String title = "Digest of " + summary.getName() + " (" + summary.getCompanyId() + "), " + date;
    ObjectNode root = CanonicalJson.mapper().createObjectNode();
    root.put("text", AlertPayloads.escape(title));
    String heading = "*" + AlertPayloads.escape(title) + "*\n";
    String text = heading + AlertPayloads.escape(summary.getDigest().getText());
    if (text.length() > SLACK_SECTION_LIMIT) {
      int end = SLACK_SECTION_LIMIT - 1;
      if (Character.isLowSurrogate(text.charAt(end))) {
        end--; // never split a character outside the Basic Multilingual Plane
      }
      int entity = text.lastIndexOf('&', end);
      if (entity >= 0 && text.indexOf(';', entity) >= end) {
        end = entity; // nor an escape such as &lt;
      }
      text = text.substring(0, end) + "…";
    }
    ObjectNode section = root.putArray("blocks").addObject().put("type", "section");
    section.putObject("text").put("type", "mrkdwn").put("text", text);
    return root;
  }
}
