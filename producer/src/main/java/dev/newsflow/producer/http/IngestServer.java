package dev.newsflow.producer.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.http.Health;
import dev.newsflow.http.HttpError;
import dev.newsflow.http.JsonErrors;
import dev.newsflow.http.NewsflowHttpServer;
import dev.newsflow.http.RequestBody;
import dev.newsflow.http.UploadSlots;
import dev.newsflow.io.StrictUtf8;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.json.FieldError;
import dev.newsflow.json.InvalidRecordException;
import dev.newsflow.json.NdjsonLines;
import dev.newsflow.metrics.MetricNames;
import dev.newsflow.producer.RecordChecks;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Release;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.Topics;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * HTTP ingest: {@code POST /v1/articles} and {@code POST /v1/releases} take one canonical JSON object,
 * a JSON array of them, or an NDJSON batch (one per line), as {@code application/json},
 * {@code application/x-ndjson} or {@code application/jsonl} (UTF-8; no Content-Type is read the same way).
 * Each record is checked on its own; valid ones are published (and acknowledged by the broker) even when
 * others in the batch are refused. The answer lists a result per record: 202 when all were accepted, 207
 * when some were, 400 when none were (with field-level messages; a field the record type does not have is
 * told in its {@code notes}). Refusals come in the shared JSON error
 * shape: 401 without the bearer token when {@code ingest.token} is set, 415 for another content type, 413
 * over {@code ingest.max.bytes} (also for chunked bodies, answered before the rest is discarded), 408 when
 * headers or body stall, 429/503 over the upload caps, 503 when the Kafka cluster does not answer within
 * {@code publish.timeout}. Served by the shared HTTP layer, with {@code /metrics} and the health checks.
 */
public final class IngestServer implements AutoCloseable {
  public static final String ARTICLES = "/v1/articles";
  public static final String RELEASES = "/v1/releases";
  /** The media types a body may be declared as; all are read alike (one document, an array, or lines). */
  public static final List<String> MEDIA_TYPES = List.of("application/json", "application/x-ndjson", "application/jsonl");
  private static final String STAGE = "ingest";

  /** The charset labels of UTF-8 (the WHATWG Encoding Standard's), as clients write them. */
  private static final List<String> UTF8_LABELS = List.of("utf-8", "utf8", "unicode-1-1-utf-8");

  /** Refuses trailing content, so that two NDJSON lines are never read as one document. */
  private static final ObjectReader STRICT = CanonicalJson.mapper().reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final IngestSettings settings;
  private final RecordPublisher publisher;
  private final Topics topics;
  private final PrometheusMeterRegistry registry;
  private final UploadSlots uploads;
  private NewsflowHttpServer server;

  public IngestServer(IngestSettings settings, RecordPublisher publisher, Topics topics, PrometheusMeterRegistry registry) {
    this.settings = settings;
    this.publisher = publisher;
    this.topics = topics;
    this.registry = registry;
    this.uploads = new UploadSlots(settings.maxUploadsPerClient(), settings.maxUploads());
  }

  public synchronized IngestServer start() {
    server = NewsflowHttpServer.builder(settings.http()).metrics(registry).health(Health::up)
        .openPaths("/healthz")
        .routes(routes -> {
          routes.post(ARTICLES, ctx -> ingest(ctx, articles()));
          routes.post(RELEASES, ctx -> ingest(ctx, releases()));
          routes.get("/healthz", ctx -> ctx.json(Map.of("status", "UP"))); // the path earlier versions answered
        }).start();
    return this;
  }

  /** The port listened on (the one chosen by the system when 0 was configured). */
  public int port() {
    return server.port();
  }

  public String host() {
    return settings.host();
  }

  private <T extends SpecificRecord> void ingest(Context ctx, Kind<T> kind) {
    requireJson(ctx.header("Content-Type"));
    String text;
    try (UploadSlots.Slot slot = uploads.acquire(ctx.ip())) {
      text = utf8(RequestBody.read(ctx, settings.maxBytes(), settings.http().idleTimeout()));
    }
    List<Entry> entries = split(text);
    if (entries.isEmpty()) {
      throw HttpError.badRequest("the body holds no record");
    }
    respond(ctx, publish(kind, entries));
  }

