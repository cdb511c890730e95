package dev.newsflow.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker is real: it stores, survives a crash, and stops when asked. */
class LocalKafkaBrokerIT {
  @TempDir Path dir;

  @Test
  void keepsRecordsAcrossAKillAndARestart() throws Exception {
    try (LocalKafkaBroker broker = LocalKafkaBroker.builder(dir.resolve("kafka")).build().start()) {
      String bootstrap = broker.bootstrapServers();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        admin.createTopics(List.of(new NewTopic("t", 2, (short) 1))).all().get();
      }
      try (KafkaProducer<String, String> producer = producer(bootstrap)) {
        for (int i = 0; i < 10; i++) {
          producer.send(new ProducerRecord<>("t", "k" + i, "v" + i)).get();
        }
      }

      broker.kill();
      assertFalse(broker.isRunning());
      broker.start();

      assertEquals(bootstrap, broker.bootstrapServers(), "the broker keeps its port across restarts");
      assertEquals(10, readAll(bootstrap, "t").size());
    }
  }

  @Test
  void stopsCleanlyAndStartsAgainFromItsDirectory() throws Exception {
    LocalKafkaBroker broker = LocalKafkaBroker.builder(dir.resolve("kafka")).build().start();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
    }
    long before = System.nanoTime();
    broker.stop();
    assertTrue(Duration.ofNanos(System.nanoTime() - before).toSeconds() < 15, "a clean stop is prompt");

    LocalKafkaBroker again = LocalKafkaBroker.builder(dir.resolve("kafka")).build().start();
    try (again; Admin admin = Admin.create(Map.of("bootstrap.servers", again.bootstrapServers()))) {
      assertTrue(admin.listTopics().names().get().contains("kept"));
    }
  }

  @Test
  void saysClearlyWhenItsPortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      LocalKafkaBroker broker = LocalKafkaBroker.builder(dir.resolve("kafka")).brokerPort(taken.getLocalPort()).build();
      IllegalStateException e = assertThrows(IllegalStateException.class, broker::start);
      assertTrue(e.getMessage().contains("port " + taken.getLocalPort()), e.getMessage());
      assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all"),
        new StringSerializer(), new StringSerializer());
  }

  private static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic) {
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
        Map.of("bootstrap.servers", bootstrap, "group.id", "check", "auto.offset.reset", "earliest"),
        new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (out.size() < 10 && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
