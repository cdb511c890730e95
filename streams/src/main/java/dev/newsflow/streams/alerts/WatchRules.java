package dev.newsflow.streams.alerts;

import dev.newsflow.schema.AlertRule;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Mention;
import dev.newsflow.schema.TopicScore;
import dev.newsflow.streams.enrich.link.CompanyDirectory;
import dev.newsflow.streams.event.ArticleFacts;
import dev.newsflow.streams.event.PhrasedArticle;
import dev.newsflow.streams.phrases.Phrases;
import dev.newsflow.streams.state.ArticleMemory;
import dev.newsflow.streams.state.JsonSerde;
import dev.newsflow.streams.state.ReadPosition;
import dev.newsflow.streams.state.StateStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/**
 * Evaluates the WATCH rules against each enriched article: a rule matches when the article mentions one
 * of its companies, carries one of its topics and holds one of its keywords (each only if the rule lists
 * any). A match becomes a candidate keyed by rule and story, so that the story alerts once however many
 * outlets tell it.
 *
 * <p>It remembers the candidates each article last raised ({@link #STORE}, for {@code memory.retention}):
 * when dedup publishes an article again with another story (it turned out to be a repeat) or a revision
 * stops matching, the candidates it no longer raises are retracted, so that the gate can withdraw an alert
 * that rested on them. Without this, the alert set would depend on whether a copy arrived before its original.
 * The same record read again ({@link ReadPosition}) raises its candidates again: the gate takes a candidate it
 * holds as a repeat, and one it lost in a crash as new.
 */
public final class WatchRules implements Processor<String, PhrasedArticle, String, AlertCandidate> {
  public static final String STORE = "watch-candidates";

  /**
   * The candidates one article raised, and where the record that raised them was read ({@link ReadPosition};
   * null in values written before).
   */
  public record Raised(List<AlertCandidate> candidates, String read) {}

  private final RuleBook book;
  private final Duration retention;
  private ProcessorContext<String, AlertCandidate> context;
  private ReadOnlyKeyValueStore<String, AlertRule> rules;
  private ReadOnlyKeyValueStore<String, Company> companies;
  private ArticleMemory<Raised> raised;

  /** {@code retention}: how long an article's candidates are remembered after it was last seen ({@code memory.retention}). */
  public WatchRules(RuleBook book, Duration retention) {
    this.book = book;
    this.retention = retention;
  }

  public static StoreBuilder<TimestampedKeyValueStore<String, Raised>> storeBuilder(StateStores stores) {
    return stores.timestamped(STORE, JsonSerde.of(Raised.class));
  }

  @Override
  public void init(ProcessorContext<String, AlertCandidate> context) {
    this.context = context;
    this.rules = context.getStateStore(RuleBook.STORE);
    this.companies = context.getStateStore(CompanyDirectory.STORE);
    this.raised = ArticleMemory.open(context, STORE, retention);
  }

  @Override
  public void process(Record<String, PhrasedArticle> record) {
    PhrasedArticle a = record.value();
    if (a == null) {
      return;
    }
    List<Rule> watch = book.rules(rules, RuleType.WATCH);
    String id = a.article().getId();
    Raised before = raised.get(id);
    if (watch.isEmpty() && before == null) {
      return;
    }
    Instant publishedAt = a.article().getPublishedAt();
    long eventTime = publishedAt != null ? publishedAt.toEpochMilli() : record.timestamp();
    List<AlertCandidate> now = evaluate(watch, a, eventTime, this::companyName);
    String read = ReadPosition.of(context);
    if (before != null && ReadPosition.readAgain(before.read(), read)) {
      // This very record raised what is stored, and what it forwarded may be lost: raise it all again.
      before.candidates().forEach(c -> context.forward(new Record<>(c.gateKey(), c, eventTime)));
      return;
    }
    List<AlertCandidate> was = before == null ? List.of() : before.candidates();
    Set<String> stillRaised = now.stream().map(AlertCandidate::gateKey).collect(Collectors.toSet());
    for (AlertCandidate old : was) {
      if (!stillRaised.contains(old.gateKey())) {
        context.forward(new Record<>(old.gateKey(), old.retraction(), eventTime));
      }
    }
    for (AlertCandidate c : now) {
      if (!was.contains(c)) { // the same candidate again changes nothing in the gate
        context.forward(new Record<>(c.gateKey(), c, eventTime));
      }
    }
    if (now.isEmpty()) {
      raised.delete(id);
    } else if (!now.equals(was)) {
      raised.put(id, new Raised(now, read));
    }
  }

