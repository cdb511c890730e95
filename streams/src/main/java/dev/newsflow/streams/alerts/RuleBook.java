package dev.newsflow.streams.alerts;

import dev.newsflow.schema.AlertRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert rules in force: the rules global store (fed by the compacted rules topic) read as checked
 * {@link Rule}s, re-read whenever the topic changes, so that a rule added, changed or deleted takes effect
 * without a restart. A rule that fails its checks is logged once and ignored; disabled rules are skipped.
 */
public final class RuleBook {
  public static final String STORE = "alert-rules-store";

  private static final Logger log = LoggerFactory.getLogger(RuleBook.class);

  private final AtomicLong version = new AtomicLong();
  private volatile Snapshot snapshot;

  private record Snapshot(List<Rule> rules, long version) {}

  /** Called by the rules store's processor for every change to the rules topic. */
  public void changed() {
    version.incrementAndGet();
  }

  /** The enabled, valid rules, by id. */
  public List<Rule> rules(ReadOnlyKeyValueStore<String, AlertRule> store) {
    Snapshot s = snapshot;
    long v = version.get();
    if (s != null && s.version() == v) {
      return s.rules();
    }
    synchronized (this) {
      s = snapshot;
      v = version.get();
      if (s != null && s.version() == v) {
        return s.rules();
      }
      List<Rule> rules = new ArrayList<>();
      int disabled = 0;
      try (KeyValueIterator<String, AlertRule> it = store.all()) {
        while (it.hasNext()) {
          KeyValue<String, AlertRule> kv = it.next();
          if (kv.value == null) {
            continue;
          }
          if (!kv.value.getEnabled()) {
            disabled++;
            continue;
          }
          try {
            Rule rule = RuleParser.parse(kv.value);
            if (!rule.id().equals(kv.key)) {
              log.warn("alert rule {} is stored under key {}; ignored (publish rules keyed by their id)", rule.id(), kv.key);
              continue;
            }
            rules.add(rule);
          } catch (InvalidRuleException e) {
            log.warn("alert rule ignored: {}", e.getMessage());
          }
        }
      }
      rules.sort(Comparator.comparing(Rule::id));
      List<Rule> list = List.copyOf(rules);
      snapshot = new Snapshot(list, v);
      log.info("alert rules in force: {} ({} disabled)", list.stream().map(Rule::id).toList(), disabled);
      return list;
    }
  }

  public List<Rule> rules(ReadOnlyKeyValueStore<String, AlertRule> store, RuleType type) {
    return rules(store).stream().filter(r -> r.type() == type).toList();
  }

  public Optional<Rule> rule(ReadOnlyKeyValueStore<String, AlertRule> store, String id) {
    return rules(store).stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
