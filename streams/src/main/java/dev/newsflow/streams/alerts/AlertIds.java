package dev.newsflow.streams.alerts;

import dev.newsflow.contract.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Alert ids: a hash of the rule id and what the alert is about (its story key), so that reprocessing
 * the same input gives the same id. The dispatcher uses the id as the idempotency key of deliveries.
 */
public final class AlertIds {
  private AlertIds() {}

  public static String of(String ruleId, String storyKey) {
    MessageDigest digest = Sha256.digest();
    digest.update(ruleId.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0x1F);
    digest.update(storyKey.getBytes(StandardCharsets.UTF_8));
    return "alert-" + Sha256.hex(digest.digest(), 12);
  }
}
