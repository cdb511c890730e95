package dev.newsflow.producer.poll;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * Downloads feeds politely and defensively with the JDK HTTP client: conditional GET ({@code
 * If-None-Match}, {@code If-Modified-Since}), a connect timeout and a deadline for the whole exchange
 * (a server trickling bytes cannot hold a poller), at most {@code maxRedirects} redirects (http(s)
 * only), a cap on the body both as sent and once un-gzipped, and {@code Retry-After} read on 429 and
 * 503. Never throws for a network or server problem: every outcome is a {@link Result}.
 */
public final class FeedFetcher {
  private static final String ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, "
      + "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

  private final HttpClient client;
  private final FeedSettings settings;
  private final Clock clock;

  public FeedFetcher(FeedSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.client = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** What one fetch came to. */
  public sealed interface Result permits Fetched, NotModified, RetryLater, Failed {}

  /** A new body; {@code url} is where it came from after redirects. */
  public record Fetched(URI url, byte[] body, String contentType, String etag, String lastModified) implements Result {}

  /** 304: the feed has not changed since the validators were issued. */
  public record NotModified(URI url) implements Result {}

  /** 429 or 503; {@code delay} is the server's Retry-After, or null when it gave none. */
  public record RetryLater(Duration delay, String reason) implements Result {}

  public record Failed(String reason) implements Result {}

  public Result fetch(URI url, String etag, String lastModified) {
    URI current = url;
    long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
    for (int redirects = 0; ; redirects++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(current)
          .timeout(settings.requestTimeout())
          .header("User-Agent", settings.userAgent())
          .header("Accept", ACCEPT)
          .header("Accept-Encoding", "gzip")
          .GET();
      if (etag != null) {
        request.header("If-None-Match", etag);
      }
      if (lastModified != null) {
        request.header("If-Modified-Since", lastModified);
      }
      HttpResponse<byte[]> response;
      try {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return new Failed(noAnswer(url, settings.requestTimeout()));
        }
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request.build(),
            info -> new CappedBody(settings.maxBytes(), info.headers().firstValueAsLong("Content-Length").orElse(-1)));
        try {
          response = exchange.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          exchange.cancel(true);
          return new Failed(noAnswer(url, settings.requestTimeout()));
        }
      } catch (ExecutionException e) {
        return new Failed(describe(e.getCause(), current, settings.requestTimeout()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Failed("interrupted");
      } catch (IllegalArgumentException e) {
        return new Failed("cannot request " + current + ": " + e.getMessage());
      }
      int status = response.statusCode();
      if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isEmpty()) {
          return new Failed("HTTP " + status + " without a Location");
        }
        if (redirects >= settings.maxRedirects()) {
          return new Failed("more than " + settings.maxRedirects() + " redirects (last to " + location.get() + ")");
        }
        URI next;
        try {
          next = current.resolve(location.get().strip());
        } catch (IllegalArgumentException e) {
          return new Failed("HTTP " + status + " to an unusable Location '" + location.get() + "'");
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
          return new Failed("redirected to " + next + ", which is not http(s)");
        }
        current = next;
        continue;
      }
      if (status == 304) {
        return new NotModified(current);
      }
      if (status == 429 || status == 503) {
        Duration delay = response.headers().firstValue("Retry-After").map(this::retryAfter).orElse(null);
        return new RetryLater(delay, "HTTP " + status + (delay == null ? "" : ", Retry-After " + delay.toSeconds() + " s"));
      }
      if (status < 200 || status > 299) {
        return new Failed("HTTP " + status + " from " + current);
      }
      byte[] body = response.body();
      String encoding = response.headers().firstValue("Content-Encoding").orElse("").trim().toLowerCase(Locale.ROOT);
      if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
        try {
          body = gunzip(body, settings.maxBytes());
        } catch (IOException e) {
          return new Failed(e.getMessage());
        }
      } else if (!encoding.isEmpty() && !encoding.equals("identity")) {
        return new Failed("the server answered with Content-Encoding '" + encoding + "', which was not asked for");
      }
      return new Fetched(current, body, response.headers().firstValue("Content-Type").orElse(null),
          response.headers().firstValue("ETag").orElse(null),
          response.headers().firstValue("Last-Modified").orElse(null));
    }
  }

  /** Retry-After as seconds or an HTTP date; capped at a day; null when unreadable. */
  Duration retryAfter(String value) {
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return Duration.ofSeconds(Math.max(0, Math.min(seconds, 86_400)));
    } catch (NumberFormatException ignored) {
      // an HTTP date, then
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration delay = Duration.between(clock.instant(), at);
      return delay.isNegative() ? Duration.ZERO : delay.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : delay;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static byte[] gunzip(byte[] body, long maxBytes) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(body.length * 4, 1 << 20));
      byte[] buffer = new byte[16 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new IOException("the feed is larger than " + maxBytes + " bytes once decompressed");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (java.util.zip.ZipException e) {
      throw new IOException("the server said gzip but the body is not: " + e.getMessage(), e);
    }
  }

  /** Why a fetch of {@code url} failed with {@code cause}, in the words a feed's status shows. */
  static String describe(Throwable cause, URI url, Duration requestTimeout) {
    if (cause instanceof BodyTooLargeException tooLarge) {
      return tooLarge.getMessage();
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return "cannot connect to " + url.getHost() + " (timed out)";
    }
    if (cause instanceof HttpTimeoutException) {
      // The request's own timeout, which races with the fetch's deadline: the same event, told the same way.
      return noAnswer(url, requestTimeout);
    }
    if (cause instanceof ConnectException) {
      return "cannot connect to " + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")
          + " (connection refused)";
    }
    if (cause instanceof java.net.UnknownHostException || cause instanceof java.nio.channels.UnresolvedAddressException) {
      return "unknown host " + url.getHost();
    }
    String message = cause.getMessage();
    return "cannot fetch " + url + ": " + cause.getClass().getSimpleName() + (message == null ? "" : " " + message);
  }

  private static String noAnswer(URI url, Duration requestTimeout) {
    return "no complete answer from " + url.getHost() + " within " + seconds(requestTimeout);
  }

  private static String seconds(Duration d) {
    return d.toSeconds() + " s";
  }

  /** A body over the cap. */
  static final class BodyTooLargeException extends IOException {
    BodyTooLargeException(long max) {
      super("the feed is larger than " + max + " bytes");
    }
  }

  /** Collects a body up to a cap; past it, stops reading and fails. */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final long max;
    private final long declared;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    CappedBody(long max, long declared) {
      this.max = max;
      this.declared = declared;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (declared > max) {
        s.cancel();
        result.completeExceptionally(new BodyTooLargeException(max));
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer item : items) {
        if (bytes.size() + (long) item.remaining() > max) {
          subscription.cancel();
          result.completeExceptionally(new BodyTooLargeException(max));
          return;
        }
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.complete(bytes.toByteArray());
    }
  }
}
