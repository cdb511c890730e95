package dev.newsflow.streams.state;

import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * Where the record being processed was read ({@code topic/partition@offset}), kept with the state it changed so
 * that a processor can tell the same record read again.
 *
 * <p>Why: under {@code at_least_once} a task killed between two commits reads its input since the last commit
 * again, and its stores, restored from their changelogs, may already hold what those records changed while what
 * they forwarded never reached the next topic (the changelog and the output are written to different
 * partitions, and either can be lost in the crash alone). A processor that forwards only what changed would
 * then forward nothing, and the output would be lost for good. Finding its own position in its state, it
 * forwards what the state says again instead: at least once, as the guarantee promises. Under
 * {@code exactly_once_v2} a task's state is restored to its last commit only, so a position read again is never
 * found there.
 */
public final class ReadPosition {
  private ReadPosition() {}

  /** Where the current record was read; empty when there is no current record (a punctuation). */
  public static String of(ProcessingContext context) {
    return context.recordMetadata().map(m -> m.topic() + "/" + m.partition() + "@" + m.offset()).orElse("");
  }

  /** True when {@code read}, the current record's position, is where the record that wrote the state was read. */
  public static boolean readAgain(String stored, String read) {
    return stored != null && !read.isEmpty() && stored.equals(read);
  }
}
