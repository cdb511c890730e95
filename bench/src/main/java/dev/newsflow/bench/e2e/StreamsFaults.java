package dev.newsflow.bench.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a streams stage's log says about its transactions: log events (a line and the stack trace under
 * it) naming a producer whose epoch the broker refused ({@code InvalidProducerEpochException}, what a
 * transaction aborted on its timeout gives), a fenced producer ({@code ProducerFencedException},
 * {@code InvalidPidMappingException}), a migrated task ({@code TaskMigratedException}, "being fenced") or a
 * corrupted one ({@code TaskCorruptedException}, "are corrupted"). One incident usually shows as more
 * than one event (Kafka Streams logs it where it is caught and again where the task is closed), and one
 * event can count under two names (a migration caused by a refused epoch).
 *
 * @param invalidProducerEpoch events naming {@code InvalidProducerEpochException}
 * @param producerFenced       events naming {@code ProducerFencedException} or {@code InvalidPidMappingException}
 * @param taskMigrated         events naming {@code TaskMigratedException} or saying the thread is being fenced
 * @param taskCorrupted        events naming {@code TaskCorruptedException} or saying tasks are corrupted
 * @param threadFailed         events in which the application says a stream thread failed (it is replaced, and a
 *                             thread that fails on the same record again and again stops its tasks)
 */
public record StreamsFaults(int invalidProducerEpoch, int producerFenced, int taskMigrated, int taskCorrupted,
    int threadFailed) {
  /** What {@code NewsflowStreams} logs when a stream thread dies of an exception. */
  static final String THREAD_FAILED = "a stream thread failed";

  /** The Logback configuration (a class-path resource) under which the streams stage logs Kafka's warnings. */
  static final String LOGBACK = "bench-streams-logback.xml";

  /** The first line of a log event in the stages' text format: {@code HH:mm:ss LEVEL logger - message}. */
  private static final Pattern EVENT_START = Pattern.compile("^\\d{2}:\\d{2}:\\d{2}(\\.\\d+)? +(TRACE|DEBUG|INFO|WARN|ERROR) ");

  /** No fault of any kind. */
  public boolean none() {
    return invalidProducerEpoch == 0 && producerFenced == 0 && taskMigrated == 0 && taskCorrupted == 0 && threadFailed == 0;
  }

  /** The events of this log and of {@code other}'s together (the instances of one application). */
  StreamsFaults plus(StreamsFaults other) {
    return new StreamsFaults(invalidProducerEpoch + other.invalidProducerEpoch, producerFenced + other.producerFenced,
        taskMigrated + other.taskMigrated, taskCorrupted + other.taskCorrupted, threadFailed + other.threadFailed);
  }

  /** Reads a stage's log file. */
  static StreamsFaults read(Path log) {
    try {
      return count(Files.readAllLines(log, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the streams log " + log + ": " + e.getMessage(), e);
    }
  }

  /** Counts the events of a log given as lines. */
  static StreamsFaults count(List<String> lines) {
    int epoch = 0;
    int fenced = 0;
    int migrated = 0;
    int corrupted = 0;
    int failed = 0;
    for (String event : events(lines)) {
      epoch += mentions(event, "InvalidProducerEpochException");
      fenced += mentions(event, "ProducerFencedException", "InvalidPidMappingException");
      migrated += mentions(event, "TaskMigratedException", "is being fenced");
      corrupted += mentions(event, "TaskCorruptedException", "are corrupted");
      failed += mentions(event, THREAD_FAILED);
    }
    return new StreamsFaults(epoch, fenced, migrated, corrupted, failed);
  }

  /** A log's events: each starts at a line with a time and a level, and takes the lines after it that do not. */
  private static List<String> events(List<String> lines) {
    List<String> out = new ArrayList<>();
    StringBuilder event = new StringBuilder();
    for (String line : lines) {
      if (EVENT_START.matcher(line).find() && event.length() > 0) {
        out.add(event.toString());
        event.setLength(0);
      }
      event.append(line).append('\n');
    }
    if (event.length() > 0) {
      out.add(event.toString());
    }
    return out;
  }

  private static int mentions(String event, String... names) {
    for (String name : names) {
      if (event.contains(name)) {
        return 1;
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return none() ? "no fenced producer, corrupted task or failed stream thread logged"
        : String.format("logged: InvalidProducerEpochException %d, fenced producer %d, task migrated %d, task corrupted %d, "
            + "stream thread failed %d", invalidProducerEpoch, producerFenced, taskMigrated, taskCorrupted, threadFailed);
  }
}
