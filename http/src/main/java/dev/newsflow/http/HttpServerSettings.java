package dev.newsflow.http;

import dev.newsflow.config.ConfigException;
import java.time.Duration;

/**
 * How one of newsflow's HTTP servers listens. Each stage reads these from its own configuration keys
 * (README, "Configuration"): the address, the port (0 picks a free one), the bearer token it requires (null:
 * none), how many requests it works on at once, how long it waits for a request's headers, and how long a
 * connection may stay silent while a request or response is under way.
 *
 * @param name the server's name in logs and metrics: {@code ingest}, {@code gateway}, {@code query}, {@code admin}
 */
public record HttpServerSettings(String name, String host, int port, String token, int threads,
    Duration headerTimeout, Duration idleTimeout) {
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

  public HttpServerSettings {
    if (port < 0 || port > 65_535) {
      throw new ConfigException(name + " port must be between 0 and 65535, got " + port);
    }
    if (threads <= 0) {
      throw new ConfigException(name + " threads must be positive, got " + threads);
    }
    if (headerTimeout.isNegative() || headerTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new ConfigException(name + " timeouts must be positive");
    }
    token = token == null || token.isBlank() ? null : token;
  }

  /** A server with the defaults: no token, 8 threads, 10 s for headers, 30 s of silence. */
  public static HttpServerSettings of(String name, String host, int port) {
    return new HttpServerSettings(name, host, port, null, 8, DEFAULT_HEADER_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
  }

  public HttpServerSettings withToken(String newToken) {
    return new HttpServerSettings(name, host, port, newToken, threads, headerTimeout, idleTimeout);
  }

  public HttpServerSettings withThreads(int newThreads) {
    return new HttpServerSettings(name, host, port, token, newThreads, headerTimeout, idleTimeout);
  }

  public HttpServerSettings withTimeouts(Duration headers, Duration idle) {
    return new HttpServerSettings(name, host, port, token, threads, headers, idle);
  }
}
