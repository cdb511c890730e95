package dev.newsflow.app;

import dev.newsflow.broker.LocalKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a local single-node Kafka broker until Ctrl-C, for trying newsflow's stages one by one. */
@Command(name = "broker", mixinStandardHelpOptions = true,
    description = "Run a local single-node Kafka broker (KRaft) until Ctrl-C.")
final class BrokerCommand implements Callable<Integer> {
  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".newsflow/kafka",
      description = "Where the broker keeps its data (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--port", defaultValue = "0",
      description = "Port for clients; 0 picks a free one the first time and keeps it (default).")
  int port;

  @Override
  public Integer call() throws InterruptedException {
    LocalKafkaBroker broker = LocalKafkaBroker.builder(dataDir).brokerPort(port).build();
    broker.start();
    System.out.println("Kafka broker running at " + broker.bootstrapServers() + " (data in " + broker.dataDir() + ").");
    System.out.println("Use it with: --bootstrap-servers " + broker.bootstrapServers());
    UntilStopped.await("broker", broker);
    return 0;
  }
}
