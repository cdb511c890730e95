package dev.newsflow.testkit;

import dev.newsflow.broker.LocalKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one Kafka broker of a test JVM, shared by every test class in it and started on first use. It is,
 * in order of preference: the cluster named by {@code KAFKA_BOOTSTRAP_SERVERS}; Testcontainers'
 * {@code apache/kafka} when Docker is available; otherwise a {@link LocalKafkaBroker} in a temporary
 * directory. Tests share it safely by using their own topic prefix ({@link TestTopics}).
 */
public final class KafkaFixture {
  private static final Logger log = LoggerFactory.getLogger(KafkaFixture.class);
  /** The broker image of the Kafka version the build uses (the clients' own version), as docker-compose.yml uses. */
  public static final String IMAGE = "apache/kafka:" + kafkaVersion();

  /** The version of the Kafka clients on the class path (the build's {@code kafka.version}), from the jar's own file. */
  public static String kafkaVersion() {
    java.util.Properties p = new java.util.Properties();
    try (java.io.InputStream in = org.apache.kafka.clients.admin.Admin.class.getResourceAsStream("/kafka/kafka-version.properties")) {
      p.load(in);
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("kafka-clients carries no kafka/kafka-version.properties", e);
    }
    return p.getProperty("version");
  }

  private static String bootstrapServers;
  private static LocalKafkaBroker localBroker;

  private KafkaFixture() {}

  public static synchronized String bootstrapServers() {
    if (bootstrapServers == null) {
      bootstrapServers = start();
    }
    return bootstrapServers;
  }

  /** The local broker, when that is what runs; tests that kill and restart the broker need it. */
  public static synchronized LocalKafkaBroker localBroker() {
    bootstrapServers();
    if (localBroker == null) {
      throw new IllegalStateException("the shared broker is not a local broker (" + bootstrapServers + ")");
    }
    return localBroker;
  }

  public static synchronized boolean isLocalBroker() {
    bootstrapServers();
    return localBroker != null;
  }

  private static String start() {
    String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
    if (external != null && !external.isBlank()) {
      log.info("tests use the Kafka cluster at {} (KAFKA_BOOTSTRAP_SERVERS)", external);
      return external;
    }
    if (!"local".equals(System.getenv("NEWSFLOW_TEST_BROKER")) && dockerAvailable()) {
      KafkaContainer container = new KafkaContainer(IMAGE);
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
      log.info("tests use Testcontainers' {} at {}", IMAGE, container.getBootstrapServers());
      return container.getBootstrapServers();
    }
    try {
      Path dir = Files.createTempDirectory("newsflow-test-kafka");
      localBroker = LocalKafkaBroker.builder(dir).build().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        localBroker.stop();
        deleteRecursively(dir);
      }, "local-kafka-stop"));
      log.info("tests use a local KRaft broker at {}", localBroker.bootstrapServers());
      return localBroker.bootstrapServers();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: it is a temporary directory
    }
  }
}
