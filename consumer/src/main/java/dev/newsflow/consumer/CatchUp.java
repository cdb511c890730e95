package dev.newsflow.consumer;

import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a reader has read its assigned partitions up to where they ended when it started (for a
 * {@code read_committed} reader: their last stable offsets). Once reached, it stays reached.
 */
public final class CatchUp {
  private final Consumer<?, ?> consumer;
  private final Map<TopicPartition, Long> ends;
  private boolean reached;

  /** Takes the end of every partition the consumer is assigned now. */
  public CatchUp(Consumer<?, ?> consumer) {
    this.consumer = consumer;
    this.ends = consumer.endOffsets(consumer.assignment());
  }

  /** True once the consumer's position in every partition is at or past the end taken at the start. */
  public boolean reached() {
    if (!reached) {
      reached = ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
    return reached;
  }
}
