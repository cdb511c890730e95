package dev.newsflow.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request newsflow refuses, with the status and the sentence the client reads. Thrown from any handler;
 * the server answers it as the one JSON error shape ({@link JsonErrors}). {@code details} adds fields to
 * the body (e.g. the limit that was crossed), {@code headers} adds response headers ({@code Retry-After},
 * {@code WWW-Authenticate}).
 */
public final class HttpError extends RuntimeException {
  private final int status;
  private final Map<String, Object> details;
  private final Map<String, String> headers;

  public HttpError(int status, String message) {
    this(status, message, Map.of(), Map.of());
  }

  private HttpError(int status, String message, Map<String, Object> details, Map<String, String> headers) {
    super(message, null, false, false); // an answer, not a failure: no stack trace
    this.status = status;
    this.details = Map.copyOf(details);
    this.headers = Map.copyOf(headers);
  }

  public static HttpError badRequest(String message) {
    return new HttpError(400, message);
  }

  public static HttpError notFound(String message) {
    return new HttpError(404, message);
  }

  public static HttpError unauthorized() {
    return new HttpError(401, "a valid 'Authorization: Bearer <token>' header is required", Map.of(),
        Map.of("WWW-Authenticate", "Bearer"));
  }

  public static HttpError tooLarge(String message, long limitBytes) {
    return new HttpError(413, message, Map.of("limitBytes", limitBytes), Map.of("Connection", "close"));
  }

  public static HttpError requestTimeout(String message) {
    return new HttpError(408, message, Map.of(), Map.of("Connection", "close"));
  }

  /** 503 with {@code Retry-After}: the condition is expected to pass (a rebalance, a busy server). */
  public static HttpError unavailable(String message, Duration retryAfter) {
    return new HttpError(503, message, Map.of(), Map.of("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds()))));
  }

  /** The same error with one more field in its body. */
  public HttpError with(String field, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(details);
    more.put(field, value);
    return new HttpError(status, getMessage(), more, headers);
  }

  /** The same error with one more response header. */
  public HttpError withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new HttpError(status, getMessage(), details, more);
  }

  public int status() {
    return status;
  }

  public Map<String, Object> details() {
    return details;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
