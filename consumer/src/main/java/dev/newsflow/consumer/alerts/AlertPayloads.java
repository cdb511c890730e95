package dev.newsflow.consumer.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The bodies newsflow posts: the alert's canonical JSON, or a Slack incoming-webhook message. */
public final class AlertPayloads {
  private AlertPayloads() {}

  /**
   * The {@code Idempotency-Key} of a delivery: the alert id, and for a withdrawal {@code <id>:withdrawn},
   * so that a receiver that drops repeats still receives the withdrawal of an alert it already has.
   */
  public static String idempotencyKey(Alert alert) {
    return alert.getWithdrawn() ? alert.getId() + ":withdrawn" : alert.getId();
  }

  public static byte[] body(Alert alert, WebhookEndpoint.Format format) {
    return switch (format) {
      case JSON -> CanonicalJson.write(alert).getBytes(StandardCharsets.UTF_8);
      case SLACK -> slack(alert).getBytes(StandardCharsets.UTF_8);
    };
  }

  /**
   * A Slack message: a plain {@code text} fallback and blocks in Slack's markup. Alert text comes from
   * articles, so Slack's control characters are escaped: it cannot ping {@code <!channel>} or forge links.
   */
  static String slack(Alert alert) {
    ObjectNode root = CanonicalJson.mapper().createObjectNode();
    String headline = (alert.getWithdrawn() ? "[withdrawn] " : "") + (alert.getRumour() ? "[rumour] " : "")
        + alert.getTitle();
    root.put("text", escape(headline));
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode section = blocks.addObject().put("type", "section");
    StringBuilder text = new StringBuilder("*").append(escape(headline)).append('*');
    if (alert.getMessage() != null) {
      text.append('\n').append(escape(alert.getMessage()));
    }
    section.putObject("text").put("type", "mrkdwn").put("text", text.toString());
    List<String> context = new ArrayList<>();
    context.add(escape(alert.getRuleType()) + " · " + escape(alert.getRuleId()));
    if (alert.getCompanyId() != null) {
      context.add("company " + escape(alert.getCompanyId()));
    }
    if (alert.getSeverity() != null) {
      context.add("severity " + escape(alert.getSeverity()));
    }
    context.add(alert.getFiredAt().toString());
    ArrayNode elements = blocks.addObject().put("type", "context").putArray("elements");
    elements.addObject().put("type", "mrkdwn").put("text", String.join(" | ", context));
    try {
      return CanonicalJson.mapper().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Slack's own escaping: &amp; &lt; &gt; are the only characters that control its markup. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
