package dev.newsflow.streams.aggregate.profile;

import dev.newsflow.streams.aggregate.activity.ActivitySummarizer;
import dev.newsflow.streams.aggregate.releases.ReleaseBook;
import dev.newsflow.streams.aggregate.trend.EwmaTrend;
import dev.newsflow.streams.aggregate.trend.TrendState;
import dev.newsflow.streams.alerts.AlertCandidate;
import dev.newsflow.streams.alerts.Rule;
import dev.newsflow.streams.alerts.RuleType;
import dev.newsflow.streams.event.ArticleFacts;
import dev.newsflow.streams.event.ReleaseFacts;
import dev.newsflow.streams.phrases.Phrases;
import dev.newsflow.streams.phrases.RumourWording;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The company-level rules: NEW_RELEASE on a release, MENTION_SPIKE and SENTIMENT_DROP on an article,
 * each evaluated against the company's state after the event. Each candidate carries the numbers that
 * tripped the rule ({@code metrics}) and the evidence ids; the independent-sources condition is checked
 * here, over the articles the condition rests on.
 */
public final class CompanyRuleEvaluator {
  private CompanyRuleEvaluator() {}

  /**
   * NEW_RELEASE after a release arrived: a release fires when it is the newest version of its family among
   * the releases published up to it (event time, not arrival), so an older version arriving after a newer
   * one still fires, and a later release that it outdates is retracted. {@code judged}: the release and
   * every later one of its family ({@link ReleaseBook#judgeFrom}). A release found in the news fires alike,
   * its title and message labelled "detected from coverage" and its metrics with {@code detectedFromCoverage};
   * a release event of the same version keeps its alert ({@link ReleaseBook#alertKey}).
   */
  public static List<AlertCandidate> releases(List<Rule> rules, String companyName, List<ReleaseBook.Judgement> judged) {
    List<AlertCandidate> out = new ArrayList<>();
    for (ReleaseBook.Judgement j : judged) {
      ReleaseFacts r = j.release();
      String text = Phrases.normalize(r.product() + " " + (r.version() == null ? "" : r.version()) + " \n "
          + (r.summary() == null ? "" : r.summary()));
      String rumour = RumourWording.find(r.summary(), "").orElse(null);
      String storyKey = ReleaseBook.alertKey(r);
      for (Rule rule : rules) {
        if (rule.type() != RuleType.NEW_RELEASE || !rule.appliesTo(r.companyId())) {
          continue;
        }
        if (!rule.keywords().isEmpty() && rule.keywords().stream().noneMatch(k -> Phrases.contains(text, k))) {
          continue;
        }
        if (!j.newest()) {
          out.add(withdrawn(rule, r, storyKey));
          continue;
        }
        String when = Instant.ofEpochMilli(r.releasedAt()).toString();
        String history = j.firstOfFamily() ? "the first release of the " + r.product() + " family"
            : "newest of the " + r.product() + " family, after " + j.previousLatest().displayName();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("firstOfFamily", j.firstOfFamily() ? 1.0 : 0.0);
        metrics.put("familyReleases", (double) j.releasesSoFar());
        String title = companyName + " released " + r.displayName();
        String message;
        if (r.detected()) {
          metrics.put("detectedFromCoverage", 1.0);
          title += " (detected from coverage)";
          message = companyName + " released " + r.displayName() + ", first reported at " + when + ": " + history
              + ". Detected from coverage: reported by " + r.source() + "; no release event is known yet. \""
              + r.summary() + "\"";
        } else {
          message = companyName + " released " + r.displayName()
              + (r.category() == null ? "" : " (" + r.category() + ")") + " at " + when + ": " + history + "."
              + (r.source() == null ? "" : " Source: " + r.source() + ".");
        }
        out.add(new AlertCandidate(rule.id(), rule.type().name(), storyKey, r.companyId(), r.id(),
            title, message, r.releasedAt(), List.of(r.id()), metrics, rumour,
            rule.severity(), r.detected() ? null : ArticleFacts.sourceKey(r.source(), r.url()), 1, List.of(), false,
            false, r.id()));
      }
    }
    return out;
  }

  /**
   * NEW_RELEASE support taken back from a release that is no longer one: a release found in the news that lost
   * its confirmation, or that a release event replaced.
   */
  public static List<AlertCandidate> releaseWithdrawn(List<Rule> rules, ReleaseFacts release) {
    List<AlertCandidate> out = new ArrayList<>();
    for (Rule rule : rules) {
      if (rule.type() == RuleType.NEW_RELEASE && rule.appliesTo(release.companyId())) {
        out.add(withdrawn(rule, release, ReleaseBook.alertKey(release)));
      }
    }
    return out;
  }

