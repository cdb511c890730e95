package dev.newsflow.streams.aggregate;

import dev.newsflow.schema.Alert;
import dev.newsflow.schema.AlertRule;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.CompanyActivity;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Headline;
import dev.newsflow.schema.Mention;
import dev.newsflow.schema.NameCount;
import dev.newsflow.schema.Release;
import dev.newsflow.schema.ReleaseRef;
import dev.newsflow.schema.TopicScore;
import dev.newsflow.streams.aggregate.digest.Coverage;
import dev.newsflow.streams.aggregate.digest.Digest;
import dev.newsflow.streams.aggregate.digest.DigestComposer;
import dev.newsflow.streams.aggregate.digest.DigestReport;
import dev.newsflow.streams.aggregate.releases.VersionOrder;
import dev.newsflow.streams.aggregate.trend.EwmaTrend;
import dev.newsflow.streams.aggregate.trend.TrendState;
import dev.newsflow.streams.alerts.AlertIds;
import dev.newsflow.streams.alerts.Rule;
import dev.newsflow.streams.alerts.RuleParser;
import dev.newsflow.streams.alerts.RuleType;
import dev.newsflow.streams.event.ArticleFacts;
import dev.newsflow.streams.event.PhrasedArticle;
import dev.newsflow.streams.phrases.Phrases;
import dev.newsflow.streams.phrases.RumourWording;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the aggregation should output for a sequence of inputs, computed in plain Java, one input after
 * another, without Kafka Streams and without the topology's classes (it shares only the pure helpers:
 * text matching, version order, rule parsing and the EWMA formula, each tested on its own). It follows
 * the documented semantics: event-time windows closing at end + grace against the newest event time
 * seen; totals over each article's latest version; the trend folding each closed hour; rules gated once
 * per rule and story and throttled per rule and company.
 */
final class ExpectedAggregation {
  static final long HOUR = 3_600_000L;

  /** What one article version gives one company, as the model sees it. */
  record F(String id, long t, String source, String sourceKey, String story, Long sentiment, List<String> topics,
      List<String> coMentions, int mentions, double salience, String title, String url, String rumour, String text) {}

  record R(String id, String company, String product, String version, long at, String source) {
    String family() {
      return Phrases.normalize(product);
    }
  }

  static final class Bucket {
    long count;
    long sentSum;
    long sentCount;
    final Map<String, Long> sources = new TreeMap<>();
    final List<String> evidence = new ArrayList<>();
  }

  record Candidate(Rule rule, String storyKey, String company, String storyId, long t, List<String> evidence,
      Map<String, Double> metrics, String rumour, String sourceKey, int required) {
    String support() {
      return evidence.get(0);
    }
  }

  private final long grace;
  private final EwmaTrend ewma;
  private final int top;
  private final Map<String, Company> companies = new LinkedHashMap<>();
  private final List<Rule> rules = new ArrayList<>();

  private final Map<String, LinkedHashMap<String, F>> contributions = new HashMap<>();
  private long streamTime = Long.MIN_VALUE;
  private final Map<String, Map<String, F>> windows = new TreeMap<>();
  private final Map<String, long[]> windowMeta = new HashMap<>();
  /** Starts of the day windows that were live at some stream time: ending by the end of its hour, not closed. */
  private final Set<Long> liveDayStarts = new HashSet<>();
  private final List<String> late = new ArrayList<>();

  private Long clock;
  private final Set<String> known = new TreeSet<>();
  private final Map<String, Map<String, F>> current = new HashMap<>();
  private final Map<String, TreeMap<Long, Bucket>> hours = new HashMap<>();
  /** The newest event time of each company's own news. */
  private final Map<String, Long> newest = new HashMap<>();
  private final Map<String, Map<String, List<R>>> releases = new HashMap<>();
  private final Map<String, CompanySummary> published = new TreeMap<>();
  /** Each company's digest reports by article id: the digest is the plain {@link DigestComposer} over them. */
  private final Map<String, Map<String, DigestReport>> digestReports = new HashMap<>();

