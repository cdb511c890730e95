package dev.newsflow.producer.poll;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A real HTTP server for tests that serves feed documents with ETags and answers conditional requests
 * with 304, recording every request and response status. A route can be replaced by a custom handler.
 */
final class FeedServer implements AutoCloseable {
  record Served(String path, String ifNoneMatch, int status) {}

  private final HttpServer server;
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
  private final Map<String, String> types = new ConcurrentHashMap<>();
  private final Map<String, Consumer<HttpExchange>> handlers = new ConcurrentHashMap<>();
  private final List<Served> log = new CopyOnWriteArrayList<>();

  FeedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  void serve(String path, String body, String contentType) {
    handlers.remove(path);
    bodies.put(path, body.getBytes(StandardCharsets.UTF_8));
    types.put(path, contentType);
  }

  void handle(String path, Consumer<HttpExchange> handler) {
    handlers.put(path, handler);
  }

  List<Served> log() {
    return List.copyOf(log);
  }

  long count(String path, int status) {
    return log.stream().filter(s -> s.path().equals(path) && s.status() == status).count();
  }

  /** The ETag of a body: its hash, so an unchanged body keeps its ETag. */
  static String etag(byte[] body) {
    return "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    Consumer<HttpExchange> custom = handlers.get(path);
    if (custom != null) {
      custom.accept(exchange);
      log.add(new Served(path, ifNoneMatch, exchange.getResponseCode()));
      exchange.close();
      return;
    }
    byte[] body = bodies.get(path);
    int status = body == null ? 404 : etag(body).equals(ifNoneMatch) ? 304 : 200;
    // Logged before the response goes out: a client that has its answer finds the request in the log.
    log.add(new Served(path, ifNoneMatch, status));
    if (status == 404) {
      exchange.sendResponseHeaders(404, -1);
    } else if (status == 304) {
      exchange.getResponseHeaders().set("ETag", etag(body));
      exchange.sendResponseHeaders(304, -1);
    } else {
      exchange.getResponseHeaders().set("ETag", etag(body));
      exchange.getResponseHeaders().set("Content-Type", types.get(path));
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
