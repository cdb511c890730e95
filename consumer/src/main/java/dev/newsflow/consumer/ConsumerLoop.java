package dev.newsflow.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shell every long-running reader of a topic shares (the summary writers, the alert dispatcher, the
 * gateway's readers, {@code demo}'s alert log): it polls on its own thread until {@link #close()}, whose wakeup ends a poll under
 * way; it keeps the failure that stopped it, for health checks, and logs it; and whatever ended the loop it
 * releases what the reader holds, then closes the consumer.
 */
public abstract class ConsumerLoop<K, V> implements Runnable, AutoCloseable {
  private final Logger log = LoggerFactory.getLogger(getClass());
  /** The loop's consumer: polled, committed and positioned by the subclass, woken and closed by the loop. */
  protected final KafkaConsumer<K, V> consumer;
  private final String threadName;
  private final String stoppedMessage;
  private final Duration joinTimeout;
  private volatile boolean closing;
  private volatile Throwable failure;
  private Thread thread;

  /**
   * A loop over a consumer with {@code properties} (see {@link SinkConsumers}) that runs on a thread named
   * {@code threadName}, logs {@code stoppedMessage} with the failure that ends it, and waits up to
   * {@code joinTimeout} for it to finish when closed.
   */
  protected ConsumerLoop(Map<String, Object> properties, Deserializer<K> keys, Deserializer<V> values,
      String threadName, String stoppedMessage, Duration joinTimeout) {
    this.consumer = new KafkaConsumer<>(properties, keys, values);
    this.threadName = threadName;
    this.stoppedMessage = stoppedMessage;
    this.joinTimeout = joinTimeout;
  }

  /** Before the first poll, on the loop's thread: load state, subscribe, connect. */
  protected void open() throws Exception {}

  /** One poll of the consumer and the handling of what it returned; called until the loop is closed. */
  protected abstract void pollOnce() throws Exception;

  /** After the last poll, whatever ended it; the consumer is closed after this. */
  protected void release() {}

  /** Every partition of {@code topic}, in order; fails clearly when the topic does not exist. */
  protected final List<TopicPartition> partitionsOf(String topic) {
    return SinkConsumers.partitions(consumer, topic);
  }

  /** Starts the loop on its own thread; a daemon thread does not keep the JVM alive. */
  protected final void startThread(boolean daemon) {
    thread = new Thread(this, threadName);
    if (daemon) {
      thread.setDaemon(true);
    }
    thread.start();
  }

  @Override
  public final void run() {
    try {
      open();
      while (!closing) {
        pollOnce();
      }
    } catch (WakeupException e) {
      if (!closing) {
        failure = e;
      }
    } catch (Exception e) {
      failure = e;
      log.error(stoppedMessage, e);
    } finally {
      try {
        release();
      } finally {
        consumer.close(Duration.ofSeconds(5));
      }
    }
  }

  /** True once the loop was told to stop: work under way should wind down. */
  protected final boolean closing() {
    return closing;
  }

  /** Why the loop stopped, if it failed; null while it runs or after a clean close. */
  public Throwable failure() {
    return failure;
  }

  /** Tells the loop to stop and wakes a poll under way; {@link #close()} also waits for the thread. */
  protected final void stop() {
    closing = true;
    consumer.wakeup();
  }

  /** On the loop's own thread, where no poll is under way to wake: ends the loop once this poll is handled. */
  protected final void endAfterThisPoll() {
    closing = true;
  }

  /** Waits for the loop's thread to finish (up to the timeout given at construction). */
  protected final void join() {
    SinkConsumers.join(thread, joinTimeout);
  }

  @Override
  public void close() {
    stop();
    join();
  }
}
