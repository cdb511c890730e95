package dev.newsflow.topic;

import dev.newsflow.schema.Alert;
import dev.newsflow.schema.AlertRule;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.CompanyActivity;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.DeadLetter;
import dev.newsflow.schema.DigestDelivery;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Release;
import dev.newsflow.schema.Story;
import dev.newsflow.wire.AvroSerde;
import dev.newsflow.wire.FormattedSerde;
import dev.newsflow.wire.ValueFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed registry of newsflow's topics under one prefix (default {@code newsflow.}). Every stage
 * takes its topic names and serdes from here. All keys are UTF-8 strings (record ids, company ids).
 * The {@link #OUTPUTS} are written in the configured {@link ValueFormat} ({@code output.format}) and read
 * in either; the other topics are Avro only.
 */
public final class Topics {
  public static final String DEFAULT_PREFIX = "newsflow.";
  /** The topics whose value format is configurable, by name without the prefix. */
  public static final List<String> OUTPUTS =
      List.of("articles.enriched", "company.activity", "company.activity.final", "company.summary", "stories", "alerts");
  private static final Pattern LEGAL_PREFIX = Pattern.compile("[a-zA-Z0-9._-]*");

  // Serdes are thread-safe and costly to build: one instance of each for the JVM.
  private static final Serde<String> KEYS = Serdes.String();
  private static final AvroSerde<Article> ARTICLES = new AvroSerde<>(Article.class);
  private static final AvroSerde<Release> RELEASES = new AvroSerde<>(Release.class);
  private static final AvroSerde<Company> COMPANIES = new AvroSerde<>(Company.class);
  private static final AvroSerde<EnrichedArticle> ENRICHED = new AvroSerde<>(EnrichedArticle.class);
  private static final AvroSerde<CompanySummary> SUMMARIES = new AvroSerde<>(CompanySummary.class);
  private static final AvroSerde<Story> STORIES = new AvroSerde<>(Story.class);
  private static final AvroSerde<CompanyActivity> ACTIVITY = new AvroSerde<>(CompanyActivity.class);
  private static final AvroSerde<Alert> ALERTS = new AvroSerde<>(Alert.class);
  private static final AvroSerde<AlertRule> RULES = new AvroSerde<>(AlertRule.class);
  private static final AvroSerde<DeadLetter> DEAD_LETTERS = new AvroSerde<>(DeadLetter.class);
  private static final AvroSerde<DigestDelivery> DIGEST_DELIVERIES = new AvroSerde<>(DigestDelivery.class);

  private final String prefix;
  private final Topic<String, Article> articlesRaw;
  private final Topic<String, Release> releasesRaw;
  private final Topic<String, Company> companies;
  private final Topic<String, EnrichedArticle> articlesEnriched;
  private final Topic<String, CompanySummary> companySummary;
  private final Topic<String, Story> stories;
  private final Topic<String, CompanyActivity> companyActivity;
  private final Topic<String, CompanyActivity> companyActivityFinal;
  private final Topic<String, AlertRule> alertRules;
  private final Topic<String, Alert> alerts;
  private final Topic<String, DeadLetter> deadLetters;
  private final Topic<String, DeadLetter> alertDeadLetters;
  private final Topic<String, DigestDelivery> digestDeliveries;

  private Topics(String prefix, Map<String, ValueFormat> formats) {
    if (!LEGAL_PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("topic prefix may hold only letters, digits, '.', '_' and '-': " + prefix);
    }
    this.prefix = prefix;
    articlesRaw = new Topic<>(prefix + "articles.raw", KEYS, ARTICLES, false);
    releasesRaw = new Topic<>(prefix + "releases.raw", KEYS, RELEASES, false);
    companies = new Topic<>(prefix + "companies", KEYS, COMPANIES, true);
    articlesEnriched = new Topic<>(prefix + "articles.enriched", KEYS, output(ENRICHED, "articles.enriched", formats), false);
    companySummary = new Topic<>(prefix + "company.summary", KEYS, output(SUMMARIES, "company.summary", formats), true);
    stories = new Topic<>(prefix + "stories", KEYS, output(STORIES, "stories", formats), true);
    companyActivity = new Topic<>(prefix + "company.activity", KEYS, output(ACTIVITY, "company.activity", formats), false);
    companyActivityFinal = new Topic<>(prefix + "company.activity.final", KEYS,
        output(ACTIVITY, "company.activity.final", formats), false);
    alertRules = new Topic<>(prefix + "alert.rules", KEYS, RULES, true);
    alerts = new Topic<>(prefix + "alerts", KEYS, output(ALERTS, "alerts", formats), false);
    deadLetters = new Topic<>(prefix + "dlq", KEYS, DEAD_LETTERS, false);
    alertDeadLetters = new Topic<>(prefix + "alerts.dlq", KEYS, DEAD_LETTERS, false);
    digestDeliveries = new Topic<>(prefix + "digests.delivered", KEYS, DIGEST_DELIVERIES, true);
  }

  public static Topics withPrefix(String prefix) {
    return new Topics(prefix, Map.of());
  }

  /** Topics whose {@link #OUTPUTS} are written in {@code formats} (by name without the prefix; Avro if absent). */
  public static Topics withPrefix(String prefix, Map<String, ValueFormat> formats) {
    if (!OUTPUTS.containsAll(formats.keySet())) {
      throw new IllegalArgumentException("only " + OUTPUTS + " have a configurable format, not " + formats.keySet());
    }
    return new Topics(prefix, formats);
  }

  public static Topics defaults() {
    return new Topics(DEFAULT_PREFIX, Map.of());
  }

  // The one place that picks an output topic's serde: the streams application and every consumer
  // take it from here, so switching output.format changes no topology and no reader.
  private static <T extends org.apache.avro.specific.SpecificRecord> FormattedSerde<T> output(AvroSerde<T> avro,
      String topic, Map<String, ValueFormat> formats) {
    return new FormattedSerde<>(avro.codec(), formats.getOrDefault(topic, ValueFormat.AVRO));
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

  /** Each story, keyed by story id; compacted, so it always holds every story's current value. */
  public Topic<String, Story> stories() {
    return stories;
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

  /**
   * The last day each endpoint's daily digest of each company was settled, keyed
   * {@code <endpoint>@<url hash>/<companyId>}; compacted, so it holds exactly what a restarted dispatcher needs.
   */
  public Topic<String, DigestDelivery> digestDeliveries() {
    return digestDeliveries;
  }

  /** Every topic newsflow creates, in pipeline order. */
  public List<Topic<String, ?>> all() {
    return List.of(articlesRaw, releasesRaw, companies, articlesEnriched, companySummary, stories, companyActivity,
        companyActivityFinal, alertRules, alerts, deadLetters, alertDeadLetters, digestDeliveries);
  }
}
