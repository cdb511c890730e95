package dev.newsflow.streams.query;

import dev.newsflow.schema.CompanyActivity;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.streams.aggregate.activity.ActivityQuery;
import dev.newsflow.streams.state.QueryableStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads this instance's own state stores: a company's summary, its activity windows, and the trending
 * companies among those it holds. Callers route a key to the instance that holds it ({@link QueryServer}).
 * Throws {@link org.apache.kafka.streams.errors.InvalidStateStoreException} while a store is not queryable
 * (starting, rebalancing, restoring).
 */
public final class LocalQueries {
  /** A trending company: its trend score and the articles behind it. */
  public record Trending(String companyId, String name, double trendScore, long last24hArticles, Instant updatedAt) {}

  /** Most trending first; ties by articles in the last 24 h, then by id. */
  public static final Comparator<Trending> BY_SCORE = Comparator.comparingDouble(Trending::trendScore).reversed()
      .thenComparing(Comparator.comparingLong(Trending::last24hArticles).reversed())
      .thenComparing(Trending::companyId);

  private final KafkaStreams streams;
  private final ActivityQuery activity;

  public LocalQueries(KafkaStreams streams, ActivityQuery activity) {
    this.streams = streams;
    this.activity = activity;
  }

  public Optional<CompanySummary> summary(String companyId, Integer partition) {
    return Optional.ofNullable(summaries(partition).get(companyId));
  }

  /**
   * The newest {@code limit} windows of a company, newest first; {@code window} is 1h or 24h. The open ones are
   * computed from the activity stage's hours as they stand ({@link ActivityQuery}).
   */
  public List<CompanyActivity> activity(String companyId, String window, int limit, Integer partition) {
    return activity.newest(companyId, window, limit, new ActivityQuery.Stores() {
      @Override
      public <V> ReadOnlyKeyValueStore<String, V> open(String name) {
        return store(name, partition);
      }
    });
  }

  /** The companies with a positive trend score among those this instance holds. */
  public List<Trending> trending(int limit) {
    List<Trending> all = new ArrayList<>();
    try (KeyValueIterator<String, CompanySummary> it = summaries(null).all()) {
      while (it.hasNext()) {
        CompanySummary s = it.next().value;
        if (s != null && s.getTrendScore() != null && s.getTrendScore() > 0) {
          all.add(new Trending(s.getCompanyId(), s.getName(), s.getTrendScore(), s.getLast24hArticles(), s.getUpdatedAt()));
        }
      }
    }
    all.sort(BY_SCORE);
    return all.size() <= limit ? all : List.copyOf(all.subList(0, limit));
  }

  private ReadOnlyKeyValueStore<String, CompanySummary> summaries(Integer partition) {
    return store(QueryableStores.SUMMARIES, partition);
  }

  /** A key-value store of this instance, read-only: one partition's, or every local partition's when null. */
  private <V> ReadOnlyKeyValueStore<String, V> store(String name, Integer partition) {
    StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> params =
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore());
    return streams.store(partition == null ? params : params.withPartition(partition));
  }
}
