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

/**
 * Evaluates the WATCH rules against each enriched article: a rule matches when the article mentions one
 * of its companies, carries one of its topics and holds one of its keywords (each only if the rule lists
 * any). A match becomes a candidate keyed by rule and story, so that the story alerts once however many
 * outlets tell it.
 */
public final class WatchRules implements Processor<String, PhrasedArticle, String, AlertCandidate> {
  private final RuleBook book;
  private ProcessorContext<String, AlertCandidate> context;
  private ReadOnlyKeyValueStore<String, AlertRule> rules;
  private ReadOnlyKeyValueStore<String, Company> companies;

  public WatchRules(RuleBook book) {
    this.book = book;
  }

  @Override
  public void init(ProcessorContext<String, AlertCandidate> context) {
    this.context = context;
    this.rules = context.getStateStore(RuleBook.STORE);
    this.companies = context.getStateStore(CompanyDirectory.STORE);
  }

  @Override
  public void process(Record<String, PhrasedArticle> record) {
    PhrasedArticle a = record.value();
    if (a == null) {
      return;
    }
    List<Rule> watch = book.rules(rules, RuleType.WATCH);
    if (watch.isEmpty()) {
      return;
    }
    Instant publishedAt = a.article().getPublishedAt();
    long eventTime = publishedAt != null ? publishedAt.toEpochMilli() : record.timestamp();
    for (AlertCandidate c : evaluate(watch, a, eventTime, this::companyName)) {
      context.forward(new Record<>(c.gateKey(), c, eventTime));
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
          a.getTopics().stream().map(t -> t.getTopic()).toList()));
    }
    return out;
  }
}
