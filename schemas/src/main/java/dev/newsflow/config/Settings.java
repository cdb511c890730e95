package dev.newsflow.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every setting newsflow reads, in one place: the source of {@code docs/configuration.md} (written by the
 * build, see {@link #main}), of the warnings for unknown keys, and of the test that fails when code reads a
 * key this list does not document or documents a default the code does not use.
 */
public final class Settings {
  /** The part of newsflow a setting belongs to, in the order the reference lists them. */
  public enum Part {
    CLUSTER("Kafka, topics and the streams application"),
    AGGREGATION("Aggregation, trends and alert memory (streams)"),
    QUERIES("Interactive queries (streams)"),
    INGEST("Ingest server (`ingest-server`)"),
    FEEDS("Feed poller (`produce`)"),
    SUMMARIES("Summary writers (`summaries`)"),
    ALERTS("Webhook delivery (`alerts`)"),
    GATEWAY("Live feed gateway and dashboard (`feed`)"),
    ADMIN("Metrics and health of the other stages");

    private final String title;

    Part(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }

  /** Environment variables that are not settings: read by the launcher or the process itself. */
  public static final Map<String, String> ENVIRONMENT_ONLY = envOnly();

  private static final List<Setting> ALL = List.of(
      // Kafka, topics and the streams application
      s(Part.CLUSTER, NewsflowConfig.BOOTSTRAP_SERVERS, "localhost:9092", "the Kafka cluster (`demo` starts its own unless one is named)"),
      s(Part.CLUSTER, NewsflowConfig.TOPIC_PREFIX, "newsflow.", "prefix of every topic name"),
      s(Part.CLUSTER, NewsflowConfig.TOPIC_PARTITIONS, "3", "partitions of the topics newsflow creates"),
      s(Part.CLUSTER, NewsflowConfig.TOPIC_REPLICATION_FACTOR, "3 from 3 brokers, else one per broker", "replicas of the topics "
          + "newsflow creates and of Kafka Streams' internal topics; `min.insync.replicas` is 2 from 3 replicas, else 1"),
      s(Part.CLUSTER, NewsflowConfig.APPLICATION_ID, "newsflow", "the Kafka Streams application id; consumer groups derive from it"),
      s(Part.CLUSTER, NewsflowConfig.PROCESSING_GUARANTEE, "exactly_once_v2", "`exactly_once_v2` or `at_least_once`: "
          + "after a crash, `at_least_once` may repeat outputs and miss some derived records until they change again "
          + "(RELIABILITY.md, \"What at_least_once can still lose\"); on this project's bench it is no faster"),
      s(Part.CLUSTER, NewsflowConfig.STATE_DIR, ".newsflow/state", "where Kafka Streams keeps its state stores"),
      s(Part.CLUSTER, "state.store", "rocksdb", "`rocksdb` or `memory`: what the streams application's state stores "
          + "are made of (Kafka's `dsl.store.suppliers.class`, which `kafka.dsl.store.suppliers.class` overrides). Either "
          + "is backed by its changelog and gives the same results. `memory` replays a bounded archive about 12 % faster, "
          + "but the heap must hold every article remembered for `memory.retention` and `releases.coverage.lookback` "
          + "(about 27 KB each: under a sustained load a 1 GB heap filled and throughput fell to a third, "
          + "BENCHMARKS.md), and each start rebuilds the stores from their changelogs"),
      s(Part.CLUSTER, NewsflowConfig.OUTPUT_DIR, "out", "where summaries (and the demo's `alerts.ndjson`) are written"),
      s(Part.CLUSTER, NewsflowConfig.OUTPUT_FORMAT, "avro", "`avro` or `json`: how the output topics (`articles.enriched`, "
          + "`company.activity`, `company.activity.final`, `company.summary`, `alerts`) are written, with a `content-type` "
          + "header; newsflow's own readers take either (see docs/topics.md)"),
      s(Part.CLUSTER, NewsflowConfig.OUTPUT_FORMAT + ".*", "`output.format`", "one output topic's format, e.g. "
          + "`output.format.company.summary=json`; a name that is not an output topic is refused"),
      s(Part.CLUSTER, "publish.timeout", "30s", "how long any command waits for the cluster before giving up with one line naming its "
          + "address; after 1 s it says it is waiting"),
      s(Part.CLUSTER, "cluster.watch.interval", "2s", "how often `streams`, `summaries` and `alerts` check that the "
          + "cluster answers"),
      s(Part.CLUSTER, "cluster.watch.after", "5s", "after how long without an answer they log that the cluster has not "
          + "answered (again each minute; one line when it is back)"),
      s(Part.CLUSTER, "articles.max.future", "1d", "how far an article's `publishedAt` may be ahead of its arrival (the "
          + "clock at `import`, `ingest-server`, `enrich` and each `produce` poll; in `streams`, when the broker stored it); beyond it the article "
          + "is refused (`INVALID_ARTICLE`, `publishedAt: must be at most ...`), since one far-future date would make "
          + "every later article late in the event-time windows. Past dates are never refused; 0 to 366d"),
      s(Part.CLUSTER, "kafka.*", "", "handed to every Kafka client with the prefix removed, e.g. "
          + "`kafka.security.protocol=SASL_SSL`, `kafka.sasl.mechanism=SCRAM-SHA-512`, `kafka.linger.ms=20`"),
      // Aggregation
      s(Part.AGGREGATION, "activity.grace", "10m", "how late (event time) an article may arrive and still count in its 1 h and 24 h "
          + "windows; 0 to 3650d. `demo` uses 400d (a backfill grace, with `activity.retention` 401d) unless either is set, "
          + "so an archive replayed out of order keeps its windows"),
      s(Part.AGGREGATION, "activity.retention", "48h", "how long activity windows stay queryable (at least 24 h plus the grace)"),
      s(Part.AGGREGATION, "activity.live.interval", "1s", "how often (wall clock) the open activity windows that changed "
          + "are published to `company.activity` (a changed hour republishes its 1 h window and the 24 day windows "
          + "holding it), and, once the news clock has entered a new hour, the summaries of the companies it changes "
          + "(their last 24 h and trend); 100ms to 10m"),
      s(Part.AGGREGATION, "activity.top", "5", "topics, co-mentioned companies and headlines listed per window and summary"),
      s(Part.AGGREGATION, "trend.half.life", "24h", "how fast past hours fade from a company's usual hourly count"),
      s(Part.AGGREGATION, "trend.min.history", "24h", "the company's own history (from its first article) needed before "
          + "it gets a trend score or can fire MENTION_SPIKE"),
      s(Part.AGGREGATION, "trend.min.stddev", "1.0", "floor of the standard deviation a trend score divides by"),
      s(Part.AGGREGATION, "alerts.dedup.retention", "30d", "how long (event time, after its newest article) a story is "
          + "remembered as alerted, per rule; a repeat of a forgotten story never fires again"),
      s(Part.AGGREGATION, "releases.coverage.lookback", "30d", "how long (event time) article texts are kept to count release coverage"),
      s(Part.AGGREGATION, "memory.retention", "30d", "how long the streams application remembers each article (replays, dedup, what "
          + "it counted for) after last seeing it; older replays and revisions count as new. Bounds the state stores"),
      s(Part.AGGREGATION, "dedup.bucket.size", "128", "how many articles each dedup bucket keeps (its earliest by "
          + "publication time, then id): the bound on dedup work per article; every article gets the same original "
          + "whatever the arrival order while no bucket key is shared by more articles than this"),
      // Interactive queries
      s(Part.QUERIES, "query.port", "unset", "answer interactive queries on this port (0: any free port); `demo` uses 0"),
      s(Part.QUERIES, "query.host", "localhost", "address the query server listens on"),
      s(Part.QUERIES, "query.token", "unset", "when set, the query server requires `Authorization: Bearer <token>` on "
          + "`/v1/*` (and passes it on when it forwards a query to the instance that owns the key)"),
      s(Part.QUERIES, "query.advertised.host", "`query.host`", "host name other instances use to reach this one (`application.server`)"),
      // Ingest server
      s(Part.INGEST, "ingest.host", "127.0.0.1", "address `ingest-server` listens on (its `--bind`; `0.0.0.0`: every interface)"),
      s(Part.INGEST, "ingest.port", "8081", "port `ingest-server` listens on"),
      s(Part.INGEST, "ingest.token", "unset", "when set, `ingest-server` requires `Authorization: Bearer <token>` (also for its "
          + "`/metrics`; not for `/health*`)"),
      s(Part.INGEST, "ingest.max.bytes", "8388608", "largest request body accepted (413 beyond, also for chunked bodies)"),
      s(Part.INGEST, "ingest.threads", "32", "requests handled at the same time"),
      s(Part.INGEST, "ingest.header.timeout", "10s", "longest wait for a request's headers (408 for a client that sent part of them)"),
      s(Part.INGEST, "ingest.body.timeout", "30s", "longest silence while a body arrives (408, then the connection closes)"),
      s(Part.INGEST, "ingest.max.uploads.per.client", "4", "bodies read at once from one client address (429 beyond)"),
      s(Part.INGEST, "ingest.max.uploads", "16", "bodies read at once in all (503 beyond); below `ingest.threads`, so stalled "
          + "uploads never take every thread"),
      // Feed poller
      s(Part.FEEDS, "feed.interval", "15m", "how often each feed is polled (a feed list can set it per feed)"),
      s(Part.FEEDS, "feed.timeout", "30s", "the most one feed download may take, redirects included"),
      s(Part.FEEDS, "feed.connect.timeout", "10s", "connecting to a feed's server"),
      s(Part.FEEDS, "feed.max.redirects", "5", "redirects followed per download"),
      s(Part.FEEDS, "feed.max.bytes", "10485760", "largest feed accepted, as sent and once un-gzipped"),
      s(Part.FEEDS, "feed.backoff.initial", "1m", "wait after a failed poll; it doubles per failure"),
      s(Part.FEEDS, "feed.backoff.max", "6h", "the longest wait after failed polls"),
      s(Part.FEEDS, "feed.state.dir", ".newsflow/feeds", "where `produce` remembers validators and published items (`feeds.json`, "
          + "per feed URL, shared by every feed list)"),
      s(Part.FEEDS, "feed.seen.max", "10000", "item ids remembered per feed"),
      s(Part.FEEDS, "feed.concurrency", "4", "feeds polled at the same time"),
      s(Part.FEEDS, "feed.user.agent", "newsflow-feed-poller/0.1", "the User-Agent sent to feed servers"),
      // Summary writers
      s(Part.SUMMARIES, "jdbc.url", "jdbc:sqlite:<output.dir>/newsflow.db", "the summary database: `jdbc:sqlite:FILE` or "
          + "`jdbc:postgresql://HOST:PORT/DB?user=U&password=P&currentSchema=S`"),
      // Webhook delivery
      s(Part.ALERTS, "alerts.subscriptions", "unset", "the webhook subscriptions file (`newsflow alerts --subscriptions`)"),
      s(Part.ALERTS, "alerts.retry.window", "24h", "how long an alert is retried per endpoint, from its first attempt, "
          + "before it goes to `alerts.dlq`; an outage shorter than this loses nothing"),
      s(Part.ALERTS, "alerts.retry.max.attempts", "0", "an optional cap on attempts per alert and endpoint (0: none; the "
          + "window decides)"),
      s(Part.ALERTS, "alerts.log.summary.interval", "1m", "how often `alerts` logs a one-line summary of deliveries, "
          + "retries and open breakers"),
      s(Part.ALERTS, "alerts.retry.initial.backoff", "1s", "first wait between attempts; it doubles, with jitter"),
      s(Part.ALERTS, "alerts.retry.max.backoff", "1m", "the longest wait between attempts"),
      s(Part.ALERTS, "alerts.retry.max.retry.after", "5m", "the longest `Retry-After` honoured"),
      s(Part.ALERTS, "alerts.http.timeout", "10s", "the most one delivery attempt may take"),
      s(Part.ALERTS, "alerts.http.connect.timeout", "5s", "connecting to an endpoint, per attempt"),
      s(Part.ALERTS, "alerts.breaker.failures", "5", "failures in a row that open an endpoint's circuit breaker"),
      s(Part.ALERTS, "alerts.breaker.open", "30s", "how long an open breaker waits before trying the endpoint again"),
      s(Part.ALERTS, "alerts.max.in.flight", "1000", "alerts in delivery before reading pauses"),
      // Live feed gateway
      s(Part.GATEWAY, "gateway.port", "8080", "port the feed gateway listens on"),
      s(Part.GATEWAY, "gateway.bind", "127.0.0.1", "address the feed gateway listens on (`0.0.0.0`: every interface)"),
      s(Part.GATEWAY, "gateway.token", "unset", "when set, `/v1/*` and `/metrics` require `Authorization: Bearer <token>`; the pages "
          + "and `/health*` do not (a browser's `EventSource` cannot send the header: put the dashboard behind your own "
          + "authenticating proxy instead)"),
      s(Part.GATEWAY, "gateway.idle.timeout", "5m", "a connection whose writes make no progress this long is closed (a client that "
          + "stopped reading)"),
      s(Part.GATEWAY, "gateway.buffer.per.partition", "10000", "recent articles kept in memory per partition for replay"),
      s(Part.GATEWAY, "gateway.client.buffer", "1000", "articles queued for one client before it is cut off as too slow"),
      s(Part.GATEWAY, "gateway.heartbeat", "15s", "comment lines that keep idle feed connections open"),
      s(Part.GATEWAY, "gateway.max.clients", "500", "concurrent feed clients"),
      s(Part.GATEWAY, "gateway.activity.lookback", "2d", "how far back `company.activity` is read at start for the hourly "
          + "charts, by when the broker stored each record; a company with no coverage stored since shows an empty chart"),
      // Metrics and health
      s(Part.ADMIN, "metrics.port", "unset (off)", "the admin server of `summaries`, `alerts` and `produce`: `/metrics` and "
          + "`/health*` on this port (0: any free port). Stages with a server of their own (`ingest-server`, `feed`) serve both there"),
      s(Part.ADMIN, "metrics.host", "127.0.0.1", "address the admin server listens on"),
      s(Part.ADMIN, "metrics.token", "unset", "the bearer token the admin server's `/metrics` requires"));

  private static final Map<String, Setting> BY_KEY = ALL.stream()
      .collect(Collectors.toMap(Setting::key, x -> x, (a, b) -> {
        throw new IllegalStateException("setting " + a.key() + " is listed twice");
      }, LinkedHashMap::new));

  private Settings() {}

  private static Setting s(Part part, String key, String defaultValue, String meaning) {
    return new Setting(key, defaultValue, meaning, part);
  }

  private static Map<String, String> envOnly() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("NEWSFLOW_JAVA_OPTS", "JVM options of the `newsflow` launcher, instead of its defaults: `-Xmx1g -XX:+UseSerialGC`, and "
        + "`-XX:TieredStopAtLevel=1` for the commands that run briefly (all but the stages, `broker` and `bench`)");
    m.put("NEWSFLOW_LOG_LEVEL", "level of newsflow's own log lines (default `INFO`)");
    m.put("NEWSFLOW_LOG_FORMAT", "`text` (default) or `json`; the `--log-format` flag wins");
    m.put("NEWSFLOW_DEBUG", "when set, errors print their stack trace after the one-line message");
    m.put("NEWSFLOW_SHARED_DATA", "where `eval` and the tests find the third-party test data (default `../shared/data`)");
    m.put("NEWSFLOW_HOME", "the checkout the launcher runs from (set by `newsflow` itself)");
    return m;
  }

  /** Every setting, in reference order. */
  public static List<Setting> all() {
    return ALL;
  }

  /** The setting with this key; a key under a family such as {@code kafka.*} maps to the family's entry. */
  public static Optional<Setting> find(String key) {
    Setting exact = BY_KEY.get(key);
    if (exact != null) {
      return Optional.of(exact);
    }
    return ALL.stream().filter(x -> x.key().endsWith(".*"))
        .filter(x -> key.startsWith(x.key().substring(0, x.key().length() - 1)) && key.length() > x.key().length() - 1)
        .findFirst();
  }

  /** Whether an environment variable of newsflow's is one of {@link #ENVIRONMENT_ONLY} rather than a setting. */
  public static boolean isEnvironmentOnly(String variable) {
    return ENVIRONMENT_ONLY.containsKey(variable);
  }

  /** The known key nearest to a mistyped one (edit distance at most 3), for "did you mean". */
  public static Optional<String> nearest(String key) {
    return ALL.stream().map(Setting::key).filter(k -> !k.endsWith("*"))
        .min(Comparator.comparingInt(k -> distance(k, key)))
        .filter(k -> distance(k, key) <= 3);
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitution, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The configuration reference, as Markdown. */
  public static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Configuration reference\n\n")
        .append("Generated from `schemas/src/main/java/dev/newsflow/config/Settings.java` by the build ")
        .append("(`mvn -pl schemas process-classes`); do not edit by hand. `ConfigurationReferenceTest` fails when the code ")
        .append("reads a key this list does not document, or documents a default the code does not use.\n\n")
        .append("Defaults are built in; a properties file (`--config FILE`) overrides them, `NEWSFLOW_*` environment ")
        .append("variables override the file, and command-line flags (`--bootstrap-servers`, `-D key=value`) override ")
        .append("everything. A key's environment variable is `NEWSFLOW_` and the key upper-cased with `.` as `_`. ")
        .append("Durations are written `500ms`, `30s`, `5m`, `2h`, `7d` or ISO-8601 (`PT30S`). A key newsflow does ")
        .append("not know is reported at start with the nearest known one.\n");
    for (Part part : Part.values()) {
      List<Setting> settings = new ArrayList<>(ALL.stream().filter(x -> x.part() == part).toList());
      if (settings.isEmpty()) {
        continue;
      }
      md.append("\n## ").append(part.title()).append("\n\n")
          .append("| key | default | environment variable | meaning |\n| --- | --- | --- | --- |\n");
      for (Setting x : settings) {
        md.append("| `").append(x.key()).append("` | ").append(code(x.defaultValue())).append(" | `")
            .append(x.environmentVariable()).append("` | ").append(x.meaning().replace("|", "\\|")).append(" |\n");
      }
    }
    md.append("\n## Environment only\n\n| variable | meaning |\n| --- | --- |\n");
    ENVIRONMENT_ONLY.forEach((name, meaning) -> md.append("| `").append(name).append("` | ").append(meaning).append(" |\n"));
    return md.toString();
  }

  private static String code(String defaultValue) {
    if (defaultValue.isEmpty()) {
      return "";
    }
    boolean phrase = defaultValue.startsWith("unset") || defaultValue.contains(" ") || defaultValue.contains("`");
    return phrase ? defaultValue : "`" + defaultValue + "`";
  }

  /** Writes the reference to the file named by the first argument (the build's step). */
  public static void main(String[] args) throws java.io.IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: Settings OUTPUT.md");
    }
    java.nio.file.Path out = java.nio.file.Path.of(args[0]);
    java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
    java.nio.file.Files.writeString(out, markdown(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
