package dev.newsflow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewsflowConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsFileEnvironmentAndFlagsOverrideInThatOrder() throws Exception {
    Path file = dir.resolve("newsflow.properties");
    Files.writeString(file, "bootstrap.servers=file:9092\ntopic.partitions=6\ntopic.prefix=acme.\n");
    NewsflowConfig config = NewsflowConfig.builder()
        .file(file)
        .environment(Map.of("NEWSFLOW_TOPIC_PARTITIONS", "12", "PATH", "/usr/bin"))
        .build()
        .with(Map.of("topic.prefix", "cli."));

    assertEquals("file:9092", config.bootstrapServers());
    assertEquals(12, config.partitions());
    assertEquals("cli.articles.raw", config.topics().articlesRaw().name());
    assertEquals("exactly_once_v2", config.processingGuarantee());
    assertEquals("environment variable NEWSFLOW_TOPIC_PARTITIONS", config.origin("topic.partitions"));
    assertEquals("command line", config.origin("topic.prefix"));
    assertEquals(file.toString(), config.origin("bootstrap.servers"));
  }

  @Test
  void kafkaPrefixedKeysPassToTheClientsUntouched() {
    NewsflowConfig config = NewsflowConfig.builder()
        .set("bootstrap.servers", "b:9093")
        .set("kafka.security.protocol", "SASL_SSL")
        .set("kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;")
        .environment(Map.of("NEWSFLOW_KAFKA_SASL_MECHANISM", "PLAIN"))
        .build();
    assertEquals(Map.of(
            "bootstrap.servers", "b:9093",
            "security.protocol", "SASL_SSL",
            "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;",
            "sasl.mechanism", "PLAIN"),
        config.kafkaProperties());
  }

  @Test
  void badValuesNameTheKeyAndWhereItCameFrom() {
    NewsflowConfig config = NewsflowConfig.builder()
        .environment(Map.of("NEWSFLOW_TOPIC_PARTITIONS", "three")).build();
    ConfigException e = assertThrows(ConfigException.class, config::partitions);
    assertEquals("topic.partitions (from environment variable NEWSFLOW_TOPIC_PARTITIONS): expected a whole number, got 'three'",
        e.getMessage());
  }

  @Test
  void aNumberOutOfItsRangeNamesTheKeyWhereItCameFromAndTheRange() {
    NewsflowConfig config = NewsflowConfig.builder()
        .environment(Map.of("NEWSFLOW_METRICS_PORT", "99999")).build();
    assertEquals("metrics.port (from environment variable NEWSFLOW_METRICS_PORT): must be from 0 to 65535, got 99999",
        assertThrows(ConfigException.class, () -> config.getPort("metrics.port", 0)).getMessage());
    assertEquals(8080, config.getPort("gateway.port", 8080));
  }

  @Test
  void aMissingConfigFileIsAClearError() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> NewsflowConfig.builder().file(dir.resolve("nope.properties")));
    assertTrue(e.getMessage().contains("nope.properties does not exist"), e.getMessage());
  }

  @Test
  void aConfigFileSavedWithAByteOrderMarkIsReadAsWritten() throws Exception {
    Path file = dir.resolve("bom.properties");
    Files.write(file, "\uFEFFbootstrap.servers=file:9092\n".getBytes(StandardCharsets.UTF_8));
    NewsflowConfig config = NewsflowConfig.builder().file(file).build();
    assertEquals("file:9092", config.bootstrapServers());
    assertEquals(List.of(), config.unknownSettings());
  }

  @Test
  void aConfigFileThatIsNotUtf8NamesItsFirstBadByte() throws Exception {
    Path file = dir.resolve("latin1.properties");
    Files.write(file, "topic.prefix=caf\u00e9.\n".getBytes(StandardCharsets.ISO_8859_1));
    ConfigException e = assertThrows(ConfigException.class, () -> NewsflowConfig.builder().file(file));
    assertEquals("cannot read config file " + file + ": not valid UTF-8: byte 0xE9 at offset 16 (line 1)", e.getMessage());
  }

  @Test
  void durationsAcceptUnitsAndIso() {
    NewsflowConfig config = NewsflowConfig.builder()
        .set("a", "500ms").set("b", "30s").set("c", "2h").set("d", "PT5M").set("e", "soon").build();
    assertEquals(Duration.ofMillis(500), config.getDuration("a", null));
    assertEquals(Duration.ofSeconds(30), config.getDuration("b", null));
    assertEquals(Duration.ofHours(2), config.getDuration("c", null));
    assertEquals(Duration.ofMinutes(5), config.getDuration("d", null));
    assertThrows(ConfigException.class, () -> config.getDuration("e", null));
  }

  @Test
  void aBadDurationNamesTheKeyWhereItCameFromAndWhatWouldDo() {
    NewsflowConfig config = NewsflowConfig.builder()
        .environment(Map.of("NEWSFLOW_PUBLISH_TIMEOUT", "soon")).build().with("activity.grace", "PT-5S");
    assertEquals("publish.timeout (from environment variable NEWSFLOW_PUBLISH_TIMEOUT): expected a duration such as "
        + "500ms, 30s, 5m, 2h or PT30S, got 'soon'",
        assertThrows(ConfigException.class, () -> config.getDuration("publish.timeout", null)).getMessage());
    assertEquals("activity.grace (from command line): must not be negative, got 'PT-5S'; use 0 or more, such as 30s",
        assertThrows(ConfigException.class, () -> config.getDuration("activity.grace", null)).getMessage());
    assertEquals("throttle: must not be negative, got 'P-1D'; use 0 or more, such as 30s",
        assertThrows(ConfigException.class, () -> NewsflowConfig.parseDuration("throttle", "P-1D")).getMessage());
    assertEquals(Duration.ZERO, NewsflowConfig.parseDuration("throttle", "0"));
  }

  @Test
  void replicationFactorDefaultsToTheClusters() {
    assertEquals(Optional.empty(), NewsflowConfig.defaults().replicationFactor());
    assertEquals(Optional.of((short) 3), NewsflowConfig.builder().set("topic.replication.factor", "3").build().replicationFactor());
    for (String bad : new String[] {"0", "-1", "70000"}) {
      NewsflowConfig config = NewsflowConfig.defaults().with("topic.replication.factor", bad);
      assertEquals("topic.replication.factor (from command line): must be 1 or more (at most the number of brokers), got " + bad,
          assertThrows(ConfigException.class, config::replicationFactor).getMessage());
    }
  }

  @Test
  void environmentNamesFollowTheKeys() {
    assertEquals("NEWSFLOW_BOOTSTRAP_SERVERS", NewsflowConfig.envName("bootstrap.servers"));
  }
}
