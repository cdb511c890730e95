package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class LeaveGroupNoiseFilterTest {
  private final LoggerContext context = new LoggerContext();
  private final LeaveGroupNoiseFilter filter = new LeaveGroupNoiseFilter();

  private FilterReply decide(String logger, String message) {
    return filter.decide(new LoggingEvent(logger, context.getLogger(logger), Level.ERROR, message, null, null));
  }

  @Test
  void onlyTheLeaveGroupMessageOfAStoppingConsumerIsKeptQuiet() {
    assertEquals(FilterReply.DENY, decide("org.apache.kafka.clients.consumer.internals.ConsumerCoordinator",
        "[Consumer clientId=x, groupId=g] LeaveGroup request with Generation{generationId=1} failed with error: "
            + "This is not the correct coordinator."));
    assertEquals(FilterReply.NEUTRAL, decide("org.apache.kafka.clients.consumer.internals.ConsumerCoordinator",
        "Offset commit failed on partition x"));
    assertEquals(FilterReply.NEUTRAL, decide("dev.newsflow.app.Pipeline", "LeaveGroup mentioned by newsflow"));
  }
}
