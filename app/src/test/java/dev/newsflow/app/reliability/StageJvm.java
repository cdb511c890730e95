package dev.newsflow.app.reliability;

import dev.newsflow.app.Main;
import dev.newsflow.bench.jvm.ChildJvm;
import dev.newsflow.config.NewsflowConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One newsflow stage ({@code streams}, {@code summaries}, {@code alerts}) as a user runs it: {@link Main}
 * in a JVM of its own, with the command line's own logging configuration (so what the test reads in its
 * log is what a user sees). Killed with SIGKILL by its pid for crash tests, otherwise stopped with SIGTERM.
 * Each start logs to a file of its own ({@code LOG-1.log}, {@code LOG-2.log}, …); {@link #log()} reads them all.
 */
final class StageJvm implements AutoCloseable {
  private final String command;
  private final List<String> args;
  private final Path log;
  private ChildJvm jvm;
  private int starts;

  private StageJvm(String command, List<String> args, Path log) {
    this.command = command;
    this.args = args;
    this.log = log;
  }

  /** A stage running {@code newsflow COMMAND} against the cluster and topics of {@code config}, plus {@code extra}. */
  static StageJvm start(String command, NewsflowConfig config, Map<String, String> settings, List<String> extra,
      Path log) {
    List<String> args = new ArrayList<>(List.of(command, "--bootstrap-servers", config.bootstrapServers()));
    for (String key : List.of(NewsflowConfig.TOPIC_PREFIX, NewsflowConfig.TOPIC_PARTITIONS, NewsflowConfig.APPLICATION_ID,
        NewsflowConfig.STATE_DIR, NewsflowConfig.OUTPUT_DIR)) {
      config.get(key).ifPresent(v -> args.addAll(List.of("-D", key + "=" + v)));
    }
    // A killed member is noticed within seconds instead of the default 45 s.
    args.addAll(List.of("-D", "kafka.session.timeout.ms=6000", "-D", "kafka.heartbeat.interval.ms=1000"));
    settings.forEach((k, v) -> args.addAll(List.of("-D", k + "=" + v)));
    args.addAll(extra);
    StageJvm stage = new StageJvm(command, List.copyOf(args), log);
    stage.restart();
    return stage;
  }

  /** Starts the stage again (after a kill or a stop), on the same state, output and log. */
  StageJvm restart() {
    if (jvm != null && jvm.isAlive()) {
      throw new IllegalStateException(command + " is still running");
    }
    starts++;
    List<String> options = List.of("-Xmx512m", "-XX:+UseSerialGC",
        "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.newsflow.schema",
        "-Dlogback.configurationFile=" + commandLineLogging(log.resolveSibling("logback-cli.xml")));
    jvm = ChildJvm.start(command + "-" + starts, options, Main.class.getName(), args, logOf(starts));
    return this;
  }

  /** SIGKILL, as a crash or an OOM killer would: no shutdown hook runs. Waits until the process is gone. */
  void kill9() {
    ProcessHandle handle = ProcessHandle.of(jvm.pid()).orElse(null);
    if (handle != null) {
      handle.destroyForcibly();
      handle.onExit().join();
    }
  }

  private Path logOf(int start) {
    return log.resolveSibling(log.getFileName() + "-" + start + ".log");
  }

  long pid() {
    return jvm.pid();
  }

  void requireAlive() {
    jvm.requireAlive();
  }

  /** Everything the stage logged across its starts. */
  String log() {
    StringBuilder all = new StringBuilder();
    for (int i = 1; i <= starts; i++) {
      try {
        Path file = logOf(i);
        all.append(Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return all.toString();
  }

  String tail(int lines) {
    return jvm.tail(lines);
  }

  /**
   * The logback.xml the command line ships, not the tests' own, copied to {@code file}: under
   * {@code mvn verify} it is inside the app's jar, which logback cannot be pointed into.
   */
  private static Path commandLineLogging(Path file) {
    try (var in = Main.class.getResourceAsStream("/logback.xml")) {
      if (in == null) {
        throw new IllegalStateException("the command line's logback.xml is not on the class path");
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, in.readAllBytes());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGTERM: a clean stop. */
  @Override
  public void close() {
    if (jvm != null) {
      jvm.stop(Duration.ofSeconds(30));
    }
  }
}
