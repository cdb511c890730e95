package dev.newsflow.streams.enrich;

import dev.newsflow.schema.Article;
import dev.newsflow.topic.DeadLetters;
import dev.newsflow.topic.Topic;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Runs {@link ArticleValidator} and, for a refused article, prepares its dead letter with its source position. */
final class CheckArticle implements FixedKeyProcessor<String, Article, Checked<Article>> {
  private final Topic<String, Article> source;
  private FixedKeyProcessorContext<String, Checked<Article>> context;

  CheckArticle(Topic<String, Article> source) {
    this.source = source;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Checked<Article>> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Article> record) {
    Optional<Rejection> rejection = ArticleValidator.check(record.key(), record.value());
    if (rejection.isEmpty()) {
      context.forward(record.withValue(Checked.ok(record.value())));
      return;
    }
    Optional<RecordMetadata> where = context.recordMetadata();
    context.forward(record.withValue(Checked.rejected(DeadLetters.of("streams:check-articles",
        rejection.get().errorType(), rejection.get().reason(),
        where.map(RecordMetadata::topic).orElse(source.name()),
        where.map(RecordMetadata::partition).orElse(null),
        where.map(RecordMetadata::offset).orElse(null),
        record.key() == null ? null : source.keySerde().serializer().serialize(source.name(), record.key()),
        source.valueSerde().serializer().serialize(source.name(), record.value()),
        Instant.ofEpochMilli(record.timestamp())))));
  }
}
