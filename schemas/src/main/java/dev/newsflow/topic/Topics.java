package dev.newsflow.topic;

import dev.newsflow.schema.Alert;
import dev.newsflow.schema.AlertRule;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.CompanyActivity;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.DeadLetter;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Release;
import dev.newsflow.wire.AvroSerde;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed registry of newsflow's topics under one prefix (default {@code newsflow.}). Every stage
 * takes its topic names and serdes from here. All keys are UTF-8 strings (record ids, company ids).
 */
public final class Topics {
  public static final String DEFAULT_PREFIX = "newsflow.";
  private static final Pattern LEGAL_PREFIX = Pattern.compile("[a-zA-Z0-9._-]*");

  // Serdes are thread-safe and costly to build: one instance of each for the JVM.
  private static final Serde<String> KEYS = Serdes.String();
  private static final AvroSerde<Article> ARTICLES = new AvroSerde<>(Article.class);
  private static final AvroSerde<Release> RELEASES = new AvroSerde<>(Release.class);
  private static final AvroSerde<Company> COMPANIES = new AvroSerde<>(Company.class);
  private static final AvroSerde<EnrichedArticle> ENRICHED = new AvroSerde<>(EnrichedArticle.class);
  private static final AvroSerde<CompanySummary> SUMMARIES = new AvroSerde<>(CompanySummary.class);
  private static final AvroSerde<CompanyActivity> ACTIVITY = new AvroSerde<>(CompanyActivity.class);
  private static final AvroSerde<Alert> ALERTS = new AvroSerde<>(Alert.class);
  private static final AvroSerde<AlertRule> RULES = new AvroSerde<>(AlertRule.class);
  private static final AvroSerde<DeadLetter> DEAD_LETTERS = new AvroSerde<>(DeadLetter.class);

  private final String prefix;
  private final Topic<String, Article> articlesRaw;
  private final Topic<String, Release> releasesRaw;
  private final Topic<String, Company> companies;
  private final Topic<String, EnrichedArticle> articlesEnriched;
  private final Topic<String, CompanySummary> companySummary;
  private final Topic<String, CompanyActivity> companyActivity;
  private final Topic<String, CompanyActivity> companyActivityFinal;
  private final Topic<String, AlertRule> alertRules;
  private final Topic<String, Alert> alerts;
  private final Topic<String, DeadLetter> deadLetters;
  private final Topic<String, DeadLetter> alertDeadLetters;

  private Topics(String prefix) {
    if (!LEGAL_PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("topic prefix may hold only letters, digits, '.', '_' and '-': " + prefix);
    }
    this.prefix = prefix;
    articlesRaw = new Topic<>(prefix + "articles.raw", KEYS, ARTICLES, false);
    releasesRaw = new Topic<>(prefix + "releases.raw", KEYS, RELEASES, false);
    companies = new Topic<>(prefix + "companies", KEYS, COMPANIES, true);
    articlesEnriched = new Topic<>(prefix + "articles.enriched", KEYS, ENRICHED, false);
    companySummary = new Topic<>(prefix + "company.summary", KEYS, SUMMARIES, true);
    companyActivity = new Topic<>(prefix + "company.activity", KEYS, ACTIVITY, false);
    companyActivityFinal = new Topic<>(prefix + "company.activity.final", KEYS, ACTIVITY, false);
    alertRules = new Topic<>(prefix + "alert.rules", KEYS, RULES, true);
    alerts = new Topic<>(prefix + "alerts", KEYS, ALERTS, false);
    deadLetters = new Topic<>(prefix + "dlq", KEYS, DEAD_LETTERS, false);
    alertDeadLetters = new Topic<>(prefix + "alerts.dlq", KEYS, DEAD_LETTERS, false);
  }

  public static Topics withPrefix(String prefix) {
    return new Topics(prefix);
  }

  public static Topics defaults() {
    return new Topics(DEFAULT_PREFIX);
  }

  public String prefix() {
    return prefix;
  }

  public Topic<String, Article> articlesRaw() {
    return articlesRaw;
  }

  public Topic<String, Release> releasesRaw() {
    return releasesRaw;
  }

  public Topic<String, Company> companies() {
    return companies;
  }

  public Topic<String, EnrichedArticle> articlesEnriched() {
    return articlesEnriched;
  }

  public Topic<String, CompanySummary> companySummary() {
    return companySummary;
  }

  /** Live activity per company and window, updated as articles arrive; key {@code companyId@windowStart/size}. */
  public Topic<String, CompanyActivity> companyActivity() {
    return companyActivity;
  }

  /** One final activity record per company and closed window; same key as {@link #companyActivity()}. */
  public Topic<String, CompanyActivity> companyActivityFinal() {
    return companyActivityFinal;
  }

  /** The alert rules, keyed by rule id; compacted, so it always holds the current rule set. */
  public Topic<String, AlertRule> alertRules() {
    return alertRules;
  }

  public Topic<String, Alert> alerts() {
    return alerts;
  }

  public Topic<String, DeadLetter> deadLetters() {
    return deadLetters;
  }

  public Topic<String, DeadLetter> alertDeadLetters() {
    return alertDeadLetters;
  }

  /** Every topic newsflow creates, in pipeline order. */
  public List<Topic<String, ?>> all() {
    return List.of(articlesRaw, releasesRaw, companies, articlesEnriched, companySummary, companyActivity,
        companyActivityFinal, alertRules, alerts, deadLetters, alertDeadLetters);
  }
}