  /** Per rule and story: its supports by id, whatever order they came in. */
  private final Map<String, Map<String, Candidate>> stories = new TreeMap<>();
  /** The stories each article's WATCH candidates last supported, so that a revision takes them back. */
  private final Map<String, Set<String>> watchedBy = new HashMap<>();

  ExpectedAggregation(AggregationSettings settings, List<Company> companyList, List<AlertRule> ruleList) {
    this.grace = settings.grace().toMillis();
    this.ewma = EwmaTrend.withHalfLife(settings.trendHalfLife(), settings.trendMinHistoryHours(), settings.trendMinStddev());
    this.top = settings.top();
    companyList.forEach(c -> companies.put(c.getId(), c));
    ruleList.stream().map(RuleParser::parse).sorted(Comparator.comparing(Rule::id)).forEach(rules::add);
  }

  // ---------------------------------------------------------------- articles

  void article(EnrichedArticle a) {
    LinkedHashMap<String, F> now = facts(a);
    LinkedHashMap<String, F> before = contributions.getOrDefault(a.getId(), new LinkedHashMap<>());
    if (!now.equals(before)) {
      Map<String, ArticleFacts> digestFacts = ArticleFacts.of(PhrasedArticle.of(a), a.getPublishedAt().toEpochMilli());
      Set<String> all = new LinkedHashSet<>(before.keySet());
      all.addAll(now.keySet());
      for (String c : all) {
        F was = before.get(c);
        F is = now.get(c);
        if (!Objects.equals(was, is)) {
          window(c, is != null ? is.id() : was.id(), is, is != null ? is.t() : was.t());
          Map<String, DigestReport> reports = digestReports.computeIfAbsent(c, k -> new HashMap<>());
          if (is != null) {
            reports.put(a.getId(), DigestReport.of(digestFacts.get(c)));
          } else {
            reports.remove(a.getId());
          }
          profile(c, was, is);
        }
      }
      if (now.isEmpty()) {
        contributions.remove(a.getId());
      } else {
        contributions.put(a.getId(), now);
      }
    }
    watch(a);
  }

  private static LinkedHashMap<String, F> facts(EnrichedArticle a) {
    LinkedHashMap<String, Mention> mentions = new LinkedHashMap<>();
    a.getMentions().forEach(m -> mentions.putIfAbsent(m.getCompanyId(), m));
    List<String> topics = a.getTopics().stream()
        .sorted(Comparator.comparingDouble(TopicScore::getScore).reversed().thenComparing(TopicScore::getTopic))
        .map(TopicScore::getTopic).toList();
    String text = Phrases.normalize(a.getTitle()) + " \n " + Phrases.normalize(a.getBody());
    String rumour = RumourWording.find(a.getTitle(), a.getBody()).orElse(null);
    LinkedHashMap<String, F> out = new LinkedHashMap<>();
    for (Mention m : mentions.values()) {
      List<String> others = mentions.keySet().stream().filter(k -> !k.equals(m.getCompanyId())).toList();
      Double s = m.getSentiment() != null ? m.getSentiment() : a.getSentiment();
      out.put(m.getCompanyId(), new F(a.getId(), a.getPublishedAt().toEpochMilli(), a.getSource(),
          Phrases.normalize(a.getSource()), a.getStoryId(), s == null ? null : Math.round(s * 1_000_000), topics, others,
          m.getCount(), m.getSalience(), a.getTitle().strip(), a.getUrl(), rumour, text));
    }
    return out;
  }

  // ---------------------------------------------------------------- windows

  private void window(String company, String id, F facts, long t) {
    streamTime = Math.max(streamTime, t);
    long currentHour = Math.floorDiv(streamTime, HOUR) * HOUR;
    for (long start = currentHour + HOUR - 24 * HOUR; start + 24 * HOUR + grace > streamTime; start -= HOUR) {
      liveDayStarts.add(start);
    }
    long hour = Math.floorDiv(t, HOUR) * HOUR;
    if (hour + HOUR + grace <= streamTime) {
      late.add(company + "/" + id);
    } else {
      apply(company + "@" + Instant.ofEpochMilli(hour) + "/1h", hour, hour + HOUR, id, facts, t);
    }
    for (long start = hour - 23 * HOUR; start <= hour; start += HOUR) {
      if (start + 24 * HOUR + grace > streamTime) {
        apply(company + "@" + Instant.ofEpochMilli(start) + "/24h", start, start + 24 * HOUR, id, facts, t);
      }
    }
  }

