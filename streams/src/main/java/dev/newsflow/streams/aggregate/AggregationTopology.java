package dev.newsflow.streams.aggregate;

import dev.newsflow.schema.Alert;
import dev.newsflow.schema.CompanyActivity;
import dev.newsflow.schema.DeadLetter;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Release;
import dev.newsflow.streams.aggregate.activity.ActivityKey;
import dev.newsflow.streams.aggregate.activity.ActivityLateness;
import dev.newsflow.streams.aggregate.activity.ActivitySummarizer;
import dev.newsflow.streams.aggregate.activity.ActivityWindows;
import dev.newsflow.streams.aggregate.activity.LateRecords;
import dev.newsflow.streams.errors.CountDeadLetters;
import dev.newsflow.streams.aggregate.activity.WindowDelta;
import dev.newsflow.streams.aggregate.profile.CompanyProfiles;
import dev.newsflow.streams.aggregate.profile.ProfileOutput;
import dev.newsflow.streams.aggregate.releases.ResolveReleases;
import dev.newsflow.streams.aggregate.trend.EwmaTrend;
import dev.newsflow.streams.alerts.AlertCandidate;
import dev.newsflow.streams.alerts.AlertGate;
import dev.newsflow.streams.alerts.AlertThrottle;
import dev.newsflow.streams.alerts.AlertVersions;
import dev.newsflow.streams.alerts.RuleBook;
import dev.newsflow.streams.alerts.WatchRules;
import dev.newsflow.streams.event.CompanyEvent;
import dev.newsflow.streams.event.PhrasedArticle;
import dev.newsflow.streams.state.GlobalStoreUpdater;
import dev.newsflow.streams.state.JsonSerde;
import dev.newsflow.streams.state.StateStores;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The aggregation half of the streams application, from enriched articles and raw releases:
 * <ol>
 *   <li>each article's contribution to each company it mentions, as exact changes, re-keyed by company;</li>
 *   <li>releases joined with the companies table, re-keyed by company;</li>
 *   <li>per-company activity in event-time windows (1 h tumbling, 24 h hopping by 1 h), live to
 *       company.activity and final to company.activity.final; changes too late for their window go to the
 *       dead-letter topic with the reason;</li>
 *   <li>per-company state (totals, last 24 h, trend, releases and coverage, headlines) published to
 *       company.summary, and the company-level alert rules;</li>
 *   <li>WATCH rules on each article; every candidate gated once per rule and story (after enough
 *       independent sources), throttled per rule and company, and published to alerts.</li>
 * </ol>
 */
public final class AggregationTopology {
  private static final JsonSerde<CompanyEvent> EVENTS = JsonSerde.of(CompanyEvent.class);
  private static final JsonSerde<AlertCandidate> CANDIDATES = JsonSerde.of(AlertCandidate.class);
  private static final JsonSerde<AlertGate.Gated> GATED = JsonSerde.of(AlertGate.Gated.class);
  private static final JsonSerde<AlertVersions.Versioned> VERSIONED = JsonSerde.of(AlertVersions.Versioned.class);

  private AggregationTopology() {}

  public static void addTo(StreamsBuilder builder, Topics topics, AggregationSettings settings, RuleBook rules,
      KStream<String, EnrichedArticle> enriched) {
    addTo(builder, topics, settings, rules, enriched, StateStores.rocksDb());
  }

