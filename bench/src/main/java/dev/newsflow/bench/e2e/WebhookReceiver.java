package dev.newsflow.bench.e2e;

import com.sun.net.httpserver.HttpServer;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A real HTTP server in the bench JVM that stands for a webhook subscriber: it takes every alert the
 * dispatcher posts (canonical JSON), answers 200, and tells a listener the alert's evidence and when the
 * request arrived. Bound to the loopback address on a free port.
 */
final class WebhookReceiver implements AutoCloseable {
  static final String PATH = "/hook";

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private volatile BiConsumer<List<String>, Long> listener = (evidence, nanos) -> { };

  WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the webhook receiver: " + e.getMessage(), e);
    }
    server.createContext(PATH, exchange -> {
      long now = System.nanoTime();
      int status = 200;
      try (InputStream in = exchange.getRequestBody()) {
        Alert alert = CanonicalJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), Alert.class);
        received.incrementAndGet();
        listener.accept(alert.getEvidence(), now);
      } catch (RuntimeException e) {
        // Not an alert: refuse it (a client error, so the dispatcher does not retry) and count it.
        refused.incrementAndGet();
        status = 400;
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.setExecutor(threads);
    server.start();
  }

  String url() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + PATH;
  }

  /** Who hears of each delivery from now on: the alert's evidence and the arrival time ({@link System#nanoTime()}). */
  void listen(BiConsumer<List<String>, Long> listener) {
    this.listener = listener;
  }

  long received() {
    return received.get();
  }

  long refused() {
    return refused.get();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
