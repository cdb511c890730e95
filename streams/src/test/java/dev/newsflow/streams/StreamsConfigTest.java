package dev.newsflow.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.ConfigException;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.streams.aggregate.profile.CompanyProfiles;
import dev.newsflow.streams.state.QueryableStores;
import dev.newsflow.topic.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka Streams settings newsflow chooses, and the {@code kafka.*} keys that override them. */
class StreamsConfigTest {
  @TempDir Path stateDir;

  @Test
  void theGlobalConsumerWaitsAtMost100MsForAFetchUnlessTold() {
    Properties defaults = NewsflowStreams.streamsConfig(NewsflowConfig.builder().build());
    assertEquals(100, defaults.get("global.consumer.fetch.max.wait.ms"));

    Properties told = NewsflowStreams.streamsConfig(NewsflowConfig.builder()
        .set("kafka.global.consumer.fetch.max.wait.ms", "500").build());
    assertEquals("500", String.valueOf(told.get("global.consumer.fetch.max.wait.ms")));
  }

  @Test
  void theProducerLingersACommitIntervalUnderExactlyOnceAnd5MsUnderAtLeastOnceUnlessTold() {
    assertEquals(50, producerLinger(NewsflowConfig.builder()), "exactly_once_v2 (the default): the commit interval");
    NewsflowConfig.Builder atLeastOnce = NewsflowConfig.builder().set("processing.guarantee", "at_least_once");
    assertEquals(5, producerLinger(atLeastOnce), "newsflow's default, not Kafka Streams' 100 ms");
    assertEquals(20, producerLinger(NewsflowConfig.builder().set("kafka.linger.ms", "20")));
    assertEquals(30, producerLinger(NewsflowConfig.builder().set("kafka.producer.linger.ms", "30")));
    assertEquals(20, producerLinger(NewsflowConfig.builder().set("processing.guarantee", "at_least_once")
        .set("kafka.linger.ms", "20")));
    // A producer setting is not handed to the consumers.
    assertFalse(kafkaStreamsConfig(NewsflowConfig.builder()).getMainConsumerConfigs("group", "client", 0)
        .containsKey("linger.ms"));
  }

  @Test
  void exactlyOnceCommitsEvery50MsAndAtLeastOnceAsKafkaDoesUnlessTold() {
    assertEquals(50L, commitInterval(NewsflowConfig.builder()), "exactly_once_v2, the default");
    assertEquals(30_000L, commitInterval(NewsflowConfig.builder().set("processing.guarantee", "at_least_once")),
        "Kafka's own default for at_least_once");
    assertEquals(200L, commitInterval(NewsflowConfig.builder().set("kafka.commit.interval.ms", "200")));
  }

  private static long commitInterval(NewsflowConfig.Builder config) {
    return kafkaStreamsConfig(config).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
  }

  private static int producerLinger(NewsflowConfig.Builder config) {
    return Integer.parseInt(String.valueOf(kafkaStreamsConfig(config).getProducerConfigs("client").get("linger.ms")));
  }

  /** The settings as Kafka Streams reads them, its own defaults filled in. */
  private static StreamsConfig kafkaStreamsConfig(NewsflowConfig.Builder config) {
    return new StreamsConfig(NewsflowStreams.streamsConfig(
        config.set(NewsflowConfig.BOOTSTRAP_SERVERS, "unused:9092").build()));
  }

  @Test
  void everyStateStoreIsRocksDbUnlessStateStoreSaysMemory() {
    assertEquals(Set.of(true), persistence(NewsflowConfig.builder()), "by default");
    assertEquals(Set.of(false), persistence(NewsflowConfig.builder().set("state.store", "memory")), "in memory");
    assertEquals(Set.of(true), persistence(NewsflowConfig.builder().set("state.store", "RocksDB")), "on disk");
    // Kafka's own setting, given through kafka.*, wins over newsflow's.
    assertEquals(Set.of(false), persistence(NewsflowConfig.builder().set("state.store", "rocksdb")
        .set("kafka.dsl.store.suppliers.class", BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class.getName())));
  }

  @Test
  void anUnknownStoreKindIsRefusedNamingTheSetting() {
    ConfigException e = assertThrows(ConfigException.class, () -> NewsflowStreams.checkSettings(
        NewsflowConfig.builder().set("state.store", "redis").build()));
    assertEquals("state.store must be rocksdb or memory, got redis", e.getMessage());

    NewsflowConfig notAClass = NewsflowConfig.builder()
        .set("kafka.dsl.store.suppliers.class", "java.lang.String").build();
    ConfigException k = assertThrows(ConfigException.class,
        () -> NewsflowTopology.build(Topics.defaults(), NewsflowStreams.streamsConfig(notAClass)));
    assertTrue(k.getMessage().startsWith("dsl.store.suppliers.class must name a class implementing"), k.getMessage());
  }

  /** Whether the topology's stores are persistent, each store's answer in a set; and that it has its usual stores. */
  private Set<Boolean> persistence(NewsflowConfig.Builder config) {
    Properties props = NewsflowStreams.streamsConfig(config.set(NewsflowConfig.STATE_DIR, stateDir.toString())
        .set(NewsflowConfig.BOOTSTRAP_SERVERS, "unused:9092").build());
    try (TopologyTestDriver driver = new TopologyTestDriver(NewsflowTopology.build(Topics.defaults(), props), props)) {
      Map<String, StateStore> stores = driver.getAllStateStores();
      assertTrue(stores.keySet().containsAll(List.of(QueryableStores.SUMMARIES, CompanyProfiles.PROFILES,
          "dedup-filings", "companies-store")), stores.keySet().toString());
      return stores.values().stream().map(StateStore::persistent).collect(Collectors.toSet());
    }
  }
}
