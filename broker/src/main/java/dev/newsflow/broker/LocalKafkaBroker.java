package dev.newsflow.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), run in its
 * own JVM from Kafka's jars on this program's classpath. Its data lives in one directory, so stopping
 * and starting it again keeps every topic, offset and transaction. The ports are chosen once (or given)
 * and remembered in that directory, so clients can reconnect after a restart.
 *
 * <p>Used by {@code newsflow demo} and by the test fixture. A test may {@link #kill()} it (SIGKILL) and
 * {@link #start()} it again to prove recovery.
 */
public final class LocalKafkaBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);
  private static final String PORTS_FILE = "newsflow-ports.properties";

  private final Path dataDir;
  private final int brokerPort;
  private final int controllerPort;
  private final Map<String, String> overrides;
  private final List<String> jvmOptions;
  private final Duration startTimeout;
  private final int nodeId;
  private final String quorumVoters;
  private final String sharedClusterId;
  private final Map<String, Object> clientProperties;
  private final List<String> scramCredentials;
  private Process process;
  private OutputStream lifeline;
  private long launched;

  private LocalKafkaBroker(Builder b) throws IOException {
    this.dataDir = b.dataDir.toAbsolutePath();
    Files.createDirectories(dataDir);
    Properties remembered = readPorts(dataDir);
    this.brokerPort = choosePort(b.brokerPort, remembered.getProperty("broker.port"));
    this.controllerPort = choosePort(b.controllerPort, remembered.getProperty("controller.port"));
    this.overrides = Map.copyOf(b.overrides);
    this.jvmOptions = List.copyOf(b.jvmOptions);
    this.startTimeout = b.startTimeout;
    this.nodeId = b.nodeId;
    this.quorumVoters = b.quorumVoters;
    this.sharedClusterId = b.clusterId;
    this.clientProperties = Map.copyOf(b.clientProperties);
    this.scramCredentials = List.copyOf(b.scramCredentials);
    Properties ports = new Properties();
    ports.setProperty("broker.port", Integer.toString(brokerPort));
    ports.setProperty("controller.port", Integer.toString(controllerPort));
    try (OutputStream out = Files.newOutputStream(dataDir.resolve(PORTS_FILE))) {
      ports.store(out, "ports of the local newsflow broker; delete to choose new ones");
    }
  }

  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** The address clients connect to, e.g. {@code 127.0.0.1:40123}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The broker's own log: what Kafka printed. */
  public Path logFile() {
    return dataDir.resolve("broker.log");
  }

  /** The node's id in its cluster (1 for a single broker). */
  public int nodeId() {
    return nodeId;
  }

  int controllerPort() {
    return controllerPort;
  }

  /** The operating-system process id of the running broker, or -1. */
  public synchronized long pid() {
    return isRunning() ? process.pid() : -1;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the broker and returns once it answers clients; fails with the broker's log if it does not. */
  public synchronized LocalKafkaBroker start() {
    if (isRunning()) {
      return this;
    }
    launch();
    awaitReady();
    return this;
  }

  /**
   * Starts the broker's JVM without waiting for it to answer. A node of a multi-node cluster cannot
   * answer until a majority of the controllers run, so {@link LocalKafkaCluster} launches every node
   * first and then waits for each ({@link #awaitReady()}).
   */
  synchronized void launch() {
    if (isRunning()) {
      return;
    }
    ensurePortFree(brokerPort, "broker");
    ensurePortFree(controllerPort, "controller");
    try {
      Path config = writeServerProperties();
      writeScramCredentials();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.add("-Dlogback.configurationFile=" + writeLogConfig());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(BrokerMain.class.getName());
      command.add(config.toString());
      command.add(clusterId());
      ProcessBuilder pb = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
      log.info("starting Kafka broker {} on {} (data in {})", nodeId, bootstrapServers(), dataDir);
      launched = System.nanoTime();
      process = pb.start();
      lifeline = process.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local Kafka broker in " + dataDir, e);
    }
  }

  /** Clean shutdown: the broker finishes its controlled shutdown, then the JVM exits. */
  public synchronized void stop() {
    requestStop();
    awaitStopped();
  }

  /** Asks the broker to shut down cleanly and returns at once; {@link #awaitStopped()} waits for it. */
  synchronized void requestStop() {
    if (process == null) {
      return;
    }
    try {
      lifeline.close(); // BrokerMain sees end of input and exits through Kafka's shutdown hook
    } catch (IOException ignored) {
      // the process is already gone
    }
  }

  /** Waits for a stop asked for by {@link #requestStop()}; terminates the broker if it takes over 15 s. */
  synchronized void awaitStopped() {
    if (process == null) {
      return;
    }
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        log.warn("Kafka broker did not stop within 15 s; terminating it");
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Kills the broker at once (SIGKILL), as a crash would; {@link #start()} recovers it from its data. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  @Override
  public void close() {
    stop();
  }

  /** Waits until the launched broker answers an Admin request; fails with the end of its log if it exits or is slow. */
  synchronized void awaitReady() {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    Map<String, Object> props = new java.util.HashMap<>(clientProperties);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
    try (Admin admin = Admin.create(props)) {
      while (true) {
        if (process == null) {
          throw new IllegalStateException("the Kafka broker " + nodeId + " was stopped while starting");
        }
        if (!process.isAlive()) {
          throw new IllegalStateException("the Kafka broker exited with status " + process.exitValue()
              + " while starting; its log (" + logFile() + ") ends with:\n" + tail(logFile(), 30));
        }
        try {
          int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes().get(3, TimeUnit.SECONDS).size();
          if (nodes > 0) {
            log.info("Kafka broker {} ready on {} in {} ms", nodeId, bootstrapServers(), (System.nanoTime() - launched) / 1_000_000);
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          // not ready yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
        if (System.nanoTime() > deadline) {
          kill();
          throw new IllegalStateException("the Kafka broker did not become ready within " + startTimeout.toSeconds()
              + " s; its log (" + logFile() + ") ends with:\n" + tail(logFile(), 30));
        }
      }
    }
  }

  private Path writeServerProperties() throws IOException {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(nodeId));
    p.put("controller.quorum.voters", quorumVoters != null ? quorumVoters : nodeId + "@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dataDir.resolve("kraft-logs").toString());
    // A single node: every internal topic has one replica, and is small so that it is created fast.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("num.partitions", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    p.putAll(overrides);
    StringBuilder text = new StringBuilder("# written by newsflow's LocalKafkaBroker at each start\n");
    p.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
    Path file = dataDir.resolve("server.properties");
    Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    return file;
  }

  /**
   * SCRAM users the storage is formatted with (the broker's own inter-broker user must exist before the
   * broker can log in to itself). Kept in a file readable by its owner only, never on a command line.
   */
  private void writeScramCredentials() throws IOException {
    Path file = dataDir.resolve(BrokerMain.SCRAM_FILE);
    if (scramCredentials.isEmpty()) {
      Files.deleteIfExists(file);
      return;
    }
    Files.deleteIfExists(file);
    Files.createFile(file);
    try {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system: the directory's own permissions protect it
    }
    Files.write(file, scramCredentials, StandardCharsets.UTF_8);
  }

  private Path writeLogConfig() throws IOException {
    Path file = dataDir.resolve("broker-logback.xml");
    try (var in = LocalKafkaBroker.class.getResourceAsStream("broker-logback.xml")) {
      Files.write(file, in.readAllBytes());
    }
    return file;
  }

  private String clusterId() throws IOException {
    Path file = dataDir.resolve("cluster-id");
    if (!Files.exists(file)) {
      Files.writeString(file, sharedClusterId != null ? sharedClusterId : Uuid.randomUuid().toString());
    }
    return Files.readString(file).trim();
  }

  static Properties readPorts(Path dataDir) throws IOException {
    Properties p = new Properties();
    Path file = dataDir.resolve(PORTS_FILE);
    if (Files.exists(file)) {
      try (var in = Files.newInputStream(file)) {
        p.load(in);
      }
    }
    return p;
  }

  static int choosePort(int requested, String remembered) throws IOException {
    if (requested > 0) {
      return requested;
    }
    if (remembered != null) {
      return Integer.parseInt(remembered.trim());
    }
    return freePort();
  }

  /**
   * A free port below the ephemeral range, for a broker's listener. A port the system hands out for "any
   * port" may be handed out again, or become the local end of an outgoing connection, between now and the
   * broker's start; on a machine where several brokers start at once that happened.
   */
  public static int freePort() throws IOException {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = random.nextInt(PRIVATE_PORTS_FROM, PRIVATE_PORTS_TO);
      if (CHOSEN.add(port) && isFree(port)) {
        return port;
      }
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Below Linux's default ephemeral range (32768-60999) and above the usual well-known services. */
  private static final int PRIVATE_PORTS_FROM = 20_000;
  private static final int PRIVATE_PORTS_TO = 32_000;
  /** Ports this JVM chose already: the nodes of one cluster never get the same port. */
  private static final java.util.Set<Integer> CHOSEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void ensurePortFree(int port, String what) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new IllegalStateException("the " + what + " port " + port + " of the local Kafka broker is in use by another "
          + "program; stop it, or delete " + dataDir.resolve(PORTS_FILE) + " to choose new ports", e);
    }
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Options of a {@link LocalKafkaBroker}; every one has a default that suits a laptop or CI machine. */
  public static final class Builder {
    private final Path dataDir;
    private int brokerPort;
    private int controllerPort;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>(List.of(
        "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true"));
    private Duration startTimeout = Duration.ofSeconds(90);
    private int nodeId = 1;
    private String quorumVoters;
    private String clusterId;
    private final Map<String, Object> clientProperties = new LinkedHashMap<>();
    private final List<String> scramCredentials = new ArrayList<>();

    private Builder(Path dataDir) {
      this.dataDir = dataDir;
    }

    /** The port clients connect to; 0 (default) picks a free one the first time and keeps it. */
    public Builder brokerPort(int port) {
      this.brokerPort = port;
      return this;
    }

    public Builder controllerPort(int port) {
      this.controllerPort = port;
      return this;
    }

    /** Any broker setting, e.g. {@code log.retention.hours}. */
    public Builder config(String key, String value) {
      overrides.put(key, value);
      return this;
    }

    public Builder startTimeout(Duration timeout) {
      this.startTimeout = timeout;
      return this;
    }

    /**
     * Lets the broker's JVM compile hot code with its optimising compiler too. By default it stops at the quick
     * first tier ({@code -XX:TieredStopAtLevel=1}): a test's broker starts a second or two sooner and runs for
     * a minute. A broker that runs long under load (the demo, {@code newsflow broker}, the bench) spends that
     * time back many times over: measured with the bench, in BENCHMARKS.md.
     */
    public Builder optimisingCompiler() {
      jvmOptions.remove("-XX:TieredStopAtLevel=1");
      return this;
    }

    /** The maximum heap of the broker's JVM, e.g. {@code 256m} (default 512m). */
    public Builder maxHeap(String size) {
      jvmOptions.removeIf(o -> o.startsWith("-Xmx") || o.startsWith("-Xms"));
      jvmOptions.add("-Xms64m");
      jvmOptions.add("-Xmx" + size);
      return this;
    }

    /**
     * A client setting the readiness check needs to talk to the broker, e.g. {@code security.protocol}
     * when the client listener is not PLAINTEXT.
     */
    public Builder clientProperty(String key, Object value) {
      clientProperties.put(key, value);
      return this;
    }

    /**
     * A SCRAM user created when the storage is first formatted, e.g. the broker's own inter-broker user
     * for a SASL/SCRAM listener; {@code mechanism} is {@code SCRAM-SHA-512} or {@code SCRAM-SHA-256}.
     */
    public Builder scramUser(String mechanism, String name, String password) {
      if (name.contains(",") || name.contains("]") || password.contains(",") || password.contains("]")) {
        throw new IllegalArgumentException("a SCRAM user name or password for the storage tool may not contain ',' or ']'");
      }
      scramCredentials.add(mechanism + "=[name=" + name + ",password=" + password + "]");
      return this;
    }

    /** This node's place in a {@link LocalKafkaCluster}: its id, every controller, the cluster's id. */
    Builder clusterNode(int nodeId, String quorumVoters, String clusterId) {
      this.nodeId = nodeId;
      this.quorumVoters = quorumVoters;
      this.clusterId = clusterId;
      return this;
    }

    public LocalKafkaBroker build() {
      try {
        return new LocalKafkaBroker(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare the broker directory " + dataDir, e);
      }
    }
  }
}
