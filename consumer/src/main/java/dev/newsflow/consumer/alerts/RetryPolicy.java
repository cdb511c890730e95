package dev.newsflow.consumer.alerts;

import dev.newsflow.config.NewsflowConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a webhook again, and for how long. Timeouts, connection failures, 5xx, 408 and 429 are worth
 * retrying; any other 4xx means the request itself is wrong and is not. The delay doubles from
 * {@code initialBackoff} up to {@code maxBackoff}, with jitter (each delay drawn between half and all of
 * its step) so that many alerts failing together do not retry together; a {@code Retry-After} from the
 * receiver is honoured, up to {@code maxRetryAfter}.
 *
 * <p>Retries are bounded by time, not by a count: an alert is retried until {@code window} has passed
 * since its first attempt, so an endpoint that is down for an hour still gets its alerts afterwards
 * (a count of attempts with a capped backoff bounds the outage a receiver may have to a few minutes).
 * {@code maxAttempts} is an optional extra bound, 0 for none (the default).
 */
public record RetryPolicy(Duration window, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
    Duration maxRetryAfter) {
  public static final String WINDOW = "alerts.retry.window";
  public static final String MAX_ATTEMPTS = "alerts.retry.max.attempts";
  public static final String INITIAL_BACKOFF = "alerts.retry.initial.backoff";
  public static final String MAX_BACKOFF = "alerts.retry.max.backoff";
  public static final String MAX_RETRY_AFTER = "alerts.retry.max.retry.after";

  public RetryPolicy {
    if (maxAttempts < 0) {
      throw new IllegalArgumentException(MAX_ATTEMPTS + " must be 0 (no limit) or more");
    }
    if (window.isNegative()) {
      throw new IllegalArgumentException(WINDOW + " must not be negative");
    }
  }

  public static RetryPolicy from(NewsflowConfig config) {
    return new RetryPolicy(config.getDuration(WINDOW, Duration.ofHours(24)), config.getInt(MAX_ATTEMPTS, 0),
        config.getDuration(INITIAL_BACKOFF, Duration.ofSeconds(1)),
        config.getDuration(MAX_BACKOFF, Duration.ofMinutes(1)),
        config.getDuration(MAX_RETRY_AFTER, Duration.ofMinutes(5)));
  }

  /**
   * Whether attempt {@code attempt} failing {@code elapsed} after the first attempt was the last: the
   * window has passed, or the optional attempt limit is reached.
   */
  public boolean exhausted(int attempt, Duration elapsed) {
    return elapsed.compareTo(window) >= 0 || (maxAttempts > 0 && attempt >= maxAttempts);
  }

  /**
   * The wait before attempt {@code nextAttempt}, shortened so that the last attempt falls at the end of
   * the window rather than after it ({@code elapsed}: time since the first attempt).
   */
  public Duration nextWait(int nextAttempt, Duration elapsed, Optional<Duration> retryAfter, DoubleSupplier random) {
    Duration wait = backoff(nextAttempt, retryAfter, random);
    Duration left = window.minus(elapsed);
    return wait.compareTo(left) > 0 ? (left.isNegative() ? Duration.ZERO : left) : wait;
  }

  /** Whether an HTTP status is worth another attempt. */
  public static boolean retryable(int status) {
    return status >= 500 || status == 408 || status == 429;
  }

  /** The wait before attempt {@code nextAttempt} (2 or more); {@code random} yields values in [0, 1). */
  public Duration backoff(int nextAttempt, Optional<Duration> retryAfter, DoubleSupplier random) {
    int doublings = Math.min(30, Math.max(0, nextAttempt - 2));
    long step = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << doublings);
    long jittered = step / 2 + (long) (random.getAsDouble() * (step - step / 2));
    if (retryAfter.isPresent()) {
      long asked = Math.min(retryAfter.get().toMillis(), maxRetryAfter.toMillis());
      return Duration.ofMillis(Math.max(jittered, asked));
    }
    return Duration.ofMillis(jittered);
  }

  /** {@code Retry-After} as seconds or as an HTTP date; empty when absent or unreadable. */
  public static Optional<Duration> parseRetryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
