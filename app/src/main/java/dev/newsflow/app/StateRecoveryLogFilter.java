package dev.newsflow.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Marker;

/**
 * Says in one line what Kafka Streams' {@code TaskCorruptedException} means after an unclean stop.
 *
 * <p>Under exactly-once, a streams instance killed mid-transaction (kill -9, a crash, a lost machine), or
 * one whose transaction failed (fenced, timed out), has local state that may hold uncommitted writes. On the next start Kafka Streams notices, wipes
 * that task's local state and rebuilds it from its changelog topic: normal recovery that loses and
 * repeats nothing. Kafka logs it as an ERROR from {@code TaskManager} ("Get exceptions for the
 * following tasks") and a WARN with a stack trace from {@code StreamThread}, which reads like a failure.
 * This filter drops those events and logs instead, once per set of tasks, an INFO line naming the tasks
 * and saying they are being recovered from their changelogs. Any other Kafka error still shows.
 */
public final class StateRecoveryLogFilter extends TurboFilter {
  static final String LOGGER = "dev.newsflow.streams.StateRecovery";
  private static final String CORRUPTED = "TaskCorruptedException";
  private static final Pattern TASK_ID = Pattern.compile("\\b\\d+_\\d+\\b");
  /** A recovery shows as several Kafka events within a moment; one line says it. */
  private static final long REPEAT_QUIET_NANOS = 30_000_000_000L;

  private Set<String> lastTasks = Set.of();
  private long lastAt;

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format == null || !level.isGreaterOrEqual(Level.WARN)
        || !logger.getName().startsWith("org.apache.kafka.streams.")) {
      return FilterReply.NEUTRAL;
    }
    String text = describe(format, params, t);
    if (!text.contains(CORRUPTED) && !(logger.getName().endsWith(".StreamThread") && text.contains("are corrupted"))) {
      return FilterReply.NEUTRAL;
    }
    Set<String> tasks = new TreeSet<>();
    Matcher m = TASK_ID.matcher(text);
    while (m.find()) {
      tasks.add(m.group());
    }
    if (shouldSay(tasks)) {
      logger.getLoggerContext().getLogger(LOGGER).info("recovering {} from {} changelog: the local state may hold "
          + "writes of a transaction that never committed (an unclean stop such as kill or crash, or a transaction "
          + "that failed), so exactly-once discards it and rebuilds it from Kafka; nothing is lost or counted twice",
          tasks.isEmpty() ? "tasks" : "task " + String.join(", ", tasks), tasks.size() == 1 ? "its" : "their");
    }
    return FilterReply.DENY;
  }

  private synchronized boolean shouldSay(Set<String> tasks) {
    long now = System.nanoTime();
    boolean repeat = lastTasks.containsAll(tasks) && now - lastAt < REPEAT_QUIET_NANOS;
    if (!repeat) {
      lastTasks = Set.copyOf(tasks);
    }
    lastAt = now;
    return !repeat;
  }

  /** The message with its arguments and the names and messages of its throwable's chain. */
  private static String describe(String format, Object[] params, Throwable t) {
    StringBuilder text = new StringBuilder(format);
    if (params != null) {
      for (Object p : params) {
        text.append(' ').append(p);
        if (p instanceof Throwable pt) {
          appendChain(text, pt);
        }
      }
    }
    appendChain(text, t);
    return text.toString();
  }

  private static void appendChain(StringBuilder text, Throwable t) {
    for (int depth = 0; t != null && depth < 5; t = t.getCause(), depth++) {
      text.append(' ').append(t.getClass().getName()).append(": ").append(t.getMessage());
    }
  }
}
