package dev.newsflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.broker.LocalKafkaBroker;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.feed.FeedGateway;
import dev.newsflow.consumer.jdbc.JdbcSummaryWriter;
import dev.newsflow.consumer.jdbc.SqlDialect;
import dev.newsflow.contract.PublishedAtRule;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.json.NdjsonLines;
import dev.newsflow.producer.DatasetPublisher;
import dev.newsflow.producer.http.IngestServer;
import dev.newsflow.producer.http.IngestSettings;
import dev.newsflow.schema.Alert;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.DeadLetter;
import dev.newsflow.schema.ReleaseRef;
import dev.newsflow.schema.Story;
import dev.newsflow.streams.NewsflowStreams;
import dev.newsflow.streams.aggregate.AggregationSettings;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.TopicSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The whole pipeline on one machine: a local Kafka broker (unless a cluster is named), the topics, the
 * streams application and the summary writer, fed with the bundled sample data or the user's own.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
        "Run the whole pipeline on a local broker with the sample data.",
        "Starts a local Kafka broker (unless a cluster is named), the streams application and the summary",
        "writers; publishes the bundled sample data (or --data DIR) and its alert rules; prints each company's",
        "mention counts, latest releases, the trending companies and the alerts; writes summaries to",
        "out/summaries/ and out/newsflow.db (SQLite) and alerts to out/alerts.ndjson. Runs until Ctrl-C unless",
        "--once is given."})