  private static AlertCandidate withdrawn(Rule rule, ReleaseFacts r, String storyKey) {
    return new AlertCandidate(rule.id(), rule.type().name(), storyKey, r.companyId(), r.id(), "", "",
        r.releasedAt(), List.of(r.id()), Map.of(), null, rule.severity(), null, 1, List.of(), false, true, r.id());
  }

  /**
   * MENTION_SPIKE and SENTIMENT_DROP after an article change ({@code before} withdrawn, {@code after} counted,
   * either may be null), each judged as of its own hour from the company's hours, never against a clock:
   * the changed article's own hour (a spike) and own day (a drop, if it is negative), and every standing
   * spike or drop the change may have undone, or non-standing drop it may have completed. A candidate that
   * no longer holds is retracted, so the alerts follow the data, not the order it came in.
   * The sets of standing candidates in {@code state} are updated.
   */
  public static List<AlertCandidate> articleChanged(List<Rule> rules, String companyId, String companyName,
      ArticleFacts before, ArticleFacts after, CompanyState state, EwmaTrend ewma) {
    List<AlertCandidate> out = new ArrayList<>();
    long changed = CompanyState.hourOf(after != null ? after.publishedAt() : before.publishedAt());
    if (before != null) {
      changed = Math.min(changed, CompanyState.hourOf(before.publishedAt()));
    }
    for (Rule rule : rules) {
      if (!rule.appliesTo(companyId)) {
        continue;
      }
      if (rule.type() == RuleType.MENTION_SPIKE) {
        TreeSet<Long> standing = state.spikes().computeIfAbsent(rule.id(), k -> new TreeSet<>());
        TreeSet<Long> check = new TreeSet<>(standing.tailSet(changed));
        if (after != null) {
          check.add(CompanyState.hourOf(after.publishedAt()));
        }
        for (long hour : check) {
          AlertCandidate c = spike(rule, companyId, companyName, state, hour, ewma);
          settle(c, standing.contains(hour), out, () -> retractSpike(rule, companyId, hour));
          if (c != null) {
            standing.add(hour);
          } else {
            standing.remove(hour);
          }
        }
        standing.headSet(CompanyState.hourOf(state.newest()) - CompanyState.HOURS_KEPT * CompanyState.HOUR).clear();
        if (standing.isEmpty()) {
          state.spikes().remove(rule.id());
        }
      } else if (rule.type() == RuleType.SENTIMENT_DROP) {
        TreeSet<String> standing = state.drops().computeIfAbsent(rule.id(), k -> new TreeSet<>());
        long from = changed;
        long to = changed + 23 * CompanyState.HOUR;
        Set<String> check = new TreeSet<>(standing); // a change anywhere may undo a standing drop: cheap to ask
        state.negatives().values().stream()
            .filter(n -> CompanyState.hourOf(n.publishedAt()) >= from && CompanyState.hourOf(n.publishedAt()) <= to)
            .forEach(n -> check.add(n.articleId()));
        if (before != null && standing.contains(before.articleId())
            && (after == null || !before.storyId().equals(after.storyId()))) {
          out.add(retractDrop(rule, companyId, before)); // its drop was told under the story it has left
        }
        for (String id : check) {
          ArticleFacts n = state.negatives().get(id);
          AlertCandidate c = n == null ? null : sentimentDrop(rule, companyId, companyName, n, state);
          ArticleFacts facts = n != null ? n : before != null && before.articleId().equals(id) ? before : null;
          settle(c, standing.contains(id), out, () -> facts == null ? null : retractDrop(rule, companyId, facts));
          if (c != null) {
            standing.add(id);
          } else {
            standing.remove(id);
          }
        }
        standing.retainAll(state.negatives().keySet());
        if (standing.isEmpty()) {
          state.drops().remove(rule.id());
        }
      }
    }
    return out;
  }

  /** A candidate that holds goes out (the gate ignores one that changes nothing); one that stood and no longer holds is retracted. */
  private static void settle(AlertCandidate c, boolean wasStanding, List<AlertCandidate> out,
      java.util.function.Supplier<AlertCandidate> retraction) {
    if (c != null) {
      out.add(c);
    } else if (wasStanding) {
      AlertCandidate r = retraction.get();
      if (r != null) {
        out.add(r);
      }
    }
  }

  private static String spikeKey(String companyId, long hour) {
    return companyId + "@" + Instant.ofEpochMilli(hour);
  }

  private static AlertCandidate retractSpike(Rule rule, String companyId, long hour) {
    String key = spikeKey(companyId, hour);
    return new AlertCandidate(rule.id(), rule.type().name(), key, companyId, null, "", "", hour, List.of(), Map.of(),
        null, rule.severity(), null, 1, List.of(), false, true, key);
  }

