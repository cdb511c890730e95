package dev.newsflow.streams.enrich;

import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.enrich.dedup.DedupMessage;
import dev.newsflow.streams.enrich.dedup.DedupState;
import dev.newsflow.streams.state.ArticleMemory;
import dev.newsflow.streams.state.ArticleMemoryProcessor;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Keyed by article: holds the enriched article until every bucket it was filed in has answered, then
 * publishes it marked with the verdict. A correction that arrives later publishes it again.
 *
 * <p>The article is written once, to {@link #HELD}; the decision's state ({@link #STORE}), rewritten at each
 * bucket's answer, holds only the counts and the best verdict, so that each answer writes a few dozen bytes
 * to the changelog instead of the whole article again.
 */
final class DecideDuplicates extends ArticleMemoryProcessor<DedupMessage, EnrichedArticle, DedupState> {
  static final String STORE = "dedup-decisions";
  static final String HELD = "dedup-held-articles";

  /**
   * Held articles kept on the heap as well: each is written when it arrives and read back when its last answer
   * comes, most often within the next few hundred articles of its task, so the read is spared decoding it again
   * (3 KB of Avro). A few megabytes at most, a task.
   */
  static final int HELD_ON_HEAP = 256;

  private final Duration retention;
  private ArticleMemory<EnrichedArticle> held;

  DecideDuplicates(Duration retention) {
    super(STORE, retention);
    this.retention = retention;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, EnrichedArticle> context) {
    super.init(context);
    held = ArticleMemory.<EnrichedArticle>open(context, HELD, retention).keepingOnHeap(HELD_ON_HEAP);
  }

  @Override
  public void process(FixedKeyRecord<String, DedupMessage> record) {
    ArticleMemory<DedupState> states = memory();
    DedupState state = states.get(record.key());
    if (state == null) {
      state = new DedupState();
    } else if (state.articleInState()) {
      held.put(record.key(), state.takeLegacyArticle());
    }
    DedupMessage m = record.value();
    if (m.isArticle()) {
      held.put(record.key(), m.article());
    } else {
      state.holding(() -> held.get(record.key()));
    }
    EnrichedArticle publish = state.apply(m);
    states.put(record.key(), state);
    if (publish != null) {
      context().forward(record.withValue(publish));
    }
  }
}
