package dev.newsflow.consumer.alerts;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Posts one signed webhook with the JDK's HTTP client and says what came of it. */
final class WebhookClient {
  /** The outcome of one attempt. */
  record Attempt(Result result, String reason, Optional<Duration> retryAfter) {
    enum Result { DELIVERED, RETRY, REJECTED }
  }

  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;

  WebhookClient(Duration connectTimeout, Duration timeout, Clock clock) {
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER) // a redirect could carry the signed body somewhere else
        .build();
    this.timeout = timeout;
    this.clock = clock;
  }

  CompletableFuture<Attempt> post(WebhookEndpoint endpoint, String idempotencyKey, byte[] body, int attempt) {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.url())
        .timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", "newsflow-webhooks/1")
        .header(WebhookSignature.IDEMPOTENCY_HEADER, idempotencyKey)
        .header(WebhookSignature.ATTEMPT_HEADER, Integer.toString(attempt))
        .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (endpoint.secret() != null) {
      request.header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(endpoint.secret(), timestamp, body));
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
        .handle((response, error) -> error == null ? classify(response) : failed(error, endpoint.url().getHost()));
  }

  private Attempt classify(HttpResponse<Void> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new Attempt(Attempt.Result.DELIVERED, "HTTP " + status, Optional.empty());
    }
    if (RetryPolicy.retryable(status)) {
      Optional<Duration> retryAfter = RetryPolicy.parseRetryAfter(
          response.headers().firstValue("Retry-After").orElse(null), clock.instant());
      return new Attempt(Attempt.Result.RETRY, "HTTP " + status, retryAfter);
    }
    return new Attempt(Attempt.Result.REJECTED, "HTTP " + status + " (not retried)", Optional.empty());
  }

  /**
   * Why a connection failed, in words: the JDK's client gives a ConnectException without a message for both
   * a name that does not resolve and a refused connection, telling them apart only by its cause.
   */
  static String connectionFailure(Throwable cause, String host) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "the host name " + host + " does not resolve";
      }
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
      if (t instanceof ConnectException && t.getCause() instanceof ClosedChannelException) {
        return "refused or closed by " + host;
      }
    }
    return cause.getClass().getSimpleName();
  }

  private Attempt failed(Throwable error, String host) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof HttpTimeoutException) {
      return new Attempt(Attempt.Result.RETRY, "timed out after " + timeout.toMillis() + " ms", Optional.empty());
    }
    if (cause instanceof IOException) {
      return new Attempt(Attempt.Result.RETRY, "connection failed: " + connectionFailure(cause, host), Optional.empty());
    }
    return new Attempt(Attempt.Result.RETRY, "request failed: " + cause, Optional.empty());
  }
}