  private String companyName(String id) {
    Company c = companies.get(id);
    return c == null ? id : c.getName();
  }

  /** The candidates an article raises under {@code watchRules}; plain, for tests. */
  public static List<AlertCandidate> evaluate(List<Rule> watchRules, PhrasedArticle phrased, long eventTime,
      java.util.function.Function<String, String> companyName) {
    EnrichedArticle a = phrased.article();
    String text = phrased.text();
    Set<String> topics = a.getTopics().stream().map(TopicScore::getTopic).map(Phrases::normalize).collect(Collectors.toSet());
    Map<String, Mention> mentions = new LinkedHashMap<>();
    a.getMentions().stream()
        .sorted(Comparator.comparingDouble(Mention::getSalience).reversed().thenComparing(Mention::getCompanyId))
        .forEach(m -> mentions.putIfAbsent(m.getCompanyId(), m));
    String storyId = a.getStoryId() == null || a.getStoryId().isBlank() ? a.getId() : a.getStoryId();
    String rumour = phrased.rumour();
    List<AlertCandidate> out = new ArrayList<>();
    for (Rule rule : watchRules) {
      List<Mention> watched = mentions.values().stream().filter(m -> rule.companies().contains(m.getCompanyId())).toList();
      if (!rule.companies().isEmpty() && watched.isEmpty()) {
        continue;
      }
      List<String> matchedTopics = rule.topics().stream().filter(topics::contains).sorted().toList();
      if (!rule.topics().isEmpty() && matchedTopics.isEmpty()) {
        continue;
      }
      List<String> matchedKeywords = rule.keywords().stream().filter(k -> Phrases.contains(text, k)).toList();
      if (!rule.keywords().isEmpty() && matchedKeywords.isEmpty()) {
        continue;
      }
      Mention company = !watched.isEmpty() ? watched.get(0) : mentions.values().stream().findFirst().orElse(null);
      String name = company == null ? null : companyName.apply(company.getCompanyId());
      List<String> why = new ArrayList<>();
      if (!watched.isEmpty()) {
        why.add("company " + watched.stream().map(m -> companyName.apply(m.getCompanyId())).collect(Collectors.joining(", ")));
      }
      if (!matchedTopics.isEmpty()) {
        why.add("topic " + String.join(", ", matchedTopics));
      }
      if (!matchedKeywords.isEmpty()) {
        why.add("keyword " + matchedKeywords.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(", ")));
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      if (company != null) {
        metrics.put("salience", company.getSalience());
        metrics.put("mentions", (double) company.getCount());
      }
      metrics.put("matchedCompanies", (double) watched.size());
      metrics.put("matchedTopics", (double) matchedTopics.size());
      metrics.put("matchedKeywords", (double) matchedKeywords.size());
      String title = (name == null ? "" : name + ": ") + a.getTitle().strip();
      String message = "Story " + storyId + " matches watch rule " + rule.id() + " (" + String.join("; ", why) + ")"
          + (a.getSource() == null ? "" : ", reported by " + a.getSource()) + ".";
      out.add(new AlertCandidate(rule.id(), rule.type().name(), storyId, company == null ? null : company.getCompanyId(),
          storyId, title, message, eventTime, List.of(a.getId()), metrics, rumour, rule.severity(),
          ArticleFacts.sourceKey(a.getSource(), a.getUrl()), rule.minSources(),
          a.getTopics().stream().map(t -> t.getTopic()).toList(), a.getDuplicateOf() != null, false, a.getId()));
    }
    return out;
  }
}
