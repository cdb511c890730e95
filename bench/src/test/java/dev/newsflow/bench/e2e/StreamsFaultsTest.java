package dev.newsflow.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Faults are counted per log event (a line and its stack trace), each under every name it carries. */
class StreamsFaultsTest {
  @Test
  void eachEventCountsOnceUnderEachFaultItNames() {
    List<String> log = List.of(
        "/usr/bin/java -Dlogback.configurationFile=bench-streams-logback.xml -cp x dev.newsflow.app.Main streams",
        "08:40:01 INFO  NewsflowStreams - running",
        "08:40:12 WARN  StreamThread - stream-thread [app-StreamThread-1] Detected that the thread is being fenced. "
            + "This implies that this thread missed a rebalance and dropped out of the consumer group.",
        "org.apache.kafka.streams.errors.TaskMigratedException: Producer got fenced trying to commit a transaction",
        "\tat org.apache.kafka.streams.processor.internals.StreamsProducer.commitTransaction(StreamsProducer.java:300)",
        "Caused by: org.apache.kafka.common.errors.InvalidProducerEpochException: Producer attempted to produce with an old epoch.",
        "\tat org.apache.kafka.clients.producer.internals.Sender.completeBatch(Sender.java:700)",
        "Caused by: org.apache.kafka.common.errors.InvalidProducerEpochException: again, in the same event",
        "08:40:13 ERROR TaskManager - stream-thread [app-StreamThread-1] Get exceptions for the following tasks",
        "org.apache.kafka.streams.errors.TaskCorruptedException: Tasks [1_0] are corrupted and hence need to be re-initialized",
        "08:40:13 WARN  StreamThread - Detected the states of tasks [1_0] are corrupted. Will close the task as dirty",
        "08:40:14 WARN  Sender - org.apache.kafka.common.errors.ProducerFencedException: There is a newer producer",
        "08:40:15 INFO  NewsflowStreams - running again",
        "23:04:04 ERROR NewsflowStreams - a stream thread failed; replacing it",
        "org.apache.kafka.streams.errors.StreamsException: Error encountered sending record to topic app-company-profiles-changelog",
        "Caused by: org.apache.kafka.common.errors.RecordTooLargeException: The message is 1048967 bytes when serialized");
    StreamsFaults faults = StreamsFaults.count(log);
    assertEquals(new StreamsFaults(1, 1, 1, 2, 1), faults);
    assertFalse(faults.none());
    assertTrue(faults.toString().contains("InvalidProducerEpochException 1"), faults.toString());
  }

  @Test
  void aQuietLogHasNoFault() {
    StreamsFaults faults = StreamsFaults.count(List.of("java -cp x Main streams", "08:40:01 INFO  NewsflowStreams - running",
        "08:41:00 WARN  NetworkClient - Connection to node 1 could not be established."));
    assertTrue(faults.none(), faults.toString());
  }

  /** The streams stage logs through this file: if it does not parse, Logback logs nothing and no fault shows. */
  @Test
  void theStreamsLoggingConfigurationParsesAndLetsKafkaWarningsThrough() throws Exception {
    try (var in = StreamsFaults.class.getClassLoader().getResourceAsStream(StreamsFaults.LOGBACK)) {
      assertTrue(in != null, StreamsFaults.LOGBACK + " on the class path");
      org.w3c.dom.Document xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
      org.w3c.dom.NodeList loggers = xml.getElementsByTagName("logger");
      String kafka = null;
      for (int i = 0; i < loggers.getLength(); i++) {
        org.w3c.dom.Element logger = (org.w3c.dom.Element) loggers.item(i);
        if (logger.getAttribute("name").equals("org.apache.kafka")) {
          kafka = logger.getAttribute("level");
        }
      }
      assertEquals("WARN", kafka);
    }
  }
}
