package dev.newsflow.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import dev.newsflow.app.Main;
import dev.newsflow.app.Pipeline;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.testkit.SeededNews;
import dev.newsflow.testkit.TestTopics;
import dev.newsflow.topic.TopicSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * newsflow on a secured broker (SASL_SSL, SCRAM-SHA-512, ACLs), configured through {@code kafka.*}
 * settings only, with the password read from a file by Kafka's own {@code FileConfigProvider}: an
 * authorized principal runs the pipeline; one without WRITE gets one line naming the permission; and no
 * password ever reaches the logs.
 */
class SecurityIT {
  @TempDir static Path dir;
  static SecuredBroker broker;
  static NewsflowConfig base;
  static String prefix;
  static final String NEWSFLOW_PASSWORD = "nf-" + UUID.randomUUID();
  static final String INTRUDER_PASSWORD = "in-" + UUID.randomUUID();

  private final CapturedLogs logs = new CapturedLogs();

  @BeforeAll
  static void start() throws Exception {
    broker = SecuredBroker.start(dir);
    Map<String, Object> admin = new LinkedHashMap<>(broker.clientSettings(SecuredBroker.ADMIN, broker.adminPassword()));
    admin.put("bootstrap.servers", broker.bootstrapServers());
    // 1. configure: newsflow's topics, created by the super user
    Map<String, String> adminSettings = new LinkedHashMap<>();
    admin.forEach((k, v) -> adminSettings.put(NewsflowConfig.KAFKA_PREFIX + k, v.toString()));
    adminSettings.remove(NewsflowConfig.KAFKA_PREFIX + "bootstrap.servers");
    NewsflowConfig created = TestTopics.config(broker.bootstrapServers(), adminSettings, "security", dir.resolve("work"), 1);
    prefix = created.get(NewsflowConfig.TOPIC_PREFIX).orElseThrow();
    base = created;
    // 2. the users and what each may do: newsflow everything under its prefix, the intruder only to look
    try (Admin a = Admin.create(admin)) {
      ScramCredentialInfo scram = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192);
      a.alterUserScramCredentials(List.of(
          new UserScramCredentialUpsertion("newsflow", scram, NEWSFLOW_PASSWORD),
          new UserScramCredentialUpsertion("intruder", scram, INTRUDER_PASSWORD))).all().get();
      List<AclBinding> acls = new ArrayList<>();
      for (ResourceType type : List.of(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID)) {
        acls.add(allow("newsflow", type, prefix, AclOperation.ALL));
      }
      acls.add(allow("newsflow", ResourceType.CLUSTER, "kafka-cluster", AclOperation.DESCRIBE));
      acls.add(allow("newsflow", ResourceType.CLUSTER, "kafka-cluster", AclOperation.IDEMPOTENT_WRITE));
      // The intruder may see newsflow's topics and write a scratch topic of its own (so that its idempotent
      // producer gets an id), but not write newsflow's.
      acls.add(allow("intruder", ResourceType.TOPIC, prefix, AclOperation.DESCRIBE));
      acls.add(allow("intruder", ResourceType.TOPIC, "scratch-" + prefix, AclOperation.WRITE));
      a.createAcls(acls).all().get();
    }
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @BeforeEach
  void captureLogs() {
    logs.capture();
  }

  @AfterEach
  void stopCapturing() {
    logs.release();
  }

  @Test
  void anAuthorizedPrincipalRunsThePipelineAndNoPasswordReachesTheLogs(@TempDir Path work) throws Exception {
    NewsflowConfig config = as("newsflow", NEWSFLOW_PASSWORD, work);
    List<Company> companies = SeededNews.companies(5, 7);
    List<Article> articles = SeededNews.articles(companies, 7, 20);
    try (Pipeline pipeline = new Pipeline(config); RecordPublisher publisher = new RecordPublisher(config)) {
      pipeline.createTopics();
      companies.forEach(c -> publisher.publish(config.topics().companies(), c.getId(), c));
      publisher.flush();
      pipeline.startStreams();
      ExactlyOnce.send(publisher, config, articles, 0, articles.size());
      pipeline.awaitProcessed(Duration.ofMinutes(3));
    }
    Set<String> enriched = TopicSnapshot.readAll(config, config.topics().articlesEnriched(), Duration.ofSeconds(60))
        .stream().map(EnrichedArticle::getId).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(articles.stream().map(Article::getId).collect(Collectors.toCollection(TreeSet::new)), enriched);

    String captured = logs.text();
    assertTrue(captured.contains("sasl.jaas.config = [hidden]"), "the clients' configuration was logged and is in the capture");
    assertNoSecretIn(captured);
  }

