package dev.newsflow.streams.errors;

import dev.newsflow.schema.DeadLetter;
import dev.newsflow.topic.DeadLetters;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the streams application does with a record it cannot read or process: it logs the topic,
 * partition and offset, writes the original bytes with the reason to the dead-letter topic (in the
 * same transaction as the rest of the task's output), and carries on. Kafka Streams counts each one
 * in its {@code dropped-records} metric. Nothing stops the pipeline and nothing is lost silently.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {
  /** Streams config key naming the dead-letter topic; set by {@code NewsflowStreams}. */
  public static final String TOPIC_CONFIG = "newsflow.dead.letter.topic";

  private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);

  private Topic<String, DeadLetter> topic;

  @Override
  public void configure(Map<String, ?> configs) {
    Object name = configs.get(TOPIC_CONFIG);
    if (name == null) {
      throw new IllegalStateException(TOPIC_CONFIG + " is not set");
    }
    String full = name.toString();
    String suffix = Topics.defaults().deadLetters().name().substring(Topics.DEFAULT_PREFIX.length());
    if (!full.endsWith(suffix)) {
      throw new IllegalStateException(TOPIC_CONFIG + " must name the newsflow dead-letter topic, got " + full);
    }
    this.topic = Topics.withPrefix(full.substring(0, full.length() - suffix.length())).deadLetters();
  }

  @Override
  public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
      ConsumerRecord<byte[], byte[]> record, Exception exception) {
    log.warn("unreadable record at {}/{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
        topic.name(), exception.getMessage());
    DeadLetter letter = DeadLetters.of("streams:" + context.processorNodeId(), exception.getClass().getSimpleName(),
        exception.getMessage(), record.topic(), record.partition(), record.offset(), record.key(), record.value(),
        Instant.now());
    return DeserializationExceptionHandler.Response.resume(List.of(DeadLetters.toRecord(topic, letter)));
  }

  @Override
  public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
      Exception exception) {
    log.warn("processing failed in {} for the record at {}/{}@{}, sent to {}", context.processorNodeId(),
        context.topic(), context.partition(), context.offset(), topic.name(), exception);
    DeadLetter letter = DeadLetters.of("streams:" + context.processorNodeId(), exception.getClass().getSimpleName(),
        String.valueOf(exception.getMessage()), context.topic(), context.partition(), context.offset(),
        context.sourceRawKey(), context.sourceRawValue(), Instant.now());
    return ProcessingExceptionHandler.Response.resume(List.of(DeadLetters.toRecord(topic, letter)));
  }
}
