package dev.newsflow.consumer.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private static final byte[] BODY = "{\"id\":\"a1\"}".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.ofEpochSecond(1_772_352_000L);
  private static final Duration TOLERANCE = Duration.ofMinutes(5);

  @Test
  void signsTimestampDotBodyWithHmacSha256() {
    // Computed independently: printf '1772352000.{"id":"a1"}' | openssl dgst -sha256 -hmac s3cret
    assertEquals("v1=21c3adf724b76423517e37e16b1b9ad685e5ea0d5cc21d484b4dd9061cfb7515",
        WebhookSignature.sign("s3cret", 1_772_352_000L, BODY));
  }

  @Test
  void receiversAcceptFreshSignedRequestsAndRejectTamperingAndReplays() {
    String ts = Long.toString(NOW.getEpochSecond());
    String sig = WebhookSignature.sign("s3cret", NOW.getEpochSecond(), BODY);
    assertEquals(WebhookSignature.Verdict.VALID, WebhookSignature.verify("s3cret", ts, sig, BODY, NOW, TOLERANCE));
    assertEquals(WebhookSignature.Verdict.BAD_SIGNATURE, WebhookSignature.verify("other", ts, sig, BODY, NOW, TOLERANCE));
    assertEquals(WebhookSignature.Verdict.BAD_SIGNATURE, WebhookSignature.verify("s3cret", ts, sig,
        "{\"id\":\"a2\"}".getBytes(StandardCharsets.UTF_8), NOW, TOLERANCE));
    assertEquals(WebhookSignature.Verdict.BAD_SIGNATURE, WebhookSignature.verify("s3cret",
        Long.toString(NOW.getEpochSecond() + 1), sig, BODY, NOW, TOLERANCE), "the timestamp is signed too");
    assertEquals(WebhookSignature.Verdict.STALE, WebhookSignature.verify("s3cret", ts, sig, BODY,
        NOW.plus(Duration.ofMinutes(6)), TOLERANCE), "a replay an hour later is refused");
    assertEquals(WebhookSignature.Verdict.MISSING, WebhookSignature.verify("s3cret", null, sig, BODY, NOW, TOLERANCE));
  }
}
