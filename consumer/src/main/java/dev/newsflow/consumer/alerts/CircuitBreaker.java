package dev.newsflow.consumer.alerts;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Stops sending to an endpoint that keeps failing: after {@code failureThreshold} failures in a row it
 * opens for {@code openFor}, during which no request is sent; then one probe is let through (half open),
 * whose success closes it and whose failure opens it again. Thread-safe.
 */
public final class CircuitBreaker {
  /** Where the breaker stands. */
  public enum State { CLOSED, OPEN, HALF_OPEN }

  /** Told of every change of state, with the failures in a row so far; called under the breaker's lock, so keep it short. */
  public interface Listener {
    void changed(State from, State to, int failuresInARow);
  }

  private final int failureThreshold;
  private final long openForNanos;
  private final LongSupplier nanoClock;
  private final Listener listener;
  private State state = State.CLOSED;
  private int failures;
  private long openedAt;
  private boolean probeInFlight;

  public CircuitBreaker(int failureThreshold, Duration openFor, LongSupplier nanoClock) {
    this(failureThreshold, openFor, nanoClock, (from, to, failures) -> {});
  }

  public CircuitBreaker(int failureThreshold, Duration openFor, LongSupplier nanoClock, Listener listener) {
    this.listener = listener;
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failure threshold must be at least 1");
    }
    this.failureThreshold = failureThreshold;
    this.openForNanos = openFor.toNanos();
    this.nanoClock = nanoClock;
  }

  /** True when a request may go out now; in the half-open state only one probe at a time. */
  public synchronized boolean tryAcquire() {
    switch (state) {
      case CLOSED:
        return true;
      case OPEN:
        if (nanoClock.getAsLong() - openedAt < openForNanos) {
          return false;
        }
        moveTo(State.HALF_OPEN);
        probeInFlight = true;
        return true;
      default:
        if (probeInFlight) {
          return false;
        }
        probeInFlight = true;
        return true;
    }
  }

  public synchronized void onSuccess() {
    moveTo(State.CLOSED);
    failures = 0;
    probeInFlight = false;
  }

  public synchronized void onFailure() {
    probeInFlight = false;
    failures++;
    if (state == State.HALF_OPEN || failures >= failureThreshold) {
      openedAt = nanoClock.getAsLong();
      moveTo(State.OPEN);
    }
  }

  private void moveTo(State next) {
    State previous = state;
    state = next;
    if (previous != next) {
      listener.changed(previous, next, failures);
    }
  }

  public synchronized State state() {
    if (state == State.OPEN && nanoClock.getAsLong() - openedAt >= openForNanos) {
      return State.HALF_OPEN;
    }
    return state;
  }

  /** How long until an open breaker lets a probe through; zero when it would now. */
  public synchronized Duration untilProbe() {
    if (state != State.OPEN) {
      return Duration.ZERO;
    }
    return Duration.ofNanos(Math.max(0, openedAt + openForNanos - nanoClock.getAsLong()));
  }
}