final class DemoCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(names = "--once", description = "Exit once the data has been fully processed.")
  boolean once;

  @Option(names = "--data", paramLabel = "DIR",
      description = "A folder laid out like data/sample (companies.ndjson, articles.ndjson, releases.ndjson).")
  Path data;

  @Option(names = "--rules", paramLabel = "FILE",
      description = "Alert rules, one JSON rule per line (default: rules.ndjson in the data folder, if there).")
  Path rules;

  @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".newsflow",
      description = "Where the local broker and the streams state live (default: ${DEFAULT-VALUE}).")
  Path workDir;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    // Every input is checked before anything starts: a mistake costs no broker start-up.
    Path dataDir = data != null ? data : defaultData();
    NewsflowConfig config = options.load();
    DatasetPublisher.check(dataDir, PublishedAtRule.from(config));
    if ("default".equals(config.origin(NewsflowConfig.STATE_DIR))) {
      config = config.with(NewsflowConfig.STATE_DIR, workDir.resolve("state").toString());
    }
    // The demo replays an archive: windows must accept what arrives out of event-time order across partitions.
    config = AggregationSettings.forBackfill(config);
    if (config.get(NewsflowStreams.QUERY_PORT).isEmpty()) {
      config = config.with(NewsflowStreams.QUERY_PORT, "0"); // interactive queries on a free port
    }
    Path rulesFile = rules != null ? rules : dataDir.resolve(RuleFile.DEFAULT_NAME);
    RuleFile ruleSet = rules != null || Files.exists(rulesFile) ? RuleFile.read(rulesFile) : null;
    if (ruleSet != null && !ruleSet.ok()) {
      throw new IllegalArgumentException("the rules in " + rulesFile + " were refused:\n  "
          + String.join("\n  ", ruleSet.problems()));
    }
    KafkaCluster.validate(config);
    String jdbcUrl = JdbcSummaryWriter.jdbcUrl(config);
    SqlDialect.of(jdbcUrl);

    LocalKafkaBroker broker = null;
    if (!ConfigOptions.clusterGiven(config)) {
      broker = LocalKafkaBroker.builder(workDir.resolve("kafka")).build();
      config = config.with(NewsflowConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
    }
    Path summaries = config.outputDir().resolve("summaries");
    Path alertsFile = config.outputDir().resolve("alerts.ndjson");
    Pipeline pipeline = new Pipeline(config);
    LiveAlerts alertLog = new LiveAlerts(config, alertsFile);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    Thread shutdown = shutdownHook(stopping, alertLog, pipeline, broker, stopped);
    Runtime.getRuntime().addShutdownHook(shutdown);
    try {
      if (broker != null) {
        broker.start();
        say("Kafka broker (KRaft, local) ready at " + broker.bootstrapServers());
      } else {
        say("using the Kafka cluster at " + config.bootstrapServers());
      }
      pipeline.createTopics();
      report("companies", pipeline.publishCompanies(dataDir));
      if (ruleSet != null) {
        pipeline.publishRules(ruleSet);
        say("published " + ruleSet.rules().size() + " alert rules from " + rulesFile);
      }
      pipeline.startStreams();
      pipeline.startSummaryWriter(summaries);
      pipeline.startJdbcWriter(jdbcUrl);
      alertLog.start();
      say("streams application and summary writers (files, " + SqlDialect.redact(jdbcUrl) + ") running");
      DatasetPublisher.Report news = pipeline.publishNews(dataDir);
      report("articles and releases", news);
      pipeline.awaitProcessed(Duration.ofMinutes(3));
      printTable(pipeline.summaries());
      printReleases(pipeline.summaries());
      printStories(config);
      printDigests(pipeline.summaries());
      pipeline.queryUrl().ifPresent(this::printTrending);
      List<Alert> alerts = pipeline.alerts();
      alertLog.awaitWritten(alerts, Duration.ofSeconds(30));
      printAlerts(alerts, alertsFile);
      reportDeadLetters(config);
      say("summaries written to " + summaries.toAbsolutePath());
      reportDatabase(pipeline, jdbcUrl);
      pipeline.queryUrl().ifPresent(url -> say("interactive queries: " + url + "/v1/trending, " + url
          + "/v1/companies/{id}, " + url + "/v1/companies/{id}/activity?window=1h|24h, " + url
          + "/v1/companies/{id}/digest"));
      if (once) {
        return 0;
      }
      try {
        int port = pipeline.startFeedGateway();
        String gateway = "http://" + config.get(FeedGateway.BIND, "127.0.0.1") + ":" + port;
        say("dashboard and live feed at " + gateway + "/");
        say("metrics of every stage at " + gateway + "/metrics (Prometheus text), health at " + gateway + "/health");
      } catch (RuntimeException e) {
        say("no dashboard: " + e.getMessage() + " (set -D " + FeedGateway.PORT + "=PORT)");
      }
      say("publish more news to this pipeline with: " + publishCommand(config));
      announceIngest(pipeline, config);
      Set<String> shown = alerts.stream().map(Alert::getId).collect(Collectors.toSet());
      alertLog.announce(shown, a -> {
        out.println(alertLine(a));
        out.flush();
      });
      say("pipeline running; new alerts are printed and appended to " + alertsFile + " as they fire; Ctrl-C stops it");
      stopped.await();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopped from inside the process: the finally below stops the stages
      return 130;
    } catch (RuntimeException e) {
      if (stopping.get()) {
        return 130; // stopped by a signal while starting: what failed was only the stopping itself
      }
      throw e;
    } finally {
      // Stopping must not be cut short by the interrupt that asked for it (the HTTP server's stop waits).
      boolean interrupted = Thread.interrupted();
      if (once || interrupted) {
        Runtime.getRuntime().removeShutdownHook(shutdown);
        shutdown.run();
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Starts the HTTP ingest server, the route into the raw topics from any language, and prints a curl
   * example against it; when its port is taken, says how to start one by hand instead.
   */
  private void announceIngest(Pipeline pipeline, NewsflowConfig config) {
    try {
      String url = "http://" + config.get(IngestSettings.HOST, "127.0.0.1") + ":" + pipeline.startIngestServer();
      String auth = config.get(IngestSettings.TOKEN).isPresent() ? " -H \"Authorization: Bearer $NEWSFLOW_INGEST_TOKEN\"" : "";
      say("or from any language over HTTP (JSON to " + url + IngestServer.ARTICLES + " and " + url + IngestServer.RELEASES
          + "), e.g.: " + curlExample(url, auth));
    } catch (RuntimeException e) {
      say("no ingest server (" + e.getMessage() + "; set -D " + IngestSettings.PORT + "=PORT); start one with: "
          + "./newsflow ingest-server" + sameCluster(config));
    }
  }

  /** A request that publishes one article now, for people to copy. */
  static String curlExample(String url, String auth) {
    return "curl -sS" + auth + " -H 'Content-Type: application/json' " + url + IngestServer.ARTICLES
        + " -d '{\"id\": \"my-article-1\", \"title\": \"ByteDance ships Seedance 2.1\", "
        + "\"body\": \"ByteDance released Seedance 2.1 today.\", \"publishedAt\": \"" + java.time.Instant.now()
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}'";
  }

  /** What a user runs to publish more news into this very pipeline (its broker, its topics). */
  private static String publishCommand(NewsflowConfig config) {
    return "./newsflow import FILE|DIR" + sameCluster(config);
  }

  /** The options that point another newsflow command at this pipeline's cluster and topics. */
  private static String sameCluster(NewsflowConfig config) {
    String prefix = "default".equals(config.origin(NewsflowConfig.TOPIC_PREFIX)) ? ""
        : " -D " + NewsflowConfig.TOPIC_PREFIX + "=" + config.topics().prefix();
    return " --bootstrap-servers " + config.bootstrapServers() + prefix;
  }

  /** The dead letters, by reason, with what they mean for the figures above. */
  private void reportDeadLetters(NewsflowConfig config) {
    Topic<String, DeadLetter> dlq = config.topics().deadLetters();
    Map<String, Long> byType = new TreeMap<>(TopicSnapshot.readAll(config, dlq, Duration.ofSeconds(30)).stream()
        .collect(Collectors.groupingBy(DeadLetter::getErrorType, Collectors.counting())));
    long total = byType.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      say("no record was dead-lettered (" + dlq.name() + " is empty)");
      return;
    }
    say(total + " dead letters in " + dlq.name() + " " + byType + ": records refused or, for LATE_RECORD, "
        + "counted in the totals but not in a 1 h/24 h window that had already closed; see them with "
        + "'./newsflow tail dlq --from-beginning" + sameCluster(config) + "'");
  }

  /** The database must hold exactly the summaries the files hold: say so, or say what differs. */
  private static void reportDatabase(Pipeline pipeline, String jdbcUrl) throws java.sql.SQLException {
    Map<String, String> rows = pipeline.databaseSummaries();
    Map<String, String> files = new java.util.TreeMap<>();
    pipeline.summaries().forEach((id, s) -> files.put(id, CanonicalJson.write(s)));
    if (rows.equals(files)) {
      say("database " + SqlDialect.redact(jdbcUrl) + ": " + rows.size() + " companies, matching the JSON summaries");
    } else {
      java.util.Set<String> differ = new java.util.TreeSet<>(files.keySet());
      differ.addAll(rows.keySet());
      differ.removeIf(id -> java.util.Objects.equals(rows.get(id), files.get(id)));
      throw new IllegalStateException("the database " + SqlDialect.redact(jdbcUrl)
          + " differs from the JSON summaries for " + differ);
    }
  }

  private Thread shutdownHook(AtomicBoolean stopping, LiveAlerts alertLog, Pipeline pipeline, LocalKafkaBroker broker,
      CountDownLatch stopped) {
    return new Thread(() -> {
      if (stopping.compareAndSet(false, true)) {
        long started = System.nanoTime();
        alertLog.close();
        pipeline.close();
        if (broker != null) {
          broker.stop();
        }
        System.err.printf("newsflow stopped in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        stopped.countDown();
      }
    }, "newsflow-shutdown");
  }

  private static Path defaultData() {
    String home = System.getProperty("newsflow.home", System.getenv().getOrDefault("NEWSFLOW_HOME", "."));
    return Path.of(home, "data", "sample");
  }

  private void report(String what, DatasetPublisher.Report report) {
    long n = report.companies() + report.articles() + report.releases();
    say("published " + n + " " + what + (report.rejections().isEmpty() ? "" : ", rejected " + report.rejections().size()));
    for (NdjsonLines.Rejection r : report.rejections()) {
      System.err.println("  " + r);
    }
  }

  private void printTable(Map<String, CompanySummary> summaries) {
    List<CompanySummary> rows = summaries.values().stream()
        .filter(s -> s.getArticleCount() > 0)
        .sorted(Comparator.comparingLong(CompanySummary::getArticleCount).reversed()
            .thenComparing(Comparator.comparingLong(CompanySummary::getMentionCount).reversed())
            .thenComparing(CompanySummary::getCompanyId))
        .toList();
    int nameWidth = Math.max(7, rows.stream().mapToInt(s -> displayWidth(s.getName())).max().orElse(7));
    out.println();
    out.printf("%-14s %s %8s %9s%n", "COMPANY", pad("NAME", nameWidth), "ARTICLES", "MENTIONS");
    for (CompanySummary s : rows) {
      out.printf("%-14s %s %8d %9d%n", s.getCompanyId(), pad(s.getName(), nameWidth), s.getArticleCount(),
          s.getMentionCount());
    }
    out.printf("%d companies mentioned%n%n", rows.size());
  }

  /** The latest release of each company: the newest of its product families' latest versions. */
  private void printReleases(Map<String, CompanySummary> summaries) {
    List<CompanySummary> rows = summaries.values().stream().filter(s -> !s.getLatestReleases().isEmpty())
        .sorted(Comparator.comparing((CompanySummary s) -> s.getLatestReleases().get(0).getReleasedAt()).reversed()
            .thenComparing(CompanySummary::getCompanyId))
        .toList();
    out.printf("%-14s %-24s %-10s %8s%n", "COMPANY", "LATEST RELEASE", "RELEASED", "COVERAGE");
    for (CompanySummary s : rows) {
      ReleaseRef r = s.getLatestReleases().get(0);
      String name = r.getProduct() + (r.getVersion() == null ? "" : " " + r.getVersion())
          + (r.getFirstOfFamily() ? " (first)" : "");
      out.printf("%-14s %-24s %-10s %8d%n", s.getCompanyId(), name,
          r.getReleasedAt() == null ? "" : r.getReleasedAt().toString().substring(0, 10), r.getCoverage());
    }
    out.printf("%d companies with releases%n%n", rows.size());
  }

  /**
   * The stories told by more than one report (the stories topic, latest value per story), the most
   * reported first: how many reports, outlets and languages, the headline and the other language's.
   */
  private void printStories(NewsflowConfig config) {
    Map<String, Story> all = TopicSnapshot.read(config, config.topics().stories(), Duration.ofSeconds(30));
    List<Story> told = all.values().stream().filter(s -> s != null && s.getReportCount() > 1)
        .sorted(Comparator.comparingLong(Story::getReportCount).reversed().thenComparing(Story::getId))
        .toList();
    out.printf("%-34s %7s %7s %-9s %s%n", "STORY", "REPORTS", "OUTLETS", "LANGUAGES", "HEADLINE");
    for (Story s : told) {
      out.printf("%-34s %7d %7d %-9s %s%s%n", s.getId(), s.getReportCount(), s.getOutlets().size(),
          String.join(",", s.getLanguages()), s.getHeadline(),
          s.getOtherLanguageHeadline() == null ? "" : " / " + s.getOtherLanguageHeadline());
    }
    long stories = all.values().stream().filter(java.util.Objects::nonNull).count();
    out.printf("%d stories, %d told by more than one report (topic %s)%n%n", stories, told.size(),
        config.topics().stories().name());
  }

  /**
   * The digests of the companies whose main story of the week is told by the most outlets (the first
   * {@value #DIGESTS}); {@code newsflow digest COMPANY} prints any company's.
   */
  private void printDigests(Map<String, CompanySummary> summaries) {
    Comparator<CompanySummary> widest = Comparator
        .comparingInt((CompanySummary s) -> s.getDigest().getWeek().getStories().get(0).getOutlets()).reversed()
        .thenComparing(CompanySummary::getCompanyId);
    List<CompanySummary> rows = summaries.values().stream()
        .filter(s -> s.getDigest() != null && !s.getDigest().getWeek().getStories().isEmpty())
        .sorted(widest).limit(DIGESTS).toList();
    out.printf("DIGESTS (the 24 hours and 7 days up to each company's latest news; newsflow digest COMPANY prints any)%n");
    for (CompanySummary s : rows) {
      out.printf("%s%n%n", DigestCommand.text(s));
    }
  }

  private static final int DIGESTS = 3;

  /** The trending list, as the interactive-query server answers it. */
  private void printTrending(String url) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(url + "/v1/trending?limit=10")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body = CanonicalJson.mapper().readTree(response.body());
      if (response.statusCode() != 200) {
        say("trending companies unavailable: " + body.path("error").asText(response.body()));
        return;
      }
      out.printf("%-14s %6s %8s  %s%n", "TRENDING", "SCORE", "LAST 24H", "(z-score of the newest hour against the company's usual hourly coverage)");
      for (JsonNode t : body.get("trending")) {
        out.printf("%-14s %6.2f %8d%n", t.get("companyId").asText(), t.get("trendScore").asDouble(), t.get("last24hArticles").asLong());
      }
      out.printf("%d trending companies%n%n", body.get("trending").size());
    } catch (IOException e) {
      say("trending companies unavailable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void printAlerts(List<Alert> alerts, Path file) {
    out.printf("%-20s %-15s %-14s %-12s %s%n", "ALERT FIRED AT", "RULE", "TYPE", "COMPANY", "TITLE");
    alerts.forEach(a -> out.println(alertLine(a)));
    out.printf("%d alerts, written to %s%n%n", alerts.size(), file);
  }

  private static String alertLine(Alert a) {
    return String.format("%-20s %-15s %-14s %-12s %s%s", a.getFiredAt(), a.getRuleId(), a.getRuleType(),
        a.getCompanyId() == null ? "-" : a.getCompanyId(), a.getTitle(), a.getRumour() ? " [rumour]" : "")
        + (a.getWithdrawn() ? " [withdrawn]" : "");
  }

  /** Chinese characters take two columns in a terminal. */
  private static int displayWidth(String s) {
    return s.codePoints().map(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN ? 2 : 1).sum();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - displayWidth(s)));
  }

  private static void say(String line) {
    System.err.println("newsflow: " + line);
  }
}
