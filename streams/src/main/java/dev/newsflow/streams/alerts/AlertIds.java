package dev.newsflow.streams.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Alert ids: a hash of the rule id and what the alert is about (its story key), so that reprocessing
 * the same input gives the same id. The dispatcher uses the id as the idempotency key of deliveries.
 */
public final class AlertIds {
  private AlertIds() {}

  public static String of(String ruleId, String storyKey) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(ruleId.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0x1F);
      digest.update(storyKey.getBytes(StandardCharsets.UTF_8));
      return "alert-" + HexFormat.of().formatHex(digest.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
