package dev.newsflow.streams.enrich.link;

import dev.newsflow.schema.Company;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current {@link CompanyLinker}, rebuilt from the companies global store when the companies topic
 * changes, so reference data updates take effect without a restart. A small gazetteer is rebuilt at
 * once; a large one (slow to build) at most once per five build durations, so that a burst of updates
 * (a whole companies file) does not keep the stream threads rebuilding.
 */
public final class CompanyDirectory {
  public static final String STORE = "companies-store";

  private static final Logger log = LoggerFactory.getLogger(CompanyDirectory.class);
  private static final long CHEAP_BUILD_NANOS = 20_000_000L;

  private final AtomicLong version = new AtomicLong();
  private volatile Snapshot snapshot;

  private record Snapshot(CompanyLinker linker, long version, long builtAtNanos, long buildNanos) {}

  /** Called by the global store's processor for every change to the companies topic. */
  public void changed() {
    version.incrementAndGet();
  }

  /** The linker for the store's current content. */
  public CompanyLinker linker(ReadOnlyKeyValueStore<String, Company> store) {
    Snapshot s = snapshot;
    long v = version.get();
    if (s != null && (s.version() == v || !dueForRebuild(s))) {
      return s.linker();
    }
    synchronized (this) {
      s = snapshot;
      v = version.get();
      if (s != null && (s.version() == v || !dueForRebuild(s))) {
        return s.linker();
      }
      long started = System.nanoTime();
      List<Company> companies = new ArrayList<>();
      try (KeyValueIterator<String, Company> it = store.all()) {
        while (it.hasNext()) {
          KeyValue<String, Company> kv = it.next();
          if (kv.value != null) {
            companies.add(kv.value);
          }
        }
      }
      CompanyLinker linker = CompanyLinker.of(companies);
      long took = System.nanoTime() - started;
      snapshot = new Snapshot(linker, v, System.nanoTime(), took);
      log.info("company gazetteer built: {} companies, {} names in {} ms", companies.size(), linker.size(), took / 1_000_000);
      return linker;
    }
  }

  private static boolean dueForRebuild(Snapshot s) {
    return s.buildNanos() < CHEAP_BUILD_NANOS || System.nanoTime() - s.builtAtNanos() >= 5 * s.buildNanos();
  }
}
