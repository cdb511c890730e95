package dev.newsflow.streams.aggregate;

import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.event.ArticleFacts;
import dev.newsflow.streams.event.CompanyEvent;
import dev.newsflow.streams.event.PhrasedArticle;
import dev.newsflow.streams.event.SourcePosition;
import dev.newsflow.streams.state.ArticleMemory;
import dev.newsflow.streams.state.JsonSerde;
import dev.newsflow.streams.state.ReadPosition;
import dev.newsflow.streams.state.StateStores;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/**
 * Turns each enriched article (keyed by article id, its wording read once: {@link PhrasedArticle}) into per-company changes, remembering what the
 * article contributed before. A revision moves every aggregate by exactly the difference (a company
 * dropped, a sentiment changed, a new publication time) and an article seen again unchanged moves
 * nothing: counts never double, whatever is replayed. Each change is keyed by company id and stamped
 * with the article's event time (for a withdrawal, the time it was counted at). When an article is of a
 * newer hour than any this task has seen, a clock tick ({@link CompanyEvent#tick}) goes out too.
 *
 * <p>The exception: the same record read again ({@link ReadPosition}: under {@code at_least_once}, after a
 * crash that kept what it stored and lost what it forwarded) counts its article again in every company it
 * names, so that a crash may count an article twice but never misses it.
 */
public final class ArticleContributions implements Processor<String, PhrasedArticle, String, CompanyEvent> {
  public static final String STORE = "article-contributions";

  /** What each article last contributed ({@link Contribution}, {@link JsonSerde}). */
  private static final JsonSerde<Contribution> SERDE = JsonSerde.of(Contribution.class);

  private ProcessorContext<String, CompanyEvent> context;
  private final Duration retention;
  private ArticleMemory<Contribution> contributions;
  /** The newest hour of news this task has told the company partitions about (after a restart, told again). */
  private long newestHour = Long.MIN_VALUE;
  private static final long HOUR = 3_600_000L;

  /** {@code retention}: how long an entry is remembered after it was last written ({@code memory.retention}). */
  public ArticleContributions(Duration retention) {
    this.retention = retention;
  }

  public static StoreBuilder<TimestampedKeyValueStore<String, Contribution>> storeBuilder(StateStores stores) {
    return stores.timestamped(STORE, SERDE);
  }

  @Override
  public void init(ProcessorContext<String, CompanyEvent> context) {
    this.context = context;
    this.contributions = ArticleMemory.open(context, STORE, retention);
  }

  @Override
  public void process(Record<String, PhrasedArticle> record) {
    PhrasedArticle phrased = record.value();
    if (phrased == null) {
      return;
    }
    EnrichedArticle article = phrased.article();
    long eventTime = article.getPublishedAt() != null ? article.getPublishedAt().toEpochMilli() : record.timestamp();
    if (Math.floorDiv(eventTime, HOUR) > newestHour) {
      // News of a newer hour than this task has seen: tell every company partition (see AggregationTopology).
      newestHour = Math.floorDiv(eventTime, HOUR);
      context.forward(new Record<>(CompanyEvent.CLOCK_KEY, CompanyEvent.tick(eventTime), eventTime));
    }
    Contribution previous = contributions.get(article.getId());
    Map<String, ArticleFacts> before = previous == null ? Map.of() : previous.facts();
    Map<String, ArticleFacts> now = ArticleFacts.of(phrased, eventTime);
    String read = ReadPosition.of(context);
    SourcePosition position = SourcePosition.of(context.recordMetadata());
    if (previous != null && ReadPosition.readAgain(previous.read(), read)) {
      // This very record wrote what is stored, and what it forwarded may be lost: count it again (at least once).
      now.forEach((company, is) -> context.forward(new Record<>(company, CompanyEvent.article(null, is, position),
          is.publishedAt())));
      return;
    }
    if (now.equals(before)) {
      return;
    }
    Set<String> companies = new LinkedHashSet<>(before.keySet());
    companies.addAll(now.keySet());
    for (String company : companies) {
      ArticleFacts was = before.get(company);
      ArticleFacts is = now.get(company);
      if (!Objects.equals(was, is)) {
        long timestamp = is != null ? is.publishedAt() : was.publishedAt();
        context.forward(new Record<>(company, CompanyEvent.article(was, is, position), timestamp));
      }
    }
    if (now.isEmpty()) {
      contributions.delete(article.getId());
    } else {
      contributions.put(article.getId(), Contribution.of(now, read));
    }
  }
}
