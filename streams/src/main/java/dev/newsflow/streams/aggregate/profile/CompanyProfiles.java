package dev.newsflow.streams.aggregate.profile;

import dev.newsflow.contract.Sha256;
import dev.newsflow.schema.AlertRule;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.streams.aggregate.digest.DigestBook;
import dev.newsflow.streams.aggregate.releases.ReleaseBook;
import dev.newsflow.streams.aggregate.releases.ReleaseReports;
import dev.newsflow.streams.aggregate.trend.EwmaTrend;
import dev.newsflow.streams.alerts.AlertCandidate;
import dev.newsflow.streams.alerts.Rule;
import dev.newsflow.streams.alerts.RuleBook;
import dev.newsflow.streams.alerts.RuleType;
import dev.newsflow.streams.enrich.link.CompanyDirectory;
import dev.newsflow.streams.event.ArticleFacts;
import dev.newsflow.streams.event.CompanyEvent;
import dev.newsflow.streams.event.ReleaseFacts;
import dev.newsflow.streams.state.JsonSerde;
import dev.newsflow.streams.state.QueryableStores;
import dev.newsflow.streams.state.StateStores;
import dev.newsflow.streams.state.StoreSweep;
import dev.newsflow.topic.Topic;
import dev.newsflow.wire.SingleObjectCodec;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Keeps each company's {@link CompanyState} (keyed by company id) from article changes and releases,
 * publishes its {@code CompanySummary} whenever it changes, and evaluates the company-level alert rules.
 *
 * <p>Time is event time. Each article's rules are judged as of its own hour, from the company's hours
 * ({@link CompanyRuleEvaluator}); the trend is computed from the company's own hours each time, so neither
 * depends on arrival order. A summary's last 24 h and trend are as of the clock: the newest article time
 * the whole application has seen (its own articles, and the clock ticks every article-contributions task
 * sends to every partition). When the clock has entered a new hour, every company of the task is brought up to
 * date at the next {@code activity.live.interval} of wall-clock time, so summaries of quiet companies do not go
 * stale. An archive replayed fast moves the clock through many hours a second, and brings the task's companies
 * up to date once per interval rather than once per hour of news. The hour last
 * brought up to date is kept in the clock's store, so a restart (or a transaction rolled back) leaves none behind.
 * Its {@code updatedAt} is the newest time of the company's own news.
 */
public final class CompanyProfiles implements Processor<String, CompanyEvent, String, ProfileOutput> {
  public static final String PROFILES = "company-profiles";
  public static final String TEXTS = "company-article-texts";
  public static final String CLOCK = "profile-clock";

  /** Summaries list this many headlines and topics. */
  static final int TOP = 5;
  private static final String NOW = "now";
  /** The clock's hour when the task's companies were last all brought up to date. */
  private static final String SWEPT = "swept";
  private static final char SEPARATOR = '\u001F';
  /** Companies whose summary fingerprint a task keeps (32 bytes each, plus the map's own). */
  static final int PUBLISHED_KEPT = 100_000;

  /** An article's text as kept for counting release coverage. */
  public record TextEntry(long publishedAt, String text) {}

  private static final JsonSerde<CompanyState> STATE_SERDE = JsonSerde.of(CompanyState.class);
  private static final JsonSerde<TextEntry> TEXT_SERDE = JsonSerde.of(TextEntry.class);
  private static final SingleObjectCodec<CompanySummary> SUMMARY_CODEC = new SingleObjectCodec<>(CompanySummary.class);

  private final EwmaTrend ewma;
  private final long coverageLookbackMs;
  private final RuleBook book;
  private final Duration sweepInterval;

  private ProcessorContext<String, ProfileOutput> context;
  private KeyValueStore<String, CompanyState> profiles;
  private KeyValueStore<String, CompanySummary> summaries;
  private KeyValueStore<String, TextEntry> texts;
  private KeyValueStore<String, Long> clock;
  private ReadOnlyKeyValueStore<String, Company> companies;
  private ReadOnlyKeyValueStore<String, AlertRule> rules;
  /**
   * The fingerprint of each company's summary as this task last stored it, so that an unchanged summary is
   * told without reading the stored one back. Only a shortcut: emptied at {@link #init} (the store may have
   * been restored or rolled back since) and when it reaches {@link #PUBLISHED_KEPT} companies; a company
   * missing here is compared with its stored summary.
   */
  private final Map<String, ByteBuffer> published = new HashMap<>();
  /** Each company's digest (issue 12): its own stores and logic, called from here. */
  private final DigestBook digests = new DigestBook();

  /**
   * {@code sweepInterval}: how often (wall-clock time) the companies are brought up to date once the clock has
   * entered a new hour ({@code activity.live.interval}).
   */
  public CompanyProfiles(EwmaTrend ewma, Duration coverageLookback, RuleBook book, Duration sweepInterval) {
    this.ewma = ewma;
    this.coverageLookbackMs = coverageLookback.toMillis();
    this.book = book;
    this.sweepInterval = sweepInterval;
  }

