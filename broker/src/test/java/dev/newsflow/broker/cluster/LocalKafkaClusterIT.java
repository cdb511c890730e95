package dev.newsflow.broker.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.broker.LocalKafkaCluster;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.TopicAdmin;
import dev.newsflow.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three KRaft nodes form one cluster; newsflow's topics on it survive the loss of any one broker. */
class LocalKafkaClusterIT {
  @TempDir static Path dir;
  static LocalKafkaCluster cluster;

  @BeforeAll
  static void start() {
    cluster = LocalKafkaCluster.builder(dir.resolve("cluster")).build().start();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void threeNodesFormOneClusterWithAQuorumOfThree() throws Exception {
    try (Admin admin = admin()) {
      Set<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).collect(Collectors.toSet());
      assertEquals(Set.of(1, 2, 3), brokers);
      Set<Integer> voters = admin.describeMetadataQuorum().quorumInfo().get().voters().stream()
          .map(v -> v.replicaId()).collect(Collectors.toSet());
      assertEquals(Set.of(1, 2, 3), voters);
    }
    assertEquals(3, cluster.bootstrapServers().split(",").length);
  }

  @Test
  void newsflowTopicsGetThreeReplicasAndTwoInSync() throws Exception {
    Topics topics = Topics.withPrefix("replicas.");
    try (Admin admin = admin()) {
      TopicAdmin.ensure(admin, topics.all(), 2, Optional.empty(), Duration.ofSeconds(60));
      Set<String> names = topics.all().stream().map(Topic::name).collect(Collectors.toCollection(TreeSet::new));
      Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
      Map<String, Integer> replicas = new TreeMap<>();
      described.forEach((name, d) -> replicas.put(name, d.partitions().stream()
          .mapToInt(p -> p.replicas().size()).min().orElse(0)));
      assertEquals(names.stream().collect(Collectors.toMap(n -> n, n -> 3, (a, b) -> a, TreeMap::new)), replicas);

      List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
      Map<ConfigResource, Config> configs = TopicAdmin.describeConfigs(admin, resources, Duration.ofSeconds(60));
      Map<String, String> minIsr = new TreeMap<>();
      configs.forEach((r, c) -> minIsr.put(r.name(), c.get("min.insync.replicas").value()));
      assertEquals(names.stream().collect(Collectors.toMap(n -> n, n -> "2", (a, b) -> a, TreeMap::new)), minIsr);
    }
  }

  @Test
  void aWriteWithAcksAllSucceedsWhileABrokerIsDownAndTheBrokerCatchesUp() throws Exception {
    String topic = "survives";
    Topics topics = Topics.withPrefix("kill.");
    try (Admin admin = admin()) {
      TopicAdmin.ensure(admin, List.of(topics.articlesRaw()), 3, Optional.empty(), Duration.ofSeconds(60));
      topic = topics.articlesRaw().name();
    }
    cluster.kill(2);
    assertFalse(cluster.node(2).isRunning());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        "bootstrap.servers", cluster.bootstrapServers(), "acks", "all", "delivery.timeout.ms", 60_000),
        new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 30; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
      }
    }
    cluster.restart(2);
    try (Admin admin = admin()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      int smallestIsr;
      do {
        smallestIsr = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
            .map(TopicPartitionInfo::isr).mapToInt(List::size).min().orElse(0);
      } while (smallestIsr < 3 && System.nanoTime() < deadline && pause());
      assertEquals(3, smallestIsr, "the restarted broker is back in sync on every partition");
    }
    assertTrue(cluster.node(2).isRunning());
  }

  private static boolean pause() throws InterruptedException {
    Thread.sleep(200); // the polling interval of a deadline loop
    return true;
  }

  private static Admin admin() {
    return Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
  }
}
