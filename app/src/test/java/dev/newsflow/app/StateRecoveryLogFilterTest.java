package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command line's own logback.xml, fed what Kafka Streams logs when it recovers after a kill -9. */
class StateRecoveryLogFilterTest {
  private final LoggerContext context = new LoggerContext();
  private final ListAppender<ILoggingEvent> seen = new ListAppender<>();

  @BeforeEach
  void configureAsTheCommandLineDoes() throws Exception {
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(Main.class.getResource("/logback.xml"));
    seen.setContext(context);
    seen.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(seen);
  }

  private List<String> lines() {
    return seen.list.stream().map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()).toList();
  }

  @Test
  void aCorruptedTaskAfterAKillIsOneInfoLineSayingItIsRecoveredFromTheChangelog() {
    TaskCorruptedException corrupted = new TaskCorruptedException(Set.of(new TaskId(0, 1), new TaskId(2, 0)));
    // What Kafka Streams 4.4 logs for one recovery: StreamThread's WARN with the exception, TaskManager's ERROR.
    context.getLogger("org.apache.kafka.streams.processor.internals.StreamThread").warn(
        "stream-thread [newsflow-StreamThread-1] Detected the states of tasks [0_1, 2_0] are corrupted. "
            + "Will close the task as dirty and re-create and bootstrap from scratch.", corrupted);
    context.getLogger("org.apache.kafka.streams.processor.internals.TaskManager").error(
        "stream-thread [newsflow-StreamThread-1] task-manager [] Get exceptions for the following tasks: {}",
        java.util.Map.of(new TaskId(0, 1), corrupted));
    assertEquals(List.of("INFO " + StateRecoveryLogFilter.LOGGER + " recovering task 0_1, 2_0 from their changelog: "
        + "the local state may hold writes of a transaction that never committed (an unclean stop such as kill or "
        + "crash, or a transaction that failed), so exactly-once discards it and rebuilds it from Kafka; nothing is "
        + "lost or counted twice"), lines());
  }

  @Test
  void otherKafkaErrorsStillShow() {
    context.getLogger("org.apache.kafka.streams.processor.internals.TaskManager").error(
        "stream-thread [t] Failed to close task 0_1 cleanly", new IllegalStateException("disk full"));
    context.getLogger("org.apache.kafka.clients.producer.KafkaProducer").error("corrupted record in batch");
    assertEquals(List.of(
        "ERROR org.apache.kafka.streams.processor.internals.TaskManager stream-thread [t] Failed to close task 0_1 cleanly",
        "ERROR org.apache.kafka.clients.producer.KafkaProducer corrupted record in batch"), lines());
  }
}
