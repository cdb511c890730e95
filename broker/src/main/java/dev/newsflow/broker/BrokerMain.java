package dev.newsflow.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Entry point of the broker's own JVM, started by {@link LocalKafkaBroker}: formats the storage
 * directory on first start (Kafka's {@code StorageTool}), then runs Kafka ({@code kafka.Kafka}).
 *
 * <p>The parent holds this process's standard input open. When the parent closes it, or dies, the
 * read below ends and the broker shuts down cleanly: a local broker never outlives the program that
 * started it.
 */
public final class BrokerMain {
  /** SCRAM users to format the storage with, one {@code MECHANISM=[name=..,password=..]} per line (optional). */
  static final String SCRAM_FILE = "scram-credentials";

  private BrokerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: BrokerMain <server.properties> <cluster-id>");
      System.exit(2);
    }
    Path config = Path.of(args[0]);
    String clusterId = args[1];
    formatIfNeeded(config, clusterId);
    watchParent();
    kafka.Kafka.main(new String[] {config.toString()});
  }

  private static void formatIfNeeded(Path config, String clusterId) throws IOException {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(config)) {
      props.load(in);
    }
    Path logDir = Path.of(props.getProperty("log.dirs"));
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
        "format", "--cluster-id", clusterId, "--config", config.toString(), "--ignore-formatted"));
    Path scram = config.resolveSibling(SCRAM_FILE);
    if (Files.exists(scram)) {
      for (String credential : Files.readAllLines(scram)) {
        if (!credential.isBlank()) {
          args.add("--add-scram");
          args.add(credential.trim());
        }
      }
    }
    int status = kafka.tools.StorageTool.execute(args.toArray(String[]::new), System.out);
    if (status != 0) {
      System.err.println("formatting " + logDir + " failed with status " + status);
      System.exit(status);
    }
  }

  private static void watchParent() {
    Thread watcher = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // The parent never writes; any byte is ignored.
        }
      } catch (IOException ignored) {
        // A broken pipe means the same as end of input: the parent is gone.
      }
      System.exit(0); // runs Kafka's shutdown hook: a controlled shutdown
    }, "parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }
}
