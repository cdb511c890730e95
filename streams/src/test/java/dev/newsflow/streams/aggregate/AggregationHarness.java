package dev.newsflow.streams.aggregate;

import static dev.newsflow.streams.DriverSetup.input;
import static dev.newsflow.streams.DriverSetup.output;

import dev.newsflow.schema.Alert;
import dev.newsflow.schema.AlertRule;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.CompanyActivity;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.DeadLetter;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Mention;
import dev.newsflow.schema.Release;
import dev.newsflow.schema.ReportedRelease;
import dev.newsflow.schema.TopicScore;
import dev.newsflow.streams.DriverSetup;
import dev.newsflow.streams.alerts.RuleBook;
import dev.newsflow.streams.enrich.link.CompanyDirectory;
import dev.newsflow.streams.state.GlobalStoreUpdater;
import dev.newsflow.streams.state.StateStores;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The aggregation topology alone in a {@link TopologyTestDriver}: enriched articles go straight to
 * {@code articles.enriched} (hand-built, so these tests do not depend on how enrichment works), with the
 * companies, releases and rules topics, and every output topic read back.
 */
public final class AggregationHarness implements AutoCloseable {
  public final Topics topics = Topics.defaults();
  public final TopologyTestDriver driver;
  public final TestInputTopic<String, Company> companies;
  public final TestInputTopic<String, EnrichedArticle> enriched;
  public final TestInputTopic<String, Release> releases;
  public final TestInputTopic<String, AlertRule> rules;
  public final TestOutputTopic<String, CompanyActivity> activity;
  public final TestOutputTopic<String, CompanyActivity> activityFinal;
  public final TestOutputTopic<String, CompanySummary> summaries;
  public final TestOutputTopic<String, Alert> alerts;
  public final TestOutputTopic<String, DeadLetter> deadLetters;

  public AggregationHarness(Path stateDir, AggregationSettings settings) {
    this(stateDir, settings, StateStores.rocksDb());
  }

  /** With state stores of the kind {@code stores} makes. */
  public AggregationHarness(Path stateDir, AggregationSettings settings, StateStores stores) {
    Properties props = DriverSetup.props(stateDir);
    StreamsBuilder builder = new StreamsBuilder();
    CompanyDirectory directory = new CompanyDirectory();
    GlobalStoreUpdater.addGlobalStore(builder, stores, CompanyDirectory.STORE, topics.companies(),
        "companies-source", directory::changed);
    Topic<String, EnrichedArticle> e = topics.articlesEnriched();
    KStream<String, EnrichedArticle> stream = builder.stream(e.name(), Consumed.with(e.keySerde(), e.valueSerde()));
    AggregationTopology.addTo(builder, topics, settings, new RuleBook(), stream, stores);
    driver = new TopologyTestDriver(builder.build(props), props);
    companies = input(driver, topics.companies());
    enriched = input(driver, e);
    releases = input(driver, topics.releasesRaw());
    rules = input(driver, topics.alertRules());
    activity = output(driver, topics.companyActivity());
    activityFinal = output(driver, topics.companyActivityFinal());
    summaries = output(driver, topics.companySummary());
    alerts = output(driver, topics.alerts());
    deadLetters = output(driver, topics.deadLetters());
  }

  public void company(String id, String name, String... products) {
    company(id, name, List.of(), products);
  }

  /** A company the linker also knows by {@code aliases} (other spellings, other languages). */
  public void company(String id, String name, List<String> aliases, String... products) {
    companies.pipeInput(id, Company.newBuilder().setId(id).setName(name).setAliases(aliases)
        .setProducts(List.of(products)).build());
  }

  /** Pipes an article with its record timestamp set to its publication time, as the producer does. */
  public void publish(EnrichedArticle a) {
    enriched.pipeInput(a.getId(), a, a.getPublishedAt());
    tick();
  }

  public void release(Release r) {
    releases.pipeInput(r.getId(), r, r.getReleasedAt());
    tick();
  }

