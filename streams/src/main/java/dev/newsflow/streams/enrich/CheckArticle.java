package dev.newsflow.streams.enrich;

import dev.newsflow.contract.ArticleText;
import dev.newsflow.contract.PublishedAtRule;
import dev.newsflow.schema.Article;
import dev.newsflow.topic.DeadLetters;
import dev.newsflow.topic.Topic;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Puts an article's text in the contract's normal form and runs {@link ArticleValidator}: a usable article
 * goes on cleaned; a refused one becomes a dead letter with its source position and the article as it came.
 */
final class CheckArticle implements FixedKeyProcessor<String, Article, Checked<Article>> {
  private final Topic<String, Article> source;
  private final PublishedAtRule publishedAt;
  private FixedKeyProcessorContext<String, Checked<Article>> context;

  CheckArticle(Topic<String, Article> source, PublishedAtRule publishedAt) {
    this.source = source;
    this.publishedAt = publishedAt;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Checked<Article>> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Article> record) {
    Article article = ArticleText.cleaned(record.value());
    // Judged when the broker stored the record (articles.raw is LogAppendTime; capped at now), not by the
    // newest publishedAt seen: the event-time clocks this check protects are what a far-future date moves.
    // And not by the wall clock alone, so that reprocessing the topic gives the verdicts it gave.
    Optional<Rejection> rejection = ArticleValidator.check(article, publishedAt, record.timestamp());
    if (rejection.isEmpty()) {
      context.forward(record.withValue(Checked.ok(article)));
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
