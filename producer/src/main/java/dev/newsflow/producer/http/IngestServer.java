package dev.newsflow.producer.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.json.FieldError;
import dev.newsflow.json.InvalidRecordException;
import dev.newsflow.producer.NdjsonReader;
import dev.newsflow.producer.RecordChecks;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Release;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * HTTP ingest: {@code POST /v1/articles} and {@code POST /v1/releases} take one canonical JSON object,
 * a JSON array of them, or an NDJSON batch (one per line). Each record is checked on its own; valid
 * ones are published (and acknowledged by the broker) even when others in the batch are refused. The
 * answer lists a result per record: 202 when all were accepted, 207 when some were, 400 when none
 * were (with field-level messages), 413 over {@code ingest.max.bytes}, 401 without the bearer token
 * when {@code ingest.token} is set, 503 when the broker does not acknowledge in time.
 * {@code GET /healthz} answers 200.
 */
public final class IngestServer implements AutoCloseable {
  public static final String ARTICLES = "/v1/articles";
  public static final String RELEASES = "/v1/releases";

  /** Refuses trailing content, so that two NDJSON lines are never read as one document. */
  private static final ObjectReader STRICT = CanonicalJson.mapper().reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final IngestSettings settings;
  private final RecordPublisher publisher;
  private final Topics topics;
  private final Duration publishTimeout;
  private HttpServer server;
  private ExecutorService executor;

  public IngestServer(IngestSettings settings, RecordPublisher publisher, Topics topics, Duration publishTimeout) {
    this.settings = settings;
    this.publisher = publisher;
    this.topics = topics;
    this.publishTimeout = publishTimeout;
  }