  public static List<StoreBuilder<?>> storeBuilders(StateStores stores, Topic<String, CompanySummary> summaryTopic) {
    List<StoreBuilder<?>> builders = new ArrayList<>(DigestBook.storeBuilders(stores));
    builders.addAll(List.of(
        stores.keyValue(PROFILES, Serdes.String(), STATE_SERDE),
        stores.keyValue(QueryableStores.SUMMARIES, Serdes.String(), summaryTopic.valueSerde()),
        stores.keyValue(TEXTS, Serdes.String(), TEXT_SERDE),
        stores.keyValue(CLOCK, Serdes.String(), Serdes.Long())));
    return builders;
  }

  public static String[] storeNames() {
    List<String> names = new ArrayList<>(List.of(PROFILES, QueryableStores.SUMMARIES, TEXTS, CLOCK));
    names.addAll(List.of(DigestBook.storeNames()));
    return names.toArray(String[]::new);
  }

  @Override
  public void init(ProcessorContext<String, ProfileOutput> context) {
    this.context = context;
    this.published.clear();
    this.profiles = context.getStateStore(PROFILES);
    this.summaries = context.getStateStore(QueryableStores.SUMMARIES);
    this.texts = context.getStateStore(TEXTS);
    this.clock = context.getStateStore(CLOCK);
    this.companies = context.getStateStore(CompanyDirectory.STORE);
    this.rules = context.getStateStore(RuleBook.STORE);
    digests.init(context);
    context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, now -> forgetOldTexts());
    context.schedule(sweepInterval, PunctuationType.WALL_CLOCK_TIME, now -> bringUpToDate());
  }

  @Override
  public void process(Record<String, CompanyEvent> record) {
    if (record.value() == null || record.key() == null) {
      return;
    }
    if (record.value().isTick()) {
      advanceClock(record.value().clock());
    } else if (record.value().isRelease()) {
      release(record.key(), record.value().release());
    } else {
      article(record.key(), record.value().before(), record.value().after());
    }
  }

  private void article(String company, ArticleFacts before, ArticleFacts after) {
    long eventTime = after != null ? after.publishedAt() : before.publishedAt();
    advanceClock(eventTime);
    CompanyState state = load(company);
    state.applyArticle(before, after);
    digests.apply(company, before, after);
    if (before != null) {
      texts.delete(textKey(company, before.articleId()));
    }
    if (after != null) {
      texts.put(textKey(company, after.articleId()), new TextEntry(after.publishedAt(), after.text()));
    }
    ReleaseBook releases = state.releases();
    Set<String> reports = state.reported().apply(before, after, releases);
    List<AlertCandidate> candidates = new ArrayList<>(detectedReleases(company, state, reports));
    if (!reports.isEmpty() || (before != null && releases.namesAnyFamily(before.text()))
        || (after != null && releases.namesAnyFamily(after.text()))) {
      state.setCoverage(coverage(company, releases));
    }
    List<Rule> companyRules = book.rules(rules).stream()
        .filter(r -> r.type() == RuleType.MENTION_SPIKE || r.type() == RuleType.SENTIMENT_DROP).toList();
    String name = name(company);
    candidates.addAll(CompanyRuleEvaluator.articleChanged(companyRules, company, name, before, after, state, ewma));
    profiles.put(company, state);
    publish(company, name, state);
    for (AlertCandidate c : candidates) {
      context.forward(new Record<>(c.gateKey(), ProfileOutput.of(c), c.eventTime()));
    }
  }

  private void release(String company, ReleaseFacts release) {
    CompanyState state = load(company);
    ReleaseBook.Added added = state.releases().add(release);
    if (!added.changed()) {
      return;
    }
    state.reported().forget(ReleaseReports.key(release.product(), release.version()));
    state.seen(release.releasedAt());
    state.setCoverage(coverage(company, state.releases()));
    profiles.put(company, state);
    publish(company, name(company), state);
    List<Rule> newRelease = book.rules(rules, RuleType.NEW_RELEASE);
    ReleaseFacts replaced = added.replacedDetected();
    ReleaseFacts from = replaced != null && replaced.releasedAt() < release.releasedAt() ? replaced : release;
    List<AlertCandidate> candidates = new ArrayList<>(
        CompanyRuleEvaluator.releases(newRelease, name(company), state.releases().judgeFrom(from)));
    if (replaced != null) {
      // After the event's own support: the alert about the release stands throughout, now resting on the event.
      candidates.addAll(CompanyRuleEvaluator.releaseWithdrawn(newRelease, replaced));
    }
    for (AlertCandidate c : candidates) {
      context.forward(new Record<>(c.gateKey(), ProfileOutput.of(c), c.eventTime()));
    }
  }

  /**
   * Brings the book's releases found in the news in line with the reports of the releases {@code keys}: one
   * confirmed by enough outlets (and with no release event) enters it or is updated, one no longer confirmed
   * leaves it. Returns the NEW_RELEASE candidates that follow, judged as for published releases.
   */
  private List<AlertCandidate> detectedReleases(String company, CompanyState state, Set<String> keys) {
    List<AlertCandidate> out = new ArrayList<>();
    ReleaseBook releases = state.releases();
    for (String key : keys) {
      ReleaseFacts want = state.reported().confirmed(company, key);
      if (want != null && releases.published(want.family(), want.version())) {
        want = null;
      }
      ReleaseFacts have = releases.detected(ReleaseReports.family(key), ReleaseReports.id(company, key)).orElse(null);
      if (Objects.equals(want, have)) {
        continue;
      }
      List<Rule> newRelease = book.rules(rules, RuleType.NEW_RELEASE);
      ReleaseFacts from;
      if (want == null) {
        releases.removeDetected(have);
        out.addAll(CompanyRuleEvaluator.releaseWithdrawn(newRelease, have));
        from = have;
      } else {
        releases.add(want);
        from = have != null && have.releasedAt() < want.releasedAt() ? have : want;
      }
      out.addAll(CompanyRuleEvaluator.releases(newRelease, name(company), releases.judgeFrom(from)));
    }
    return out;
  }

  /**
   * Moves the clock to {@code eventTime} if it is newer. The companies whose last 24 h and trend move with it are
   * brought up to date by {@link #bringUpToDate}, once per interval.
   */
  private void advanceClock(long eventTime) {
    Long now = clock.get(NOW);
    if (now != null && eventTime <= now) {
      return;
    }
    clock.put(NOW, eventTime);
    if (now == null) {
      clock.put(SWEPT, CompanyState.hourOf(eventTime)); // the first time on the clock: no company is behind it
    }
  }

  /**
   * When the clock's hour is past the one the companies were last brought up to, publishes every company whose
   * summary that changes (its last 24 h, its trend), and notes the hour.
   */
  private void bringUpToDate() {
    Long now = clock.get(NOW);
    if (now == null) {
      return;
    }
    long hour = CompanyState.hourOf(now);
    Long swept = clock.get(SWEPT);
    if (swept != null && swept == hour) {
      return;
    }
    if (swept != null) { // none: a store kept before the hour was noted, whose companies are as of its clock
      List<String> ids = new ArrayList<>();
      try (KeyValueIterator<String, CompanyState> it = profiles.all()) {
        while (it.hasNext()) {
          ids.add(it.next().key);
        }
      }
      for (String id : ids) {
        publish(id, name(id), load(id));
      }
    }
    clock.put(SWEPT, hour);
  }

  /**
   * Publishes the company's summary if anything in it changed: its totals, and its last 24 h and trend as
   * of the clock's hour. Its time ({@code updatedAt}) is the newest event time of the company's own news.
   */
  private void publish(String company, String name, CompanyState state) {
    // Before any article reached the application, the company's own newest news stands in for "now".
    Long clockNow = clock.get(NOW);
    long now = clockNow != null ? clockNow : state.newest();
    long currentHour = CompanyState.hourOf(now);
    Double score = state.trendScore(currentHour, ewma);
    long updatedAt = state.newest() == Long.MIN_VALUE ? now : state.newest();
    CompanySummary summary = state.summary(company, name, currentHour, score, updatedAt, TOP);
    summary.setDigest(state.digest(digests, company, name));
    // Compared as bytes: Avro's equals cannot compare the timestamps inside deserialized lists.
    ByteBuffer fingerprint = fingerprint(summary);
    ByteBuffer last = published.get(company);
    if (last == null) {
      CompanySummary previous = summaries.get(company);
      last = previous == null ? null : fingerprint(previous);
    }
    if (!fingerprint.equals(last)) {
      summaries.put(company, summary);
      context.forward(new Record<>(company, ProfileOutput.of(summary), updatedAt));
    }
    if (published.size() >= PUBLISHED_KEPT) {
      published.clear();
    }
    published.put(company, fingerprint);
  }

  /** The SHA-256 of the summary's encoding: what tells a changed summary from the one published before. */
  private static ByteBuffer fingerprint(CompanySummary summary) {
    return ByteBuffer.wrap(Sha256.digest().digest(SUMMARY_CODEC.encode(summary)));
  }

  /** Coverage of each release of the company, counted over the articles kept for it. */
  private Map<String, Long> coverage(String company, ReleaseBook releases) {
    Map<String, Long> counts = new HashMap<>();
    try (KeyValueIterator<String, TextEntry> it = texts.prefixScan(company + SEPARATOR, new StringSerializer())) {
      while (it.hasNext()) {
        TextEntry t = it.next().value;
        releases.coveredBy(t.publishedAt(), t.text()).forEach(id -> counts.merge(id, 1L, Long::sum));
      }
    }
    return counts;
  }

  /** Article texts older than the coverage lookback (in event time) are no longer needed. */
  private void forgetOldTexts() {
    Long now = clock.get(NOW);
    if (now != null) {
      long cutoff = now - coverageLookbackMs;
      StoreSweep.deleteWhere(texts, t -> t.publishedAt() < cutoff);
      digests.forget();
    }
  }

  private CompanyState load(String company) {
    CompanyState s = profiles.get(company);
    return s == null ? new CompanyState() : s;
  }

  private String name(String company) {
    Company c = companies.get(company);
    return c == null ? company : c.getName();
  }

  private static String textKey(String company, String articleId) {
    return company + SEPARATOR + articleId;
  }
}
