package dev.newsflow.consumer.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private final AtomicLong now = new AtomicLong();
  private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), now::get);

  @Test
  void opensAfterConsecutiveFailuresAndLetsOneProbeThroughLater() {
    for (int i = 0; i < 2; i++) {
      assertTrue(breaker.tryAcquire());
      breaker.onFailure();
    }
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    breaker.onFailure();
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    assertFalse(breaker.tryAcquire());
    assertEquals(Duration.ofSeconds(10), breaker.untilProbe());

    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertTrue(breaker.tryAcquire(), "the probe");
    assertFalse(breaker.tryAcquire(), "only one probe at a time");
    breaker.onFailure();
    assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "a failed probe opens it again");
    assertFalse(breaker.tryAcquire());

    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertTrue(breaker.tryAcquire());
    breaker.onSuccess();
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    assertTrue(breaker.tryAcquire());
    assertTrue(breaker.tryAcquire());
  }

  @Test
  void aSuccessResetsTheFailureCount() {
    breaker.onFailure();
    breaker.onFailure();
    breaker.onSuccess();
    breaker.onFailure();
    breaker.onFailure();
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
  }

  @Test
  void everyChangeOfStateIsToldOnce() {
    java.util.List<String> changes = new java.util.ArrayList<>();
    CircuitBreaker told = new CircuitBreaker(2, Duration.ofSeconds(10), now::get,
        (from, to, failures) -> changes.add(from + ">" + to + "@" + failures));
    told.onFailure();
    told.onFailure();
    told.onFailure(); // a late answer to a request sent before it opened: still open, nothing to tell
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertTrue(told.tryAcquire());
    told.onFailure();
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertTrue(told.tryAcquire());
    told.onSuccess();
    assertEquals(java.util.List.of("CLOSED>OPEN@2", "OPEN>HALF_OPEN@3", "HALF_OPEN>OPEN@4", "OPEN>HALF_OPEN@4",
        "HALF_OPEN>CLOSED@4"), changes);
  }
}