  public synchronized IngestServer start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
    executor = Executors.newFixedThreadPool(settings.threads(), r -> {
      Thread t = new Thread(r, "ingest-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    return this;
  }

  /** The port listened on (the one chosen by the system when 0 was configured). */
  public int port() {
    return server.getAddress().getPort();
  }

  public String host() {
    return settings.host();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.equals("/healthz")) {
        respond(exchange, 200, message("ok"));
        return;
      }
      Kind<?> kind = path.equals(ARTICLES) ? articles() : path.equals(RELEASES) ? releases() : null;
      if (kind == null) {
        respond(exchange, 404, message("no such endpoint; use POST " + ARTICLES + " or POST " + RELEASES));
        return;
      }
      if (!method.equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        respond(exchange, 405, message(path + " takes POST"));
        return;
      }
      if (!authorized(exchange)) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        respond(exchange, 401, message("a valid 'Authorization: Bearer <token>' header is required"));
        return;
      }
      long declared = contentLength(exchange);
      if (declared > settings.maxBytes()) {
        respond(exchange, 413, message("the body is " + declared + " bytes; the limit is " + settings.maxBytes()));
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(settings.maxBytes() + 1);
      }
      if (body.length > settings.maxBytes()) {
        respond(exchange, 413, message("the body is larger than the limit of " + settings.maxBytes() + " bytes"));
        return;
      }
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
      } catch (CharacterCodingException e) {
        respond(exchange, 400, message("the body is not valid UTF-8"));
        return;
      }
      ingest(exchange, kind, text);
    } catch (RuntimeException e) {
      respond(exchange, 500, message("internal error: " + e.getClass().getSimpleName()));
    }
  }

  private <T extends SpecificRecord> void ingest(HttpExchange exchange, Kind<T> kind, String text) throws IOException {
    List<Entry> entries = split(text);
    if (entries.isEmpty()) {
      respond(exchange, 400, message("the body holds no record"));
      return;
    }
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    List<ObjectNode> results = new ArrayList<>();
    for (Entry entry : entries) {
      ObjectNode result = CanonicalJson.mapper().createObjectNode();
      result.put("index", entry.index());
      results.add(result);
      List<FieldError> errors = new ArrayList<>();
      T record = null;
      if (entry.error() != null) {
        errors.add(new FieldError("", entry.error()));
      } else {
        try {
          record = CanonicalJson.read(entry.json(), kind.type());
          errors.addAll(RecordChecks.check(record));
        } catch (InvalidRecordException e) {
          errors.addAll(e.errors());
        }
      }
      if (!errors.isEmpty()) {
        if (record != null) {
          result.put("id", kind.id().apply(record));
        } else if (entry.json() != null && entry.json().path("id").isTextual()) {
          result.put("id", entry.json().get("id").textValue()); // so the sender can tell which one
        }
        result.put("status", "rejected");
        ArrayNode list = result.putArray("errors");
        errors.forEach(e -> list.addObject().put("field", e.path()).put("message", e.message()));
        sends.add(null);
        continue;
      }
      result.put("id", kind.id().apply(record));
      result.put("status", "accepted");
      sends.add(publisher.publish(kind.topic(), kind.id().apply(record), record));
    }
    int accepted = 0;
    int rejected = 0;
    String publishError = null;
    long deadline = System.nanoTime() + publishTimeout.toNanos();
    for (int i = 0; i < sends.size(); i++) {
      Future<RecordMetadata> send = sends.get(i);
      if (send == null) {
        rejected++;
        continue;
      }
      try {
        send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        accepted++;
      } catch (ExecutionException | TimeoutException e) {
        String reason = e instanceof TimeoutException ? "the broker did not acknowledge within "
            + publishTimeout.toSeconds() + " s" : "cannot publish: " + e.getCause().getMessage();
        publishError = reason;
        results.get(i).put("status", "failed").put("error", reason);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        publishError = "interrupted";
        results.get(i).put("status", "failed").put("error", "interrupted");
      }
    }
    ObjectNode response = CanonicalJson.mapper().createObjectNode();
    response.put("accepted", accepted);
    response.put("rejected", rejected);
    if (publishError != null) {
      response.put("failed", entries.size() - accepted - rejected);
      response.put("error", publishError);
    }
    ArrayNode list = response.putArray("results");
    results.forEach(list::add);
    int status = publishError != null ? 503 : rejected == 0 ? 202 : accepted == 0 ? 400 : 207;
    respond(exchange, status, response);
  }

  /** One record of the body: its 1-based position (line, for NDJSON) and its JSON, or why it is unreadable. */
  private record Entry(int index, JsonNode json, String error) {}

  /** One object, an array of objects, or NDJSON: each line on its own, so one bad line spoils nothing else. */
  static List<Entry> split(String text) {
    String body = text.strip();
    List<Entry> entries = new ArrayList<>();
    if (body.isEmpty()) {
      return entries;
    }
    if (body.startsWith("[")) {
      try {
        JsonNode array = STRICT.readTree(body);
        int i = 0;
        for (JsonNode node : array) {
          entries.add(new Entry(++i, node, node.isObject() ? null : "expected a JSON object"));
        }
        return entries;
      } catch (JsonProcessingException e) {
        entries.add(new Entry(1, null, "not valid JSON: " + e.getOriginalMessage()));
        return entries;
      }
    }
    if (body.indexOf('\n') < 0 || isSingleDocument(body)) {
      entries.add(parseOne(1, body));
      return entries;
    }
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        entries.add(parseOne(i + 1, lines[i].strip()));
      }
    }
    return entries;
  }

  private static boolean isSingleDocument(String body) {
    try {
      return STRICT.readTree(body) != null;
    } catch (JsonProcessingException e) {
      return false; // several lines that are not one document: NDJSON
    }
  }

  private static Entry parseOne(int index, String text) {
    NdjsonReader.JsonObjectLine line = NdjsonReader.parseObject(text);
    return new Entry(index, line.object(), line.error());
  }

  private boolean authorized(HttpExchange exchange) {
    if (settings.token() == null) {
      return true;
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, settings.token().getBytes(StandardCharsets.UTF_8)); // constant time
  }

  private static long contentLength(HttpExchange exchange) {
    String value = exchange.getRequestHeaders().getFirst("Content-Length");
    try {
      return value == null ? -1 : Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static ObjectNode message(String text) {
    return CanonicalJson.mapper().createObjectNode().put("message", text);
  }

  private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = CanonicalJson.mapper().writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** What differs between the endpoints: the record type, its topic and its id. */
  private record Kind<T extends SpecificRecord>(Class<T> type, Topic<String, T> topic, Function<T, String> id) {}

  private Kind<Article> articles() {
    return new Kind<>(Article.class, topics.articlesRaw(), Article::getId);
  }

  private Kind<Release> releases() {
    return new Kind<>(Release.class, topics.releasesRaw(), Release::getId);
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(1);
      executor.shutdownNow();
      server = null;
    }
  }
}
