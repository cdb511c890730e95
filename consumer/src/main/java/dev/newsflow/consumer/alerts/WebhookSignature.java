package dev.newsflow.consumer.alerts;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on every webhook: {@code X-Newsflow-Signature: v1=<hex HMAC-SHA256>} computed with the
 * endpoint's secret over {@code <timestamp> + "." + <body bytes>}, where the timestamp (Unix seconds) is
 * sent as {@code X-Newsflow-Timestamp}. Signing the timestamp lets a receiver refuse an old request
 * replayed by someone who captured it; the {@code Idempotency-Key} header (the alert id) lets it drop
 * a repeat that newsflow itself sent after a timeout.
 */
public final class WebhookSignature {
  public static final String TIMESTAMP_HEADER = "X-Newsflow-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Newsflow-Signature";
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  public static final String ATTEMPT_HEADER = "X-Newsflow-Attempt";
  public static final String VERSION = "v1=";

  /** What a receiver concludes about a request. */
  public enum Verdict { VALID, MISSING, BAD_SIGNATURE, STALE }

  private WebhookSignature() {}

  public static String sign(String secret, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return VERSION + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /**
   * The receiver's check, as newsflow's README describes it: the signature matches (compared in constant
   * time) and the timestamp is within {@code tolerance} of {@code now}.
   */
  public static Verdict verify(String secret, String timestampHeader, String signatureHeader, byte[] body,
      Instant now, Duration tolerance) {
    if (timestampHeader == null || signatureHeader == null) {
      return Verdict.MISSING;
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(timestampHeader.trim());
    } catch (NumberFormatException e) {
      return Verdict.BAD_SIGNATURE;
    }
    byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signatureHeader.trim().getBytes(StandardCharsets.US_ASCII))) {
      return Verdict.BAD_SIGNATURE;
    }
    if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
      return Verdict.STALE;
    }
    return Verdict.VALID;
  }
}
