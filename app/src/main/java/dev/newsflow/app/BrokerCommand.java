package dev.newsflow.app;

import dev.newsflow.broker.LocalKafkaBroker;
import dev.newsflow.broker.LocalKafkaCluster;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a local Kafka broker, or a cluster of several, until Ctrl-C, for trying newsflow's stages one by one. */
@Command(name = "broker", mixinStandardHelpOptions = true,
    description = {"Run a local Kafka broker (KRaft), or with --nodes N a cluster, until Ctrl-C.",
        "In a cluster each broker is its own JVM; from 3 nodes newsflow's topics get 3 replicas (2 in sync)."})
final class BrokerCommand implements Callable<Integer> {
  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".newsflow/kafka",
      description = "Where the broker keeps its data (default: ${DEFAULT-VALUE}; a cluster uses DIR-cluster).")
  Path dataDir;

  @Option(names = "--port", defaultValue = "0",
      description = "Port for clients of a single broker; 0 picks a free one the first time and keeps it (default).")
  int port;

  @Option(names = "--nodes", paramLabel = "N", defaultValue = "1",
      description = "How many brokers (default: ${DEFAULT-VALUE}); each picks its own ports and keeps them.")
  int nodes;

  @Override
  public Integer call() throws InterruptedException {
    if (nodes < 1) {
      System.err.println("newsflow: --nodes must be at least 1, got " + nodes);
      return 2;
    }
    if (nodes > 1 && port != 0) {
      System.err.println("newsflow: --port is for a single broker; the nodes of a cluster choose their own ports");
      return 2;
    }
    if (nodes == 1) {
      LocalKafkaBroker broker = LocalKafkaBroker.builder(dataDir).brokerPort(port).optimisingCompiler().build();
      broker.start();
      System.out.println("Kafka broker running at " + broker.bootstrapServers() + " (data in " + broker.dataDir() + ").");
      System.out.println("Use it with: --bootstrap-servers " + broker.bootstrapServers());
      UntilStopped.await("broker", broker);
      return 0;
    }
    // A cluster keeps its nodes apart from a single broker's data, so that switching never mixes the two.
    Path clusterDir = dataDir.resolveSibling(dataDir.getFileName() + "-cluster");
    LocalKafkaCluster cluster = LocalKafkaCluster.builder(clusterDir).nodes(nodes).build();
    cluster.start();
    System.out.println("Kafka cluster of " + nodes + " brokers running at " + cluster.bootstrapServers()
        + " (data in " + cluster.dir() + ").");
    System.out.println("Use it with: --bootstrap-servers " + cluster.bootstrapServers());
    UntilStopped.await("broker", cluster);
    return 0;
  }
}