  @Test
  void aPrincipalWithoutWriteGetsOneLineNamingThePermission(@TempDir Path work) throws Exception {
    NewsflowConfig config = as("intruder", INTRUDER_PASSWORD, work);
    Article article = SeededNews.article(SeededNews.companies(2, 3), 3, 0);
    Path input = Files.writeString(work.resolve("one.ndjson"), CanonicalJson.toTree(article).toString() + "\n");
    Path settings = work.resolve("newsflow.properties");
    StringBuilder props = new StringBuilder();
    config.asMap().forEach((k, v) -> props.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
    Files.writeString(settings, props.toString());

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    int status;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      // A refusal must end the command, never leave it waiting: bounded generously for a busy machine.
      status = assertTimeoutPreemptively(Duration.ofMinutes(2),
          () -> Main.run("import", "--config", settings.toString(), input.toString()));
    } finally {
      System.setErr(originalErr);
    }
    // Progress lines ("waiting for the Kafka cluster...") may come first on a slow machine; the error is the last word.
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("newsflow: ")
        && !l.startsWith("newsflow: waiting for")).toList();
    assertEquals(1, status);
    assertEquals(List.of("newsflow: principal User:intruder is not allowed to WRITE topic " + prefix + "articles.raw"),
        lines, err.toString(StandardCharsets.UTF_8));
    assertFalse(err.toString(StandardCharsets.UTF_8).contains("\tat "), "no stack trace");
    assertNoSecretIn(err.toString(StandardCharsets.UTF_8) + logs.text());
  }

  /** A configuration for {@code user} whose password Kafka reads from a file: only {@code kafka.*} settings. */
  private static NewsflowConfig as(String user, String password, Path work) throws Exception {
    Path secret = work.resolve(user + ".secret.properties");
    Files.writeString(secret, "password=" + password + "\n");
    Map<String, String> settings = new LinkedHashMap<>();
    broker.tlsSettings().forEach((k, v) -> settings.put(NewsflowConfig.KAFKA_PREFIX + k, v));
    settings.put("kafka.config.providers", "file");
    settings.put("kafka.config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
    settings.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
        + "username=\"" + user + "\" password=\"${file:" + secret + ":password}\";");
    settings.put(NewsflowConfig.STATE_DIR, work.resolve("state").toString());
    settings.put(NewsflowConfig.OUTPUT_DIR, work.resolve("out").toString());
    settings.put(RecordPublisher.PUBLISH_TIMEOUT, "60s");
    return base.with(settings);
  }

  private void assertNoSecretIn(String text) {
    for (String secret : List.of(NEWSFLOW_PASSWORD, INTRUDER_PASSWORD, broker.adminPassword())) {
      assertFalse(text.contains(secret), "a password appears in the logs");
    }
  }

  private static AclBinding allow(String user, ResourceType type, String name, AclOperation operation) {
    PatternType pattern = type == ResourceType.CLUSTER ? PatternType.LITERAL : PatternType.PREFIXED;
    return new AclBinding(new ResourcePattern(type, name, pattern),
        new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
  }

  /** Everything logged while a test runs, newsflow's and the Kafka clients' own (their configuration dumps included). */
  static final class CapturedLogs extends AppenderBase<ILoggingEvent> {
    private final StringBuilder text = new StringBuilder();
    private final Map<String, Level> before = new LinkedHashMap<>();

    void capture() {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      setContext(context);
      for (String name : List.of("dev.newsflow", "org.apache.kafka")) {
        ch.qos.logback.classic.Logger logger = context.getLogger(name);
        before.put(name, logger.getLevel());
        logger.setLevel(Level.INFO);
      }
      start();
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(this);
    }

    void release() {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this);
      before.forEach((name, level) -> context.getLogger(name).setLevel(level));
      stop();
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
      text.append(event.getFormattedMessage()).append('\n');
      if (event.getThrowableProxy() != null) {
        text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
      }
    }

    synchronized String text() {
      return text.toString();
    }
  }
}
