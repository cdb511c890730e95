package dev.newsflow.streams.state;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;

/**
 * A processor of records keyed by article id that remembers something per article in one
 * {@link ArticleMemory} store, for {@code memory.retention}: it opens the store and keeps the context, the
 * subclass decides what to remember and what to forward.
 */
public abstract class ArticleMemoryProcessor<VIn, VOut, S> implements FixedKeyProcessor<String, VIn, VOut> {
  private final String store;
  private final Duration retention;
  private FixedKeyProcessorContext<String, VOut> context;
  private ArticleMemory<S> memory;

  /** {@code retention}: how long an entry is remembered after it was last written ({@code memory.retention}). */
  protected ArticleMemoryProcessor(String store, Duration retention) {
    this.store = store;
    this.retention = retention;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, VOut> context) {
    this.context = context;
    this.memory = ArticleMemory.open(context, store, retention);
  }

  protected final FixedKeyProcessorContext<String, VOut> context() {
    return context;
  }

  protected final ArticleMemory<S> memory() {
    return memory;
  }
}