  /** With its state stores of the kind {@code stores} makes ({@code state.store}). */
  public static void addTo(StreamsBuilder builder, Topics topics, AggregationSettings settings, RuleBook rules,
      KStream<String, EnrichedArticle> enriched, StateStores stores) {
    Topic<String, Release> releasesRaw = topics.releasesRaw();
    Topic<String, DeadLetter> deadLetters = topics.deadLetters();
    Produced<String, DeadLetter> toDeadLetters = Produced.with(deadLetters.keySerde(), deadLetters.valueSerde());
    EwmaTrend ewma = EwmaTrend.withHalfLife(settings.trendHalfLife(), settings.trendMinHistoryHours(),
        settings.trendMinStddev());

    builder.addStateStore(ArticleContributions.storeBuilder(stores));
    builder.addStateStore(ActivityLateness.storeBuilder(stores));
    ActivityWindows.storeBuilders(stores, topics.companyActivity().valueSerde()).forEach(builder::addStateStore);
    CompanyProfiles.storeBuilders(stores, topics.companySummary()).forEach(builder::addStateStore);
    builder.addStateStore(AlertGate.storeBuilder(stores));
    builder.addStateStore(WatchRules.storeBuilder(stores));
    AlertThrottle.storeBuilders(stores).forEach(builder::addStateStore);
    builder.addStateStore(AlertVersions.storeBuilder(stores));
    GlobalStoreUpdater.addGlobalStore(builder, stores, RuleBook.STORE, topics.alertRules(), "alert-rules-source",
        rules::changed);

    // 0. Each article's wording in the phrase normal form, read once for the aggregates and the alert rules.
    KStream<String, PhrasedArticle> phrased = enriched
        .mapValues(a -> a == null ? null : PhrasedArticle.of(a), Named.as("article-phrases"));

    // 1. What each article adds to (or, revised, takes from) each company, keyed by company.
    // Clock ticks go to every partition: each company task then knows the newest news of the whole
    // application, the "now" of every summary, whatever the partition count.
    KStream<String, CompanyEvent> articleChangesAndTicks = phrased
        .process(() -> new ArticleContributions(settings.articleMemory()), Named.as("article-contributions"), ArticleContributions.STORE)
        .repartition(byCompany("article-changes-by-company", settings).withStreamPartitioner(new ByCompanyTicksToAll()));
    KStream<String, CompanyEvent> articleChanges = articleChangesAndTicks
        .filter((company, e) -> !e.isTick(), Named.as("article-changes-without-ticks"));

    // 2. Releases with their company resolved, keyed by company.
    Map<String, KStream<String, ResolveReleases.Outcome>> releases = builder
        .stream(releasesRaw.name(), Consumed.with(releasesRaw.keySerde(), releasesRaw.valueSerde()).withName("releases-source"))
        .process(() -> new ResolveReleases(releasesRaw), Named.as("resolve-releases"))
        .split(Named.as("releases-"))
        .branch((key, o) -> o.rejection() != null, Branched.withConsumer(rejected -> rejected
            .mapValues(ResolveReleases.Outcome::rejection, Named.as("release-dead-letters"))
            .processValues(CountDeadLetters::new, Named.as("release-dead-letters-counted"))
            .to(deadLetters.name(), toDeadLetters.withName("release-dead-letters-sink")), "rejected"))
        .defaultBranch(Branched.as("resolved"));
    KStream<String, CompanyEvent> releaseEvents = releases.get("releases-resolved")
        .mapValues(ResolveReleases.Outcome::event, Named.as("release-events"))
        .repartition(byCompany("releases-by-company", settings));

    // 3. Activity windows in event time; what comes too late for its window is reported, not lost.
    KStream<String, WindowDelta> deltas = articleChanges
        .processValues(() -> new ActivityLateness(settings.grace()), Named.as("activity-lateness"), ActivityLateness.STORE);
    deltas
        .filter((company, d) -> d.missesHour(), Named.as("activity-late"))
        .processValues(() -> new LateRecords(settings.grace()), Named.as("activity-late-dead-letters"))
        .processValues(CountDeadLetters::new, Named.as("activity-late-dead-letters-counted"))
        .to(deadLetters.name(), toDeadLetters.withName("activity-late-dead-letters-sink"));
    KStream<String, CompanyActivity> activity = deltas.process(
        () -> new ActivityWindows(settings.grace(), settings.activityRetention(), new ActivitySummarizer(settings.top()),
            settings.liveInterval()),
        Named.as("activity-windows"), ActivityWindows.storeNames());
    publish(activity.filter((key, a) -> !a.getClosed(), Named.as("activity-live")), "activity-live", topics.companyActivity());
    publish(activity.filter((key, a) -> a.getClosed(), Named.as("activity-final")), "activity-final",
        topics.companyActivityFinal());

    // 4. Each company's state and summary; the company-level rules raise alert candidates.
    Map<String, KStream<String, ProfileOutput>> profiles = articleChangesAndTicks
        .merge(releaseEvents, Named.as("company-events"))
        .process(() -> new CompanyProfiles(ewma, settings.coverageLookback(), rules, settings.liveInterval()),
            Named.as("company-profiles"), CompanyProfiles.storeNames())
        .split(Named.as("profiles-"))
        .branch((key, o) -> o.isSummary(), Branched.withConsumer(summaries -> summaries
            .mapValues(ProfileOutput::summary, Named.as("company-summaries"))
            .to(topics.companySummary().name(), Produced.with(topics.companySummary().keySerde(),
                topics.companySummary().valueSerde()).withName("company-summary-sink")), "summaries"))
        .defaultBranch(Branched.as("candidates"));

    // 5. Alerts: candidates once per rule and story, then throttled per rule and company (or story) in event time.
    KStream<String, AlertCandidate> watched = phrased.process(() -> new WatchRules(rules, settings.articleMemory()),
        Named.as("watch-rules"), WatchRules.STORE);
    Topic<String, Alert> alerts = topics.alerts();
    profiles.get("profiles-candidates")
        .mapValues(ProfileOutput::candidate, Named.as("company-rule-candidates"))
        .merge(watched, Named.as("alert-candidates"))
        .repartition(Repartitioned.<String, AlertCandidate>as("alert-candidates-by-story")
            .withKeySerde(Serdes.String()).withValueSerde(CANDIDATES))
        .process(() -> new AlertGate(settings.alertRetention()), Named.as("alert-gate"), AlertGate.STORE)
        .repartition(Repartitioned.<String, AlertGate.Gated>as("alerts-by-throttle-key")
            .withKeySerde(Serdes.String()).withValueSerde(GATED))
        .process(() -> new AlertThrottle(rules, settings.alertRetention()), Named.as("alert-throttle"),
            AlertThrottle.storeNames())
        // By alert id: what two throttle keys say about one alert is settled in one place (AlertVersions).
        .repartition(Repartitioned.<String, AlertVersions.Versioned>as("alerts-by-id")
            .withKeySerde(Serdes.String()).withValueSerde(VERSIONED))
        .process(() -> new AlertVersions(settings.articleMemory()), Named.as("alert-versions"), AlertVersions.STORE)
        .to(alerts.name(), Produced.with(alerts.keySerde(), alerts.valueSerde()).withName("alerts-sink"));
  }

  /**
   * Partitions by company id as Kafka's default partitioner does (so articles and releases of a company
   * meet in one task), and sends clock ticks to every partition.
   */
  static final class ByCompanyTicksToAll implements StreamPartitioner<String, CompanyEvent> {
    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, CompanyEvent value, int numPartitions) {
      if (value != null && value.isTick()) {
        return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
      }
      byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
      return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(bytes)) % numPartitions));
    }
  }

  private static Repartitioned<String, CompanyEvent> byCompany(String name, AggregationSettings settings) {
    // Articles and releases meet in one task per company: both topics get the same partition count.
    return Repartitioned.<String, CompanyEvent>as(name).withKeySerde(Serdes.String()).withValueSerde(EVENTS)
        .withNumberOfPartitions(settings.partitions());
  }

  /** Activity records on {@code topic}, keyed by company and window, partitioned by company. */
  private static void publish(KStream<String, CompanyActivity> activity, String name, Topic<String, CompanyActivity> topic) {
    activity.to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withStreamPartitioner(ActivityKey.BY_COMPANY)
        .withName(name + "-sink"));
  }
}
