package dev.newsflow.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import dev.newsflow.topic.Replication;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka cluster of N KRaft nodes on this machine (3 by default), each a
 * {@link LocalKafkaBroker} in its own JVM with its own ports and data directory ({@code node-1},
 * {@code node-2}, ... under one directory), with the same lifeline: the nodes die with the program that
 * started them.
 *
 * <p>Every node is both broker and controller. Three separate controllers would double the JVMs (six
 * on a two-core machine) for nothing the tests need: a quorum of three combined nodes survives the loss
 * of any one node, controller and broker alike, which is exactly the failure the cluster is for. The
 * cluster is configured as a production one of three would be: internal topics and new topics with
 * three replicas and {@code min.insync.replicas=2}, so that with {@code acks=all} a write survives the
 * loss of any one broker.
 *
 * <p>Tests {@link #kill(int)} a node (SIGKILL) and {@link #restart(int)} it to prove that nothing is
 * lost or duplicated when a broker dies.
 */
public final class LocalKafkaCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalKafkaCluster.class);

  private final Path dir;
  private final List<LocalKafkaBroker> nodes;

  private LocalKafkaCluster(Path dir, List<LocalKafkaBroker> nodes) {
    this.dir = dir;
    this.nodes = List.copyOf(nodes);
  }

  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /** Broker defaults for a cluster of {@code brokers}: internal and new topics replicated by {@link Replication}'s rule. */
  static Map<String, String> replicationSettings(int brokers) {
    Replication rule = Replication.forBrokers(brokers);
    String factor = Short.toString(rule.factor());
    String minIsr = Integer.toString(rule.minInsyncReplicas());
    Map<String, String> p = new LinkedHashMap<>();
    p.put("default.replication.factor", factor);
    p.put("min.insync.replicas", minIsr);
    p.put("offsets.topic.replication.factor", factor);
    p.put("transaction.state.log.replication.factor", factor);
    p.put("transaction.state.log.min.isr", minIsr);
    p.put("share.coordinator.state.topic.replication.factor", factor);
    p.put("share.coordinator.state.topic.min.isr", minIsr);
    return p;
  }

  /** Every node's client address, comma separated: what {@code bootstrap.servers} takes. */
  public String bootstrapServers() {
    return nodes.stream().map(LocalKafkaBroker::bootstrapServers).collect(Collectors.joining(","));
  }

  public int size() {
    return nodes.size();
  }

  public Path dir() {
    return dir;
  }

  /** Node {@code id} (1..size). */
  public LocalKafkaBroker node(int id) {
    if (id < 1 || id > nodes.size()) {
      throw new IllegalArgumentException("the cluster has nodes 1.." + nodes.size() + ", not " + id);
    }
    return nodes.get(id - 1);
  }

  public List<LocalKafkaBroker> nodes() {
    return nodes;
  }

  /** Starts every node that is not running and returns once each answers. */
  public synchronized LocalKafkaCluster start() {
    long started = System.nanoTime();
    List<LocalKafkaBroker> launched = new ArrayList<>();
    try {
      for (LocalKafkaBroker node : nodes) {
        if (!node.isRunning()) {
          node.launch();
          launched.add(node);
        }
      }
      for (LocalKafkaBroker node : launched) {
        node.awaitReady();
      }
    } catch (RuntimeException e) {
      launched.forEach(LocalKafkaBroker::kill);
      throw e;
    }
    log.info("Kafka cluster of {} nodes ready at {} in {} ms", nodes.size(), bootstrapServers(),
        (System.nanoTime() - started) / 1_000_000);
    return this;
  }

  /** Kills node {@code id} at once (SIGKILL), as a crash would. */
  public void kill(int id) {
    log.info("killing Kafka node {} ({})", id, node(id).bootstrapServers());
    node(id).kill();
  }

  /** Starts node {@code id} again from its data and returns once it answers. */
  public void restart(int id) {
    log.info("restarting Kafka node {} ({})", id, node(id).bootstrapServers());
    node(id).start();
  }

  /**
   * Stops every node cleanly and at the same time: one after another, the last nodes would wait in vain
   * for a controller quorum that the first ones took away.
   */
  public synchronized void stop() {
    nodes.forEach(LocalKafkaBroker::requestStop);
    nodes.forEach(LocalKafkaBroker::awaitStopped);
  }

  @Override
  public void close() {
    stop();
  }

  /** Options of a {@link LocalKafkaCluster}. */
  public static final class Builder {
    /** The heap of each node's JVM. */
    private static final String NODE_HEAP = "384m";
    /** How long the nodes may take to answer: three JVMs starting at once on a busy machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private final Path dir;
    private int size = 3;

    private Builder(Path dir) {
      this.dir = dir;
    }

    /** How many nodes (default 3). */
    public Builder nodes(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("a cluster has at least one node, not " + n);
      }
      this.size = n;
      return this;
    }

    public LocalKafkaCluster build() {
      try {
        Path root = dir.toAbsolutePath();
        Files.createDirectories(root);
        String clusterId = clusterId(root);
        // Every node must know every controller before any starts: choose (or recall) all ports first.
        List<NodePorts> ports = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
          Path nodeDir = root.resolve("node-" + id);
          Files.createDirectories(nodeDir);
          Properties remembered = LocalKafkaBroker.readPorts(nodeDir);
          ports.add(new NodePorts(LocalKafkaBroker.choosePort(0, remembered.getProperty("broker.port")),
              LocalKafkaBroker.choosePort(0, remembered.getProperty("controller.port"))));
        }
        StringBuilder voters = new StringBuilder();
        for (int id = 1; id <= size; id++) {
          voters.append(id == 1 ? "" : ",").append(id).append("@127.0.0.1:").append(ports.get(id - 1).controller());
        }
        List<LocalKafkaBroker> nodes = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
          LocalKafkaBroker.Builder node = LocalKafkaBroker.builder(root.resolve("node-" + id))
              .brokerPort(ports.get(id - 1).broker())
              .controllerPort(ports.get(id - 1).controller())
              .clusterNode(id, voters.toString(), clusterId)
              .maxHeap(NODE_HEAP)
              .startTimeout(START_TIMEOUT);
          replicationSettings(size).forEach(node::config);
          nodes.add(node.build());
        }
        return new LocalKafkaCluster(root, nodes);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare the cluster directory " + dir, e);
      }
    }

    /** A node's two ports: the one clients connect to, and the controllers' quorum port. */
    private record NodePorts(int broker, int controller) {}

    private static String clusterId(Path root) throws IOException {
      Path file = root.resolve("cluster-id");
      if (!Files.exists(file)) {
        Files.writeString(file, Uuid.randomUuid().toString());
      }
      return Files.readString(file).trim();
    }
  }
}