  /** 415 unless the body is declared as JSON or JSON lines in UTF-8 (or not declared at all). */
  static void requireJson(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return;
    }
    String[] parts = contentType.split(";");
    String type = parts[0].strip().toLowerCase(Locale.ROOT);
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip().toLowerCase(Locale.ROOT).replace("\"", "");
      if (parameter.startsWith("charset=") && !UTF8_LABELS.contains(parameter.substring(8))) {
        throw new HttpError(415, "the body must be UTF-8, not " + parameter.substring(8));
      }
    }
    if (!MEDIA_TYPES.contains(type)) {
      throw new HttpError(415, "the body must be " + String.join(", ", MEDIA_TYPES) + "; got " + type)
          .with("accepted", MEDIA_TYPES);
    }
  }

  private static String utf8(byte[] body) {
    try {
      String text = StrictUtf8.decode(body);
      // a byte order mark some tools write (PowerShell, Notepad): import skips it too (NdjsonLines)
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (StrictUtf8.MalformedUtf8Exception e) {
      throw HttpError.badRequest("the body is " + e.getMessage());
    }
  }

  /** The answer to a batch: its status and body. */
  private record Answer(int status, ObjectNode body) {}

  /**
   * Checks each record and publishes the valid ones, waiting for the cluster's acknowledgements at most
   * {@code publish.timeout} in all. Once the cluster has failed to answer, the rest of the batch is not
   * sent (each send would wait as long again): those records are reported failed with the same reason.
   */
  private <T extends SpecificRecord> Answer publish(Kind<T> kind, List<Entry> entries) {
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    List<ObjectNode> results = new ArrayList<>();
    List<List<String>> ignored = new ArrayList<>();
    String publishError = null;
    for (Entry entry : entries) {
      ObjectNode result = CanonicalJson.mapper().createObjectNode();
      result.put("index", entry.index());
      results.add(result);
      // told as import tells them: a misspelt optional field (published_at) would otherwise vanish unseen
      ignored.add(CanonicalJson.unknownFields(entry.json(), kind.type()));
      List<FieldError> errors = new ArrayList<>();
      T record = null;
      if (entry.error() != null) {
        errors.add(new FieldError("", entry.error()));
      } else {
        try {
          record = CanonicalJson.read(entry.json(), kind.type());
          errors.addAll(RecordChecks.check(record, settings.articles()));
        } catch (InvalidRecordException e) {
          errors.addAll(e.errors());
        }
      }
      registry.counter(MetricNames.RECORDS_IN, MetricNames.STAGE, STAGE, MetricNames.TOPIC, kind.topic().name()).increment();
      if (!errors.isEmpty()) {
        if (record != null) {
          result.put("id", kind.id().apply(record));
        } else if (entry.json() != null && entry.json().path("id").isTextual()) {
          result.put("id", entry.json().get("id").textValue()); // so the sender can tell which one
        }
        result.put("status", "rejected");
        ArrayNode list = result.putArray("errors");
        errors.forEach(e -> list.addObject().put("field", e.path()).put("message", e.message()));
        registry.counter(MetricNames.RECORDS_REJECTED, MetricNames.STAGE, STAGE, MetricNames.REASON, "invalid").increment();
        sends.add(null);
        continue;
      }
      result.put("id", kind.id().apply(record));
      result.put("status", "accepted");
      if (publishError != null) {
        result.put("status", "failed").put("error", publishError);
        sends.add(null);
        continue;
      }
      Future<RecordMetadata> send = publisher.publish(kind.topic(), kind.id().apply(record), record);
      publishError = failedAlready(send);
      sends.add(send);
    }
    int accepted = 0;
    int rejected = 0;
    long deadline = System.nanoTime() + publisher.timeout().toNanos();
    for (int i = 0; i < sends.size(); i++) {
      Future<RecordMetadata> send = sends.get(i);
      ObjectNode result = results.get(i);
      if (send == null) {
        rejected += result.get("status").asText().equals("rejected") ? 1 : 0;
        continue;
      }
      try {
        send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        accepted++;
      } catch (ExecutionException | TimeoutException e) {
        publishError = publisher.failure(e instanceof ExecutionException ? e.getCause() : e);
        result.put("status", "failed").put("error", publishError);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        publishError = "interrupted";
        result.put("status", "failed").put("error", publishError);
      }
    }
    for (int i = 0; i < results.size(); i++) {
      for (String field : ignored.get(i)) {
        results.get(i).withArray("notes").add("field '" + field + "' is not part of " + kind.type().getSimpleName()
            + " and is ignored");
      }
    }
    int status = publishError != null ? 503 : rejected == 0 ? 202 : accepted == 0 ? 400 : 207;
    ObjectNode response = CanonicalJson.mapper().createObjectNode();
    if (publishError != null) {
      response.put("error", publishError); // the shared error shape, with the per-record results
      response.put("status", status);
    }
    response.put("accepted", accepted);
    response.put("rejected", rejected);
    if (publishError != null) {
      response.put("failed", entries.size() - accepted - rejected);
    }
    ArrayNode list = response.putArray("results");
    results.forEach(list::add);
    return new Answer(status, response);
  }

  /** The reason a send already failed (the cluster did not answer while it waited), else null. */
  private String failedAlready(Future<RecordMetadata> send) {
    if (!send.isDone()) {
      return null;
    }
    try {
      send.get();
      return null;
    } catch (ExecutionException e) {
      return publisher.failure(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static void respond(Context ctx, Answer answer) {
    if (answer.status() == 503) {
      ctx.header("Retry-After", "5");
    }
    ctx.status(answer.status()).contentType(JsonErrors.CONTENT_TYPE).result(answer.body().toString());
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
        entries.add(new Entry(1, null, "not valid JSON: " + CanonicalJson.describe(e))); // an array may span lines
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
    NdjsonLines.JsonObjectLine line = NdjsonLines.parseObject(text);
    return new Entry(index, line.object(), line.error());
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
      server.close();
      server = null;
    }
  }
}
