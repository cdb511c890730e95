package dev.newsflow.consumer.alerts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real webhook receiver on 127.0.0.1, written the way newsflow's README tells receivers to: it checks
 * the signature and the timestamp, and processes each {@code Idempotency-Key} once, answering repeats
 * with 200. It can be told to fail requests, answer slowly, or go down and come back on the same port.
 */
final class WebhookReceiver implements AutoCloseable {
  /** One request as it arrived. */
  record Request(String key, int attempt, WebhookSignature.Verdict verdict, String body, int status) {}

  /** A scripted answer to the next request: a status (with an optional Retry-After), or a slow 200. */
  record Answer(int status, String retryAfter, boolean slow) {
    static Answer status(int status) {
      return new Answer(status, null, false);
    }
  }

  private final String secret;
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, String> processed = new LinkedHashMap<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private Answer always;
  private HttpServer server;
  private int port;

  WebhookReceiver(String secret) throws IOException {
    this.secret = secret;
    up();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port + "/hooks/newsflow");
  }

  synchronized void script(Answer... answers) {
    script.addAll(List.of(answers));
  }

  /** Answer every request this way from now on (null: back to normal). */
  synchronized void always(Answer answer) {
    always = answer;
  }

  synchronized void down() {
    server.stop(0);
    server = null;
  }

  synchronized void up() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    port = server.getAddress().getPort();
    server.createContext("/hooks/newsflow", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Idempotency key to the body processed for it, in arrival order. */
  synchronized Map<String, String> processed() {
    return Map.copyOf(processed);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    var headers = exchange.getRequestHeaders();
    String key = headers.getFirst(WebhookSignature.IDEMPOTENCY_HEADER);
    int attempt = Integer.parseInt(headers.getFirst(WebhookSignature.ATTEMPT_HEADER));
    WebhookSignature.Verdict verdict = secret == null ? WebhookSignature.Verdict.VALID
        : WebhookSignature.verify(secret, headers.getFirst(WebhookSignature.TIMESTAMP_HEADER),
            headers.getFirst(WebhookSignature.SIGNATURE_HEADER), body, Instant.now(), Duration.ofMinutes(5));
    String text = new String(body, StandardCharsets.UTF_8);
    Answer answer;
    synchronized (this) {
      answer = always != null ? always : script.poll();
      if (answer == null || answer.slow()) {
        answer = verdict == WebhookSignature.Verdict.VALID ? answer : Answer.status(401);
      }
      int status = answer == null || answer.slow() ? 200 : answer.status();
      if (status == 200) {
        processed.putIfAbsent(key, text); // a repeat of a processed key is acknowledged, not processed again
      }
      requests.add(new Request(key, attempt, verdict, text, status));
    }
    if (answer != null && answer.slow()) {
      try {
        released.await(3, TimeUnit.SECONDS); // answer after the sender has given up waiting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int status = answer == null || answer.slow() ? 200 : answer.status();
    if (answer != null && answer.retryAfter() != null) {
      exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
    }
    byte[] reply = (status == 200 ? "ok" : "no").getBytes(StandardCharsets.UTF_8);
    try {
      exchange.sendResponseHeaders(status, reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    } catch (IOException e) {
      // the sender timed out and hung up: expected for slow answers
    } finally {
      exchange.close();
    }
  }

  @Override
  public synchronized void close() {
    released.countDown();
    if (server != null) {
      server.stop(0);
    }
    executor.shutdownNow();
  }
}