  private static AlertCandidate retractDrop(Rule rule, String companyId, ArticleFacts article) {
    return new AlertCandidate(rule.id(), rule.type().name(), companyId + "/" + article.storyId(), companyId,
        article.storyId(), "", "", article.publishedAt(), List.of(article.articleId()), Map.of(), null, rule.severity(),
        null, 1, List.of(), false, true, article.articleId());
  }

  /** The spike candidate of {@code hour}, or null when its count is not unusual enough (or its history too short). */
  private static AlertCandidate spike(Rule rule, String companyId, String name, CompanyState state, long hour,
      EwmaTrend ewma) {
    TrendState t = state.trendAsOf(hour, ewma);
    long count = state.hourArticles(hour);
    Double score = ewma.score(t, count);
    if (score == null || score < rule.threshold()) {
      return null;
    }
    SortedMap<Long, HourBucket> hours = state.hours(hour, hour);
    int sources = HourBucket.distinctSources(hours.values());
    if (sources < rule.minSources()) {
      return null;
    }
    HourBucket bucket = hours.get(hour);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("trendScore", score);
    metrics.put("threshold", rule.threshold());
    metrics.put("hourArticles", (double) count);
    metrics.put("mean", round3(t.mean()));
    metrics.put("stddev", round3(ewma.stddev(t)));
    metrics.put("historyHours", (double) t.hours());
    metrics.put("sources", (double) sources);
    String from = Instant.ofEpochMilli(hour).toString();
    String message = String.format(Locale.ROOT,
        "%d articles about %s in the hour from %s, against a usual %.2f ± %.2f an hour over %d hours: "
            + "trend score %.2f reached %.2f (%d sources).",
        count, name, from, t.mean(), ewma.stddev(t), t.hours(), score, rule.threshold(), sources);
    String key = spikeKey(companyId, hour);
    // Fired at the start of its hour: the same whatever order the hour's articles came in.
    return new AlertCandidate(rule.id(), rule.type().name(), key, companyId, null,
        String.format(Locale.ROOT, "%s: mentions spiking (trend score %.2f)", name, score), message,
        hour, bucket.evidence(), metrics, null, rule.severity(), null, 1, List.of(), false, false, key);
  }

  private static AlertCandidate sentimentDrop(Rule rule, String companyId, String name, ArticleFacts article,
      CompanyState state) {
    long hour = CompanyState.hourOf(article.publishedAt());
    SortedMap<Long, HourBucket> day = state.hours(hour - 23 * CompanyState.HOUR, hour);
    long count = day.values().stream().mapToLong(HourBucket::sentimentCount).sum();
    long sum = day.values().stream().mapToLong(HourBucket::sentimentSum).sum();
    if (count < rule.minArticles() || count == 0) {
      return null;
    }
    Double mean = ActivitySummarizer.meanSentiment(sum, count);
    if (mean > rule.threshold()) {
      return null;
    }
    int sources = HourBucket.distinctSources(day.values());
    if (sources < rule.minSources()) {
      return null;
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("sentiment24h", mean);
    metrics.put("threshold", rule.threshold());
    metrics.put("articles", (double) count);
    metrics.put("articleSentiment", round3(article.sentimentMicros() / 1_000_000.0));
    metrics.put("sources", (double) sources);
    String message = String.format(Locale.ROOT,
        "Mean sentiment toward %s over the 24 h to %s is %.3f across %d articles (%d sources), at or below %.2f; "
            + "latest: \"%s\" (%.2f).",
        name, Instant.ofEpochMilli(hour + CompanyState.HOUR), mean, count, sources, rule.threshold(),
        article.title(), article.sentimentMicros() / 1_000_000.0);
    return new AlertCandidate(rule.id(), rule.type().name(), companyId + "/" + article.storyId(), companyId,
        article.storyId(), String.format(Locale.ROOT, "%s: sentiment down to %.2f", name, mean), message,
        article.publishedAt(), evidence(day, article.articleId()), metrics, article.rumour(), rule.severity(),
        article.sourceKey(), 1, article.topics(), article.duplicateOf() != null, false, article.articleId());
  }

  /** The triggering article first, then the newest others, at most ten. */
  private static List<String> evidence(SortedMap<Long, HourBucket> hours, String trigger) {
    Set<String> ids = new LinkedHashSet<>();
    ids.add(trigger);
    List<Long> newestFirst = new ArrayList<>(hours.keySet());
    java.util.Collections.reverse(newestFirst);
    for (Long h : newestFirst) {
      for (String id : hours.get(h).evidence()) {
        if (ids.size() < HourBucket.EVIDENCE) {
          ids.add(id);
        }
      }
    }
    return List.copyOf(ids);
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
