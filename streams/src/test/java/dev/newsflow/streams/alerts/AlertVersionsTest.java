package dev.newsflow.streams.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Alert;
import dev.newsflow.streams.state.JsonSerde;
import dev.newsflow.streams.state.StateStores;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * What two throttle keys say about one alert, in the order a real cluster may deliver it: the task of the
 * key the alert has left speaks last. The older version is dropped, whatever comes after it.
 */
class AlertVersionsTest {
  private static final JsonSerde<AlertVersions.Versioned> VERSIONED = JsonSerde.of(AlertVersions.Versioned.class);

  @Test
  void aLateWordFromAThrottleKeyTheAlertHasLeftDoesNotOverwriteTheNewestVersion() {
    Topology topology = new Topology();
    topology.addSource("in", Serdes.String().deserializer(), VERSIONED.deserializer(), "alerts-by-id");
    topology.addProcessor("versions", () -> new AlertVersions(Duration.ofDays(30)), "in");
    topology.addStateStore(AlertVersions.storeBuilder(StateStores.rocksDb()), "versions");
    Serializer<Alert> canonical = (topic, alert) -> CanonicalJson.write(alert).getBytes(StandardCharsets.UTF_8);
    topology.addSink("out", "alerts", Serdes.String().serializer(), canonical, "versions");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-versions-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
      TestInputTopic<String, AlertVersions.Versioned> in = driver.createInputTopic("alerts-by-id",
          Serdes.String().serializer(), VERSIONED.serializer());
      // The sink writes each alert as canonical JSON here (the real topology writes Avro).
      TestOutputTopic<String, String> out = driver.createOutputTopic("alerts", Serdes.String().deserializer(),
          Serdes.String().deserializer());

      in.pipeInput("x", version("acme", false, 7)); // the new key's task: the earlier report names Acme
      in.pipeInput("x", version("other", false, 3)); // the old key's task, late: its first version
      in.pipeInput("y", version("other", false, 2)); // another alert: its own numbers
      in.pipeInput("x", version("acme", true, 7)); // the new key holds it back after all: same number, passes
      in.pipeInput("x", version("other", true, 3)); // and the old key's late withdrawal: dropped

      List<String> passed = out.readValuesToList().stream().map(json -> {
        Alert a = CanonicalJson.read(json, Alert.class);
        return a.getId() + ":" + a.getCompanyId() + (a.getWithdrawn() ? ":withdrawn" : "");
      }).collect(Collectors.toList());
      assertEquals(List.of("x:acme", "y:other", "x:acme:withdrawn"), passed);
    }
  }

  private static AlertVersions.Versioned version(String company, boolean withdrawn, long seq) {
    Alert a = Alert.newBuilder().setId(company.equals("other") && seq == 2 ? "y" : "x").setRuleId("watch")
        .setRuleType("WATCH").setCompanyId(company).setStoryId("s").setTitle("t").setMessage("m")
        .setFiredAt(Instant.parse("2026-02-10T08:00:00Z")).setEvidence(List.of()).setMetrics(Map.of())
        .setRumour(false).setSeverity("info").setTopics(List.of()).setWithdrawn(withdrawn).build();
    return new AlertVersions.Versioned(CanonicalJson.write(a), seq);
  }
}
