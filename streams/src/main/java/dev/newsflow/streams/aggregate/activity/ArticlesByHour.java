package dev.newsflow.streams.aggregate.activity;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The articles of each company's hours for {@link ActivityWindows}: one store entry per article, and the
 * articles of recently used hours in memory as well, always equal to the store (both are written together).
 * Memory holds at most {@link #CACHED} articles (and always the hour in use); an evicted hour is read back
 * from the store when needed.
 */
final class ArticlesByHour {
  /** Articles kept in memory, by hour. */
  static final int CACHED = 100_000;

  private final KeyValueStore<String, WindowArticle> store;
  /** Articles of recently used hours, by hour key, least recently used first. */
  private final LinkedHashMap<String, Map<String, WindowArticle>> cache = new LinkedHashMap<>(256, 0.75f, true);
  private long cachedArticles;

  ArticlesByHour(KeyValueStore<String, WindowArticle> store) {
    this.store = store;
  }

  /** The articles of a company's hour, by article id. */
  Map<String, WindowArticle> of(String company, long hour) {
    String hourKey = ActivityStoreKeys.hour(company, hour);
    Map<String, WindowArticle> held = cache.get(hourKey);
    if (held == null) {
      held = read(store, company, hour);
      cache.put(hourKey, held);
      cachedArticles += held.size();
      evictBeyondLimit();
    }
    return held;
  }

  /** The articles of a company's hour as {@code store} holds them, by article id. */
  static Map<String, WindowArticle> read(ReadOnlyKeyValueStore<String, WindowArticle> store, String company, long hour) {
    Map<String, WindowArticle> held = new HashMap<>();
    try (KeyValueIterator<String, WindowArticle> it =
        store.prefixScan(ActivityStoreKeys.articlesOf(company, hour), new StringSerializer())) {
      while (it.hasNext()) {
        KeyValue<String, WindowArticle> kv = it.next();
        held.put(kv.key.substring(kv.key.lastIndexOf(ActivityStoreKeys.SEP) + 1), kv.value);
      }
    }
    return held;
  }

  void put(String company, long hour, String articleId, WindowArticle article) {
    if (of(company, hour).put(articleId, article) == null) {
      cachedArticles++;
    }
    store.put(ActivityStoreKeys.article(company, hour, articleId), article);
  }

  void remove(String company, long hour, String articleId) {
    if (of(company, hour).remove(articleId) != null) {
      cachedArticles--;
      store.delete(ActivityStoreKeys.article(company, hour, articleId));
    }
  }

  /** Every article of a company's hour, removed. */
  void forget(String company, long hour) {
    for (String articleId : of(company, hour).keySet()) {
      store.delete(ActivityStoreKeys.article(company, hour, articleId));
    }
    Map<String, WindowArticle> dropped = cache.remove(ActivityStoreKeys.hour(company, hour));
    if (dropped != null) {
      cachedArticles -= dropped.size();
    }
  }

  private void evictBeyondLimit() {
    Iterator<Map<String, WindowArticle>> eldestFirst = cache.values().iterator();
    while (cachedArticles > CACHED && cache.size() > 1) {
      cachedArticles -= eldestFirst.next().size();
      eldestFirst.remove();
    }
  }
}