  private void apply(String key, long start, long end, String id, F facts, long t) {
    Map<String, F> w = windows.computeIfAbsent(key, k -> new HashMap<>());
    if (facts == null) {
      w.remove(id);
    } else {
      w.put(id, facts);
    }
    long[] meta = windowMeta.computeIfAbsent(key, k -> new long[] {start, end, Long.MIN_VALUE});
    meta[2] = Math.max(meta[2], t);
  }

  /**
   * Latest live value of every window that received a change: every hour window, and the day windows that were
   * live at some stream time (only the day that ends by the end of the current hour, or one in its grace, is
   * published live). A live window's last value holds all its changes: once live it stays live until it closes.
   */
  Map<String, CompanyActivity> liveActivity() {
    Map<String, CompanyActivity> out = new TreeMap<>();
    windows.forEach((key, w) -> {
      if (key.endsWith("/1h") || liveDayStarts.contains(windowMeta.get(key)[0])) {
        out.put(key, activity(key, w, false));
      }
    });
    return out;
  }

  /** The final value of every window closed by the end of the input. */
  Map<String, CompanyActivity> finalActivity() {
    Map<String, CompanyActivity> out = new TreeMap<>();
    windows.forEach((key, w) -> {
      if (windowMeta.get(key)[1] + grace <= streamTime) {
        out.put(key, activity(key, w, true));
      }
    });
    return out;
  }

  private CompanyActivity activity(String key, Map<String, F> w, boolean closed) {
    long[] meta = windowMeta.get(key);
    String company = key.substring(0, key.indexOf('@'));
    Map<String, Long> topics = new HashMap<>();
    Map<String, Long> co = new HashMap<>();
    long sum = 0;
    long n = 0;
    for (F f : w.values()) {
      f.topics().forEach(x -> topics.merge(x, 1L, Long::sum));
      f.coMentions().forEach(x -> co.merge(x, 1L, Long::sum));
      if (f.sentiment() != null) {
        sum += f.sentiment();
        n++;
      }
    }
    Comparator<F> best = Comparator.comparingDouble((F f) -> -f.salience()).thenComparingLong(f -> -f.t()).thenComparing(F::id);
    Map<String, F> bestOfStory = new HashMap<>();
    w.values().forEach(f -> bestOfStory.merge(f.story(), f, (x, y) -> best.compare(x, y) <= 0 ? x : y));
    List<Headline> headlines = bestOfStory.values().stream().sorted(best).limit(top)
        .map(f -> Headline.newBuilder().setArticleId(f.id()).setTitle(f.title()).setUrl(f.url()).setSource(f.source())
            .setPublishedAt(Instant.ofEpochMilli(f.t())).setSalience(f.salience()).build()).toList();
    return CompanyActivity.newBuilder()
        .setCompanyId(company).setWindow(key.substring(key.lastIndexOf('/') + 1))
        .setWindowStart(Instant.ofEpochMilli(meta[0])).setWindowEnd(Instant.ofEpochMilli(meta[1]))
        .setClosed(closed)
        .setArticleCount(w.size())
        .setSourceCount(w.values().stream().map(F::sourceKey).filter(Objects::nonNull).distinct().count())
        .setStoryCount(w.values().stream().map(F::story).distinct().count())
        .setSentiment(mean(sum, n)).setSentimentArticles(n)
        .setTopTopics(topCounts(topics)).setTopCoMentions(topCounts(co)).setTopHeadlines(headlines)
        .setUpdatedAt(Instant.ofEpochMilli(meta[2]))
        .build();
  }

