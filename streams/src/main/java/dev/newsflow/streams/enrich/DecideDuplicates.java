package dev.newsflow.streams.enrich;

import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.enrich.dedup.DedupMessage;
import dev.newsflow.streams.enrich.dedup.DedupState;
import dev.newsflow.streams.state.ArticleMemory;
import dev.newsflow.streams.state.ArticleMemoryProcessor;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Keyed by article: holds the enriched article until every bucket it was filed in has answered, then
 * publishes it marked with the verdict. A correction that arrives later publishes it again.
 */
final class DecideDuplicates extends ArticleMemoryProcessor<DedupMessage, EnrichedArticle, DedupState> {
  static final String STORE = "dedup-decisions";

  DecideDuplicates(Duration retention) {
    super(STORE, retention);
  }

  @Override
  public void process(FixedKeyRecord<String, DedupMessage> record) {
    ArticleMemory<DedupState> states = memory();
    DedupState state = states.get(record.key());
    if (state == null) {
      state = new DedupState();
    }
    EnrichedArticle publish = state.apply(record.value());
    states.put(record.key(), state);
    if (publish != null) {
      context().forward(record.withValue(publish));
    }
  }
}
