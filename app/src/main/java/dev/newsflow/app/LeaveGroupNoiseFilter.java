package dev.newsflow.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps a harmless shutdown message off the console: a consumer leaving its group as newsflow stops may
 * find that the group's coordinator moved or already went (the local broker stops right after), and the
 * Kafka client logs that at ERROR ("LeaveGroup ... This is not the correct coordinator"). Nothing is
 * lost: every sink committed what it processed before leaving, and the group forgets a member that did
 * not leave once its session times out. Every other Kafka error still shows.
 */
public final class LeaveGroupNoiseFilter extends Filter<ILoggingEvent> {
  @Override
  public FilterReply decide(ILoggingEvent event) {
    return event.getLoggerName().startsWith("org.apache.kafka.clients.consumer.internals.")
        && event.getFormattedMessage() != null && event.getFormattedMessage().contains("LeaveGroup")
        ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
