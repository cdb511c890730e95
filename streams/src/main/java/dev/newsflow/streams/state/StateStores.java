package dev.newsflow.streams.state;

import dev.newsflow.config.ConfigException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.DslKeyValueParams;
import org.apache.kafka.streams.state.DslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/**
 * What the topology's state stores are made of: RocksDB on local disk (Kafka Streams' default) or maps on the
 * heap. Kafka Streams lets an application choose this for the stores of its DSL operators
 * ({@code dsl.store.suppliers.class}); every store of newsflow's topology is declared by newsflow itself, so they
 * follow the same setting through this class. newsflow's setting {@code state.store} ({@link #SETTING}) sets
 * Kafka's; a {@code kafka.dsl.store.suppliers.class} of the user's own wins over both.
 *
 * <p>Either kind is backed by its changelog topic and gives the same results. In memory, a bounded archive
 * replays faster (BENCHMARKS.md, "State stores on the heap"), but the heap must hold the whole state, which grows
 * with every article remembered (there, about 27 KB an article: a 1 GB heap held some 35,000 articles before the
 * collector took the stream thread's time), and every start reads the changelogs from their beginning to rebuild
 * it, where RocksDB's files on disk need only the tail.
 */
public final class StateStores {
  /** newsflow's setting: {@code rocksdb} (the default) or {@code memory}. */
  public static final String SETTING = "state.store";

  /** The two kinds newsflow's setting names, as Kafka's suppliers. */
  private static final Map<String, Class<? extends DslStoreSuppliers>> KINDS = Map.of(
      "rocksdb", BuiltInDslStoreSuppliers.RocksDBDslStoreSuppliers.class,
      "memory", BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);

  private final DslStoreSuppliers suppliers;

  private StateStores(DslStoreSuppliers suppliers) {
    this.suppliers = suppliers;
  }

  /** RocksDB: Kafka Streams' default, and newsflow's. */
  public static StateStores rocksDb() {
    return new StateStores(new BuiltInDslStoreSuppliers.RocksDBDslStoreSuppliers());
  }

  /** The stores newsflow's {@code state.store} value {@code kind} names. */
  public static StateStores of(String kind) {
    return new StateStores(Utils.newInstance(suppliersFor(kind)));
  }

  /** The stores {@code streamsConfig}'s {@code dsl.store.suppliers.class} names (RocksDB when it names none). */
  public static StateStores from(Properties streamsConfig) {
    Object named = streamsConfig.get(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG);
    if (named == null) {
      return rocksDb();
    }
    try {
      Class<?> type = named instanceof Class<?> c ? c : Class.forName(named.toString().trim());
      return new StateStores(Utils.newInstance(type.asSubclass(DslStoreSuppliers.class)));
    } catch (ClassNotFoundException | ClassCastException e) {
      throw new ConfigException(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG + " must name a class implementing "
          + DslStoreSuppliers.class.getName() + ", got " + named);
    }
  }

  /** Kafka's {@code dsl.store.suppliers.class} for newsflow's {@code state.store} value {@code kind}. */
  public static Class<? extends DslStoreSuppliers> suppliersFor(String kind) {
    Class<? extends DslStoreSuppliers> suppliers = KINDS.get(kind.trim().toLowerCase(Locale.ROOT));
    if (suppliers == null) {
      throw new ConfigException(SETTING + " must be rocksdb or memory, got " + kind);
    }
    return suppliers;
  }

  /** A key-value store of this kind. */
  public <K, V> StoreBuilder<KeyValueStore<K, V>> keyValue(String name, Serde<K> keys, Serde<V> values) {
    return Stores.keyValueStoreBuilder(suppliers.keyValueStore(new DslKeyValueParams(name, false)), keys, values);
  }

  /** A key-value store of this kind keeping a timestamp with each value, keyed by string. */
  public <V> StoreBuilder<TimestampedKeyValueStore<String, V>> timestamped(String name, Serde<V> values) {
    return Stores.timestampedKeyValueStoreBuilder(suppliers.keyValueStore(new DslKeyValueParams(name, true)),
        Serdes.String(), values);
  }
}
