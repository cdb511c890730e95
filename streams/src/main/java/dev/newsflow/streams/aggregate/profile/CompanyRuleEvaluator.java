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

/**
 * The company-level rules: NEW_RELEASE on a release, MENTION_SPIKE and SENTIMENT_DROP on an article,
 * each evaluated against the company's state after the event. Each candidate carries the numbers that
 * tripped the rule ({@code metrics}) and the evidence ids; the independent-sources condition is checked
 * here, over the articles the condition rests on.
 */
public final class CompanyRuleEvaluator {
  private CompanyRuleEvaluator() {}

  /** A release that became the newest of its family. */
  public static List<AlertCandidate> release(List<Rule> rules, String companyName, ReleaseFacts r,
      ReleaseBook.Added added, int familyReleases) {
    List<AlertCandidate> out = new ArrayList<>();
    if (!added.newLatest()) {
      return out;
    }
    String text = Phrases.normalize(r.product() + " " + (r.version() == null ? "" : r.version()) + " \n "
        + (r.summary() == null ? "" : r.summary()));
    String rumour = RumourWording.find(r.summary(), "").orElse(null);
    for (Rule rule : rules) {
      if (rule.type() != RuleType.NEW_RELEASE || !rule.appliesTo(r.companyId())) {
        continue;
      }
      if (!rule.keywords().isEmpty() && rule.keywords().stream().noneMatch(k -> Phrases.contains(text, k))) {
        continue;
      }
      String when = Instant.ofEpochMilli(r.releasedAt()).toString();
      String history = added.firstOfFamily() ? "the first release of the " + r.product() + " family"
          : "newest of the " + r.product() + " family, after " + added.previousLatest().displayName();
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("firstOfFamily", added.firstOfFamily() ? 1.0 : 0.0);
      metrics.put("familyReleases", (double) familyReleases);
      String message = companyName + " released " + r.displayName()
          + (r.category() == null ? "" : " (" + r.category() + ")") + " at " + when + ": " + history + "."
          + (r.source() == null ? "" : " Source: " + r.source() + ".");
      out.add(new AlertCandidate(rule.id(), rule.type().name(), "release/" + r.id(), r.companyId(), r.id(),
          companyName + " released " + r.displayName(), message, r.releasedAt(), List.of(r.id()), metrics, rumour,
          rule.severity(), ArticleFacts.sourceKey(r.source(), r.url()), 1, List.of(), false, false));
    }
    return out;
  }

  /** An article just counted for a company, against MENTION_SPIKE and SENTIMENT_DROP. */
  public static List<AlertCandidate> article(List<Rule> rules, String companyId, String companyName,
      ArticleFacts article, CompanyState state, long currentHour, EwmaTrend ewma) {
    List<AlertCandidate> out = new ArrayList<>();
    for (Rule rule : rules) {
      if (!rule.appliesTo(companyId)) {
        continue;
      }
      if (rule.type() == RuleType.MENTION_SPIKE) {
        spike(rule, companyId, companyName, article, state, currentHour, ewma, out);
      } else if (rule.type() == RuleType.SENTIMENT_DROP) {
        sentimentDrop(rule, companyId, companyName, article, state, currentHour, out);
      }
    }
    return out;
  }

  private static void spike(Rule rule, String companyId, String name, ArticleFacts article, CompanyState state,
      long currentHour, EwmaTrend ewma, List<AlertCandidate> out) {
    if (CompanyState.hourOf(article.publishedAt()) != currentHour) {
      return; // only the current hour can spike
    }
    Double score = state.trendScore(currentHour, ewma);
    if (score == null || score < rule.threshold()) {
      return;
    }
    SortedMap<Long, HourBucket> hour = state.lastDay(currentHour).tailMap(currentHour);
    Set<String> sources = CompanyState.sources(hour.values());
    if (sources.size() < rule.minSources()) {
      return;
    }
    TrendState t = state.trend();
    long count = state.hourArticles(currentHour);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("trendScore", score);
    metrics.put("threshold", rule.threshold());
    metrics.put("hourArticles", (double) count);
    metrics.put("mean", round3(t.mean()));
    metrics.put("stddev", round3(ewma.stddev(t)));
    metrics.put("historyHours", (double) t.hours());
    metrics.put("sources", (double) sources.size());
    String from = Instant.ofEpochMilli(currentHour).toString();
    String message = String.format(Locale.ROOT,
        "%d articles about %s in the hour from %s, against a usual %.2f ± %.2f an hour over %d hours: "
            + "trend score %.2f reached %.2f (%d sources).",
        count, name, from, t.mean(), ewma.stddev(t), t.hours(), score, rule.threshold(), sources.size());
    out.add(new AlertCandidate(rule.id(), rule.type().name(), companyId + "@" + from, companyId, null,
        String.format(Locale.ROOT, "%s: mentions spiking (trend score %.2f)", name, score), message,
        article.publishedAt(), evidence(hour, article.articleId()), metrics, null, rule.severity(),
        article.sourceKey(), 1, article.topics(), article.duplicateOf() != null, false));
  }

  private static void sentimentDrop(Rule rule, String companyId, String name, ArticleFacts article,
      CompanyState state, long currentHour, List<AlertCandidate> out) {
    if (article.sentimentMicros() == null || article.sentimentMicros() >= 0) {
      return; // a drop is triggered by a negative article
    }
    SortedMap<Long, HourBucket> day = state.lastDay(currentHour);
    long count = day.values().stream().mapToLong(HourBucket::sentimentCount).sum();
    long sum = day.values().stream().mapToLong(HourBucket::sentimentSum).sum();
    if (count < rule.minArticles() || count == 0) {
      return;
    }
    Double mean = ActivitySummarizer.meanSentiment(sum, count);
    if (mean > rule.threshold()) {
      return;
    }
    Set<String> sources = CompanyState.sources(day.values());
    if (sources.size() < rule.minSources()) {
      return;
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("sentiment24h", mean);
    metrics.put("threshold", rule.threshold());
    metrics.put("articles", (double) count);
    metrics.put("articleSentiment", round3(article.sentimentMicros() / 1_000_000.0));
    metrics.put("sources", (double) sources.size());
    String message = String.format(Locale.ROOT,
        "Mean sentiment toward %s over the 24 h to %s is %.3f across %d articles (%d sources), at or below %.2f; "
            + "latest: \"%s\" (%.2f).",
        name, Instant.ofEpochMilli(currentHour + CompanyState.HOUR), mean, count, sources.size(), rule.threshold(),
        article.title(), article.sentimentMicros() / 1_000_000.0);
    out.add(new AlertCandidate(rule.id(), rule.type().name(), companyId + "/" + article.storyId(), companyId,
        article.storyId(), String.format(Locale.ROOT, "%s: sentiment down to %.2f", name, mean), message,
        article.publishedAt(), evidence(day, article.articleId()), metrics, article.rumour(), rule.severity(),
        article.sourceKey(), 1, article.topics(), article.duplicateOf() != null, false));
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
