package dev.newsflow.consumer.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(Duration.ofMinutes(10), 0, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(30));

  @Test
  void retriesTimeoutsServerErrorsAndThrottlingButNotOtherClientErrors() {
    List<Integer> retried = List.of(408, 429, 500, 502, 503, 504);
    List<Integer> notRetried = List.of(400, 401, 403, 404, 409, 410, 413, 422);
    retried.forEach(s -> assertTrue(RetryPolicy.retryable(s), "retry " + s));
    notRetried.forEach(s -> assertFalse(RetryPolicy.retryable(s), "no retry " + s));
  }

  @Test
  void backoffDoublesUpToTheCapWithJitterBetweenHalfAndAllOfEachStep() {
    List<Long> lowest = IntStream.rangeClosed(2, 7).mapToObj(n -> policy.backoff(n, Optional.empty(), () -> 0.0).toMillis()).toList();
    List<Long> highest = IntStream.rangeClosed(2, 7).mapToObj(n -> policy.backoff(n, Optional.empty(), () -> 0.999999).toMillis()).toList();
    assertEquals(List.of(50L, 100L, 200L, 400L, 500L, 500L), lowest);
    assertEquals(List.of(99L, 199L, 399L, 799L, 999L, 999L), highest);
  }

  @Test
  void honoursRetryAfterUpToItsLimit() {
    assertEquals(Duration.ofSeconds(7), policy.backoff(2, Optional.of(Duration.ofSeconds(7)), () -> 0.5));
    assertEquals(Duration.ofSeconds(30), policy.backoff(2, Optional.of(Duration.ofHours(2)), () -> 0.5),
        "a receiver cannot park an alert for hours");
    assertEquals(Duration.ofMillis(75), policy.backoff(2, Optional.of(Duration.ZERO), () -> 0.5));
  }

  @Test
  void readsRetryAfterAsSecondsOrAnHttpDate() {
    Instant now = Instant.parse("2026-03-01T08:00:00Z");
    assertEquals(Optional.of(Duration.ofSeconds(120)), RetryPolicy.parseRetryAfter(" 120 ", now));
    assertEquals(Optional.of(Duration.ofSeconds(90)), RetryPolicy.parseRetryAfter("Sun, 01 Mar 2026 08:01:30 GMT", now));
    assertEquals(Optional.of(Duration.ZERO), RetryPolicy.parseRetryAfter("Sun, 01 Mar 2026 07:00:00 GMT", now));
    assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter("soon", now));
    assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter("-5", now));
    assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter(null, now));
  }

  @Test
  void retriesGoOnUntilTheWindowHasPassedWhateverTheCountOfAttempts() {
    assertFalse(policy.exhausted(8, Duration.ofMinutes(2)), "eight attempts in two minutes: the old limit, not the end");
    assertFalse(policy.exhausted(500, Duration.ofMinutes(9)));
    assertTrue(policy.exhausted(2, Duration.ofMinutes(10)), "the window has passed");
    RetryPolicy capped = new RetryPolicy(Duration.ofMinutes(10), 3, Duration.ofMillis(100), Duration.ofMillis(1000),
        Duration.ofSeconds(30));
    assertTrue(capped.exhausted(3, Duration.ofSeconds(1)), "an attempt limit, when set, also ends the retries");
  }

  @Test
  void theLastWaitEndsAtTheWindowsEnd() {
    assertEquals(Duration.ofMillis(750), policy.nextWait(9, Duration.ofMinutes(5), Optional.empty(), () -> 0.5));
    assertEquals(Duration.ofMillis(200), policy.nextWait(9, Duration.ofMillis(599_800), Optional.empty(), () -> 0.5));
    assertEquals(Duration.ZERO, policy.nextWait(9, Duration.ofMinutes(11), Optional.empty(), () -> 0.5));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(-1), 0,
        Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(30)));
  }
}