  private List<NameCount> topCounts(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(e -> -e.getValue()).thenComparing(Map.Entry::getKey))
        .limit(top).map(e -> new NameCount(e.getKey(), e.getValue())).toList();
  }

  static Double mean(long sumMicros, long n) {
    return n == 0 ? null : Math.round((double) sumMicros / n / 1_000.0) / 1_000.0;
  }

  /** "company/articleId" of every change too late for its hour, sorted. */
  List<String> lateArticles() {
    return late.stream().sorted().toList();
  }

  // ---------------------------------------------------------------- company profiles

  private long hourOf(long t) {
    return Math.floorDiv(t, HOUR) * HOUR;
  }

  private void profile(String c, F was, F is) {
    long t = is != null ? is.t() : was.t();
    advanceClock(t, c);
    Map<String, F> articles = current.computeIfAbsent(c, k -> new HashMap<>());
    TreeMap<Long, Bucket> buckets = hours.computeIfAbsent(c, k -> new TreeMap<>());
    if (was != null) {
      articles.remove(was.id());
      Bucket b = buckets.get(hourOf(was.t()));
      if (b != null) {
        b.count--;
        if (was.sentiment() != null) {
          b.sentSum -= was.sentiment();
          b.sentCount--;
        }
        b.sources.computeIfPresent(was.sourceKey(), (k, v) -> v <= 1 ? null : v - 1);
        b.evidence.remove(was.id());
        if (b.count == 0 && b.sources.isEmpty()) {
          buckets.remove(hourOf(was.t()));
        }
      }
    }
    if (is != null) {
      articles.put(is.id(), is);
      Bucket b = buckets.computeIfAbsent(hourOf(is.t()), k -> new Bucket());
      b.count++;
      if (is.sentiment() != null) {
        b.sentSum += is.sentiment();
        b.sentCount++;
      }
      b.sources.merge(is.sourceKey(), 1L, Long::sum);
      if (!b.evidence.contains(is.id())) {
        b.evidence.add(is.id());
        b.evidence.sort(null);
      }
      if (b.evidence.size() > 10) {
        b.evidence.remove(10);
      }
      newest.merge(c, is.t(), Math::max);
    }
    known.add(c);
    publish(c);
  }

  private void advanceClock(long t, String except) {
    if (clock == null) {
      clock = t;
      return;
    }
    if (t <= clock) {
      return;
    }
    long old = clock;
    clock = t;
    if (hourOf(t) == hourOf(old)) {
      return;
    }
    for (String c : known) {
      if (!c.equals(except)) {
        publish(c);
      }
    }
  }

  /** The trend as of {@code hour}: the company's hours before it, from its first, quiet hours as zeros. */
  private TrendState trendAsOf(String c, long hour) {
    TreeMap<Long, Bucket> buckets = hours.getOrDefault(c, new TreeMap<>());
    if (buckets.isEmpty() || buckets.firstKey() >= hour) {
      return TrendState.EMPTY;
    }
    TrendState s = TrendState.EMPTY;
    for (long h = Math.max(buckets.firstKey(), hour - 14 * 24 * HOUR); h < hour; h += HOUR) {
      Bucket b = buckets.get(h);
      s = ewma.fold(s, b == null ? 0 : b.count);
    }
    return s;
  }

  private long count(String c, long hour) {
    Bucket b = hours.getOrDefault(c, new TreeMap<>()).get(hour);
    return b == null ? 0 : b.count;
  }

  private void publish(String c) {
    long currentHour = hourOf(clock != null ? clock : newest.get(c)); // the clock is the newest article
    Double score = ewma.score(trendAsOf(c, currentHour), count(c, currentHour));
    Map<String, F> articles = current.getOrDefault(c, Map.of());
    long last24h = hours.getOrDefault(c, new TreeMap<>()).subMap(currentHour - 23 * HOUR, true, currentHour, true)
        .values().stream().mapToLong(b -> b.count).sum();
    long sum = 0;
    long n = 0;
    Map<String, Long> topics = new HashMap<>();
    for (F f : articles.values()) {
      if (f.sentiment() != null) {
        sum += f.sentiment();
        n++;
      }
      f.topics().forEach(x -> topics.merge(x, 1L, Long::sum));
    }
    List<Headline> headlines = articles.values().stream()
        .sorted(Comparator.comparingLong((F f) -> -f.t()).thenComparing(F::id)).limit(top)
        .map(f -> Headline.newBuilder().setArticleId(f.id()).setTitle(f.title()).setUrl(f.url()).setSource(f.source())
            .setPublishedAt(Instant.ofEpochMilli(f.t())).setSalience(f.salience()).build()).toList();
    CompanySummary previous = published.get(c);
    long updatedAt = newest.containsKey(c) ? newest.get(c) : clock;
    CompanySummary summary = CompanySummary.newBuilder()
        .setCompanyId(c).setName(companies.get(c).getName())
        .setArticleCount(articles.size()).setMentionCount(articles.values().stream().mapToLong(F::mentions).sum())
        .setLast24hArticles(last24h).setTrendScore(score).setSentiment(mean(sum, n))
        .setLatestReleases(releaseRefs(c)).setLatestHeadlines(headlines)
        .setTopTopics(topCounts(topics).stream().map(NameCount::getName).toList())
        .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
        .build();
    // The digest is as of the company's own newest news.
    if (newest.containsKey(c)) {
      long ownHour = hourOf(newest.get(c));
      long ownDay = hours.getOrDefault(c, new TreeMap<>()).subMap(ownHour - 23 * HOUR, true, ownHour, true)
          .values().stream().mapToLong(b -> b.count).sum();
      Digest digest = DigestComposer.compose(companies.get(c).getName(),
          digestReports.getOrDefault(c, Map.of()).values(), ownHour, usualCoverage(c, ownHour, ownDay));
      summary.setDigest(digest.week().articles() == 0 ? null : digest.toRecord());
    }
    if (previous != null) {
      CompanySummary same = CompanySummary.newBuilder(previous).setUpdatedAt(summary.getUpdatedAt()).build();
      if (same.toString().equals(summary.toString())) {
        return;
      }
    }
    published.put(c, summary);
  }

  /** The last 24 h against the daily mean of the hours before them, from the company's first (14 days at most). */
  private Coverage usualCoverage(String c, long currentHour, long last24h) {
    TreeMap<Long, Bucket> buckets = hours.getOrDefault(c, new TreeMap<>());
    long dayStart = currentHour - 23 * HOUR;
    if (buckets.isEmpty() || buckets.firstKey() >= dayStart) {
      return null;
    }
    long from = Math.max(buckets.firstKey(), currentHour - 14 * 24 * HOUR);
    long prior = buckets.subMap(from, true, dayStart, false).values().stream().mapToLong(b -> b.count).sum();
    return Coverage.compare(last24h, prior, (dayStart - from) / HOUR);
  }

  Map<String, CompanySummary> summaries() {
    return published;
  }

  // ---------------------------------------------------------------- releases

  private Comparator<R> latestOrder(String family) {
    return Comparator.comparing(R::version, Comparator.nullsFirst(VersionOrder.forFamily(family)))
        .thenComparingLong(R::at).thenComparing(R::id);
  }

  void release(Release release) {
    String c = resolve(release.getCompany());
    R r = new R(release.getId(), c, release.getProduct().strip(), release.getVersion(), release.getReleasedAt().toEpochMilli(),
        release.getSource());
    List<R> family = releases.computeIfAbsent(c, k -> new LinkedHashMap<>()).computeIfAbsent(r.family(), k -> new ArrayList<>());
    if (family.contains(r)) {
      return;
    }
    boolean known = family.stream().anyMatch(x -> x.id().equals(r.id()));
    R previousLatest = family.stream().max(latestOrder(r.family())).orElse(null);
    boolean first = family.isEmpty();
    family.removeIf(x -> x.id().equals(r.id()));
    family.add(r);
    boolean newLatest = !known && (previousLatest == null || latestOrder(r.family()).compare(r, previousLatest) > 0);
    newest.merge(c, r.at(), Math::max);
    this.known.add(c);
    publish(c);
  }

  /** NEW_RELEASE in event time: each release that is the newest version among its family's releases up to it. */
  private void newReleases() {
    releases.forEach((c, families) -> families.forEach((family, list) -> {
      List<R> ordered = list.stream().sorted(Comparator.comparingLong(R::at).thenComparing(R::id)).toList();
      R best = null;
      for (int i = 0; i < ordered.size(); i++) {
        R r = ordered.get(i);
        if (best == null || latestOrder(family).compare(r, best) > 0) {
          for (Rule rule : rules) {
            if (rule.type() == RuleType.NEW_RELEASE && rule.appliesTo(c)) {
              Map<String, Double> metrics = new LinkedHashMap<>();
              metrics.put("firstOfFamily", i == 0 ? 1.0 : 0.0);
              metrics.put("familyReleases", (double) (i + 1));
              // One alert per numbered release (company, family, version), whatever its event id.
              String story = r.version() == null ? "release/" + r.id()
                  : "release/" + c + ":" + family + ":" + Phrases.normalize(r.version());
              gate(new Candidate(rule, story, c, r.id(), r.at(), List.of(r.id()), metrics, null,
                  Phrases.normalize(r.source()), 1));
            }
          }
          best = r;
        }
      }
    }));
  }

  private String resolve(String idOrName) {
    if (companies.containsKey(idOrName)) {
      return idOrName;
    }
    return companies.values().stream().filter(c -> c.getName().equalsIgnoreCase(idOrName)).findFirst().orElseThrow().getId();
  }

  private List<ReleaseRef> releaseRefs(String c) {
    Map<String, List<R>> families = releases.getOrDefault(c, Map.of());
    Map<String, Long> coverage = new HashMap<>();
    for (F f : current.getOrDefault(c, Map.of()).values()) {
      families.forEach((family, list) -> {
        if (Phrases.containsProduct(f.text(), family)) {
          list.stream().filter(r -> r.at() <= f.t())
              .max(Comparator.comparingLong(R::at).thenComparing(latestOrder(family)))
              .ifPresent(r -> coverage.merge(r.id(), 1L, Long::sum));
        }
      });
    }
    List<ReleaseRef> refs = new ArrayList<>();
    families.forEach((family, list) -> {
      R latest = list.stream().max(latestOrder(family)).orElseThrow();
      R first = list.stream().min(Comparator.comparingLong(R::at)
          .thenComparing(R::version, Comparator.nullsFirst(VersionOrder.forFamily(family))).thenComparing(R::id)).orElseThrow();
      refs.add(ReleaseRef.newBuilder().setId(latest.id()).setProduct(latest.product()).setVersion(latest.version())
          .setCategory("llm").setReleasedAt(Instant.ofEpochMilli(latest.at())).setUrl(null)
          .setFirstOfFamily(first.id().equals(latest.id())).setCoverage(coverage.getOrDefault(latest.id(), 0L)).build());
    });
    refs.sort(Comparator.comparing((ReleaseRef r) -> r.getReleasedAt()).reversed().thenComparing(ReleaseRef::getId));
    return refs.size() <= 10 ? refs : refs.subList(0, 10);
  }

  // ---------------------------------------------------------------- alerts

  private void watch(EnrichedArticle a) {
    Set<String> raised = new HashSet<>();
    watchRules(a, raised);
    for (String was : watchedBy.getOrDefault(a.getId(), Set.of())) {
      if (!raised.contains(was) && stories.containsKey(was)) {
        stories.get(was).remove(a.getId());
      }
    }
    watchedBy.put(a.getId(), raised);
  }

  private void watchRules(EnrichedArticle a, Set<String> raised) {
    String text = Phrases.normalize(a.getTitle()) + " \n " + Phrases.normalize(a.getBody());
    Set<String> topics = new HashSet<>();
    a.getTopics().forEach(t -> topics.add(Phrases.normalize(t.getTopic())));
    List<Mention> bySalience = a.getMentions().stream()
        .sorted(Comparator.comparingDouble(Mention::getSalience).reversed().thenComparing(Mention::getCompanyId)).toList();
    for (Rule rule : rules) {
      if (rule.type() != RuleType.WATCH) {
        continue;
      }
      List<Mention> watched = bySalience.stream().filter(m -> rule.companies().contains(m.getCompanyId())).toList();
      long matchedTopics = rule.topics().stream().filter(topics::contains).count();
      long matchedKeywords = rule.keywords().stream().filter(k -> Phrases.contains(text, k)).count();
      if ((!rule.companies().isEmpty() && watched.isEmpty()) || (!rule.topics().isEmpty() && matchedTopics == 0)
          || (!rule.keywords().isEmpty() && matchedKeywords == 0)) {
        continue;
      }
      Mention company = !watched.isEmpty() ? watched.get(0) : bySalience.isEmpty() ? null : bySalience.get(0);
      Map<String, Double> metrics = new LinkedHashMap<>();
      if (company != null) {
        metrics.put("salience", company.getSalience());
        metrics.put("mentions", (double) company.getCount());
      }
      metrics.put("matchedCompanies", (double) watched.size());
      metrics.put("matchedTopics", (double) matchedTopics);
      metrics.put("matchedKeywords", (double) matchedKeywords);
      raised.add(rule.id() + "|" + a.getStoryId());
      gate(new Candidate(rule, a.getStoryId(), company == null ? null : company.getCompanyId(), a.getStoryId(),
          a.getPublishedAt().toEpochMilli(), List.of(a.getId()), metrics,
          RumourWording.find(a.getTitle(), a.getBody()).orElse(null), Phrases.normalize(a.getSource()), rule.minSources()));
    }
  }

  /** MENTION_SPIKE and SENTIMENT_DROP judged on the final hours: each hour, and each negative article as of its own hour. */
  private void companyRules() {
    for (String c : known) {
      for (Rule rule : rules) {
        if (!rule.appliesTo(c)) {
          continue;
        }
        if (rule.type() == RuleType.MENTION_SPIKE) {
          for (long h : List.copyOf(hours.getOrDefault(c, new TreeMap<>()).keySet())) {
            spike(rule, c, h);
          }
        } else if (rule.type() == RuleType.SENTIMENT_DROP) {
          long keepFrom = hourOf(newest.get(c)) - 48 * HOUR;
          for (F is : current.getOrDefault(c, Map.of()).values()) {
            if (is.sentiment() != null && is.sentiment() < 0 && is.t() >= keepFrom) {
              gloom(rule, c, is);
            }
          }
        }
      }
    }
  }

  private void spike(Rule rule, String c, long h) {
    TrendState s = trendAsOf(c, h);
    Double score = ewma.score(s, count(c, h));
    if (score == null || score < rule.threshold()) {
      return;
    }
    Bucket b = hours.get(c).get(h);
    if (b.sources.size() < rule.minSources()) {
      return;
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("trendScore", score);
    metrics.put("threshold", rule.threshold());
    metrics.put("hourArticles", (double) b.count);
    metrics.put("mean", Math.round(s.mean() * 1000) / 1000.0);
    metrics.put("stddev", Math.round(ewma.stddev(s) * 1000) / 1000.0);
    metrics.put("historyHours", (double) s.hours());
    metrics.put("sources", (double) b.sources.size());
    gate(new Candidate(rule, c + "@" + Instant.ofEpochMilli(h), c, null, h, List.copyOf(b.evidence), metrics,
        null, null, 1));
  }

  private void gloom(Rule rule, String c, F is) {
    long h = hourOf(is.t());
    long n = 0;
    long sum = 0;
    Set<String> sources = new HashSet<>();
    for (Bucket b : hours.get(c).subMap(h - 23 * HOUR, true, h, true).values()) {
      n += b.sentCount;
      sum += b.sentSum;
      sources.addAll(b.sources.keySet());
    }
    if (n < rule.minArticles() || n == 0 || mean(sum, n) > rule.threshold() || sources.size() < rule.minSources()) {
      return;
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("sentiment24h", mean(sum, n));
    metrics.put("threshold", rule.threshold());
    metrics.put("articles", (double) n);
    metrics.put("articleSentiment", Math.round(is.sentiment() / 1_000_000.0 * 1000) / 1000.0);
    metrics.put("sources", (double) sources.size());
    gate(new Candidate(rule, c + "/" + is.story(), c, is.story(), is.t(), evidence(c, h - 23 * HOUR, h, is.id()),
        metrics, is.rumour(), is.sourceKey(), 1));
  }

  private List<String> evidence(String c, long from, long to, String trigger) {
    Set<String> ids = new LinkedHashSet<>();
    ids.add(trigger);
    for (long h = to; h >= from; h -= HOUR) {
      Bucket b = hours.get(c).get(h);
      if (b != null) {
        for (String id : b.evidence) {
          if (ids.size() < 10) {
            ids.add(id);
          }
        }
      }
    }
    return List.copyOf(ids);
  }

  private void gate(Candidate c) {
    stories.computeIfAbsent(c.rule().id() + "|" + c.storyKey(), k -> new HashMap<>()).put(c.support(), c);
  }

  /**
   * The alerts left standing: per rule and story, the alert its supports make in (time, id) order, firing
   * at the support that brings enough distinct outlets; then per rule and company (or story, without a
   * company) and fixed throttle window, the earliest alert by (time, id).
   */
  List<Alert> alerts() {
    companyRules();
    newReleases();
    Map<String, Alert> winners = new TreeMap<>();
    for (Map<String, Candidate> supports : stories.values()) {
      List<Candidate> ordered = supports.values().stream()
          .sorted(Comparator.comparingLong(Candidate::t).thenComparing(Candidate::support)).toList();
      if (ordered.isEmpty()) {
        continue;
      }
      Candidate first = ordered.get(0);
      Set<String> sources = new LinkedHashSet<>();
      Set<String> evidence = new LinkedHashSet<>();
      boolean allRumour = true;
      for (Candidate c : ordered) {
        if (c.sourceKey() != null) {
          sources.add(c.sourceKey());
        }
        evidence.addAll(c.evidence());
        allRumour &= c.rumour() != null;
        if (first.required() > 1 && sources.size() < first.required()) {
          continue;
        }
        Map<String, Double> metrics = new LinkedHashMap<>(first.metrics());
        if (first.required() > 1) {
          metrics.put("sources", (double) sources.size());
          metrics.put("requiredSources", (double) first.required());
        }
        Alert alert = Alert.newBuilder()
            .setId(AlertIds.of(first.rule().id(), first.storyKey())).setRuleId(first.rule().id())
            .setRuleType(first.rule().type().name()).setCompanyId(first.company()).setStoryId(first.storyId())
            .setTitle("-").setMessage("-").setFiredAt(Instant.ofEpochMilli(c.t())).setEvidence(List.copyOf(evidence))
            .setMetrics(metrics).setRumour(allRumour).setSeverity(first.rule().severity())
            .build();
        long throttle = first.rule().throttle().toMillis();
        String window = first.rule().id() + "|" + (first.company() != null ? "company:" + first.company() : "story:" + first.storyId())
            + "|" + (throttle <= 0 ? alert.getId() : Long.toString(Math.floorDiv(c.t(), throttle)));
        Alert held = winners.get(window);
        if (held == null || c.t() < held.getFiredAt().toEpochMilli()
            || (c.t() == held.getFiredAt().toEpochMilli() && alert.getId().compareTo(held.getId()) < 0)) {
          winners.put(window, alert);
        }
        break;
      }
    }
    return List.copyOf(winners.values());
  }

  /** An alert as compared: every field but the title and message prose. */
  static String describe(Alert a) {
    return a.getId() + " " + a.getRuleId() + " " + a.getRuleType() + " company=" + a.getCompanyId() + " story="
        + a.getStoryId() + " at=" + a.getFiredAt() + " evidence=" + a.getEvidence() + " metrics=" + new TreeMap<>(a.getMetrics())
        + " rumour=" + a.getRumour() + " severity=" + a.getSeverity();
  }
}