  /** Lets the wall clock run for as long as the activity stage waits before it publishes changed windows. */
  public void tick() {
    driver.advanceWallClockTime(Duration.ofSeconds(1));
  }

  public void rule(AlertRule r) {
    rules.pipeInput(r.getId(), r);
  }

  /** The latest value per key of an output. */
  public static <V> Map<String, V> latest(TestOutputTopic<String, V> topic) {
    Map<String, V> latest = new LinkedHashMap<>();
    for (KeyValue<String, V> kv : topic.readKeyValuesToList()) {
      latest.put(kv.key, kv.value);
    }
    return latest;
  }

  /** Sum of a newsflow metric ({@code late-records-total}, ...) over all tasks. */
  public double metric(String name) {
    double total = 0;
    for (Map.Entry<MetricName, ? extends Metric> e : driver.metrics().entrySet()) {
      if (e.getKey().name().equals(name) && e.getKey().group().equals("stream-newsflow-metrics")) {
        total += ((Number) e.getValue().metricValue()).doubleValue();
      }
    }
    return total;
  }

  @Override
  public void close() {
    driver.close();
  }

  // ---------------------------------------------------------------- builders

  /** A fluent enriched article for tests. */
  public static ArticleBuilder article(String id, String publishedAt) {
    return new ArticleBuilder(id, Instant.parse(publishedAt));
  }

  public static final class ArticleBuilder {
    private final EnrichedArticle.Builder b;
    private final List<Mention> mentions = new ArrayList<>();
    private final List<TopicScore> topics = new ArrayList<>();
    private final List<ReportedRelease> releases = new ArrayList<>();

    ArticleBuilder(String id, Instant publishedAt) {
      b = EnrichedArticle.newBuilder().setId(id).setTitle("Title of " + id).setBody("Body of " + id)
          .setPublishedAt(publishedAt).setStoryId(id).setSource("Outlet " + id).setEnrichmentVersion("test");
    }

    public ArticleBuilder title(String title) {
      b.setTitle(title);
      return this;
    }

    public ArticleBuilder body(String body) {
      b.setBody(body);
      return this;
    }

    public ArticleBuilder source(String source) {
      b.setSource(source);
      return this;
    }

    public ArticleBuilder story(String storyId) {
      b.setStoryId(storyId);
      return this;
    }

    public ArticleBuilder sentiment(Double sentiment) {
      b.setSentiment(sentiment);
      return this;
    }

    public ArticleBuilder url(String url) {
      b.setUrl(url);
      return this;
    }

    public ArticleBuilder duplicateOf(String id) {
      b.setDuplicateOf(id);
      return this;
    }

    public ArticleBuilder mention(String companyId, int count, double salience) {
      mentions.add(Mention.newBuilder().setCompanyId(companyId).setAlias(companyId).setCount(count)
          .setSalience(salience).build());
      return this;
    }

    public ArticleBuilder mention(String companyId) {
      return mention(companyId, 1, 0.5);
    }

    public ArticleBuilder topic(String topic, double score) {
      topics.add(TopicScore.newBuilder().setTopic(topic).setScore(score).build());
      return this;
    }

    /** A release enrichment detected in the article, quoted from {@code evidence}. */
    public ArticleBuilder reports(String companyId, String product, String version, String evidence) {
      releases.add(ReportedRelease.newBuilder().setCompanyId(companyId).setProduct(product).setVersion(version)
          .setEvidence(evidence).setConfidence(0.85).build());
      return this;
    }

    public EnrichedArticle build() {
      return b.setMentions(List.copyOf(mentions)).setTopics(List.copyOf(topics)).setDetectedReleases(List.copyOf(releases))
          .build();
    }
  }

  public static Release releaseOf(String id, String company, String product, String version, String releasedAt) {
    return Release.newBuilder().setId(id).setCompany(company).setProduct(product).setVersion(version)
        .setReleasedAt(Instant.parse(releasedAt)).setSource("Blog of " + company).build();
  }

  public static AlertRule.Builder ruleOf(String id, String type) {
    return AlertRule.newBuilder().setId(id).setType(type);
  }
}
