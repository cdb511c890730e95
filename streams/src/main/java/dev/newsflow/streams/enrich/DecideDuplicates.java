package dev.newsflow.streams.enrich;

import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.enrich.dedup.DedupMessage;
import dev.newsflow.streams.enrich.dedup.DedupState;
import dev.newsflow.streams.state.ArticleMemory;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Keyed by article: holds the enriched article until every bucket it was filed in has answered, then
 * publishes it marked with the verdict. A correction that arrives later publishes it again.
 */
final class DecideDuplicates implements FixedKeyProcessor<String, DedupMessage, EnrichedArticle> {
  static final String STORE = "dedup-decisions";

  private FixedKeyProcessorContext<String, EnrichedArticle> context;
  private final Duration retention;
  private ArticleMemory<DedupState> states;

  /** {@code retention}: how long an entry is remembered after it was last written ({@code memory.retention}). */
  DecideDuplicates(Duration retention) {
    this.retention = retention;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, EnrichedArticle> context) {
    this.context = context;
    this.states = ArticleMemory.open(context, STORE, retention);
  }

  @Override
  public void process(FixedKeyRecord<String, DedupMessage> record) {
    DedupState state = states.get(record.key());
    if (state == null) {
      state = new DedupState();
    }
    EnrichedArticle publish = state.apply(record.value());
    states.put(record.key(), state);
    if (publish != null) {
      context.forward(record.withValue(publish));
    }
  }
}
