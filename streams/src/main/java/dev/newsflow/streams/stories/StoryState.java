package dev.newsflow.streams.stories;

import dev.newsflow.schema.Story;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A story as {@link StoryBook} reads it to publish it: its earliest reports (at most {@link #LISTED},
 * earliest first) and how many reports it has in all.
 */
public record StoryState(List<StoryReport> reports, long count) {
  /** Reports a story lists (and weighs for its headline, outlets, languages, companies and tone). */
  static final int LISTED = 100;

  public StoryState {
    reports = List.copyOf(reports);
  }

  /** The story as published on the stories topic; null when it has no listed report. */
  Story toStory(String id) {
    if (reports.isEmpty()) {
      return null;
    }
    Map<String, Integer> companyCounts = new HashMap<>();
    TreeSet<String> products = new TreeSet<>();
    Map<String, String> outlets = new LinkedHashMap<>();
    TreeSet<String> languages = new TreeSet<>();
    double sentimentSum = 0;
    int sentimentCount = 0;
    long newest = 0;
    for (StoryReport r : reports) {
      r.companies().forEach(c -> companyCounts.merge(c, 1, Integer::sum));
      products.addAll(r.products());
      if (r.outlet() != null) {
        outlets.putIfAbsent(r.outlet(), r.source() != null ? r.source() : r.outlet());
      }
      if (r.language() != null) {
        languages.add(r.language());
      }
      if (r.sentiment() != null) {
        sentimentSum += r.sentiment();
        sentimentCount++;
      }
      newest = Math.max(newest, r.order());
    }
    List<String> companies = companyCounts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey).toList();
    // The story's own companies: named by at least half of its reports (a rival named in passing is not).
    List<String> main = companies.stream().filter(c -> companyCounts.get(c) * 2 >= reports.size()).toList();
    StoryReport central = central(reports, null, main, products);
    StoryReport other = central.language() == null ? null : central(reports, central.language(), main, products);
    return Story.newBuilder()
        .setId(id)
        .setHeadline(central.title())
        .setHeadlineArticleId(central.articleId())
        .setHeadlineLanguage(central.language())
        .setOtherLanguageHeadline(other == null ? null : other.title())
        .setFirstReport(listed(reports.get(0)))
        .setReports(reports.stream().map(StoryState::listed).toList())
        .setReportCount(Math.max(count, reports.size()))
        .setOutlets(List.copyOf(outlets.values()))
        .setLanguages(List.copyOf(languages))
        .setCompanies(companies)
        .setProducts(List.copyOf(products))
        .setSentiment(sentimentCount == 0 ? null : Math.round(sentimentSum / sentimentCount * 1000) / 1000.0)
        .setUpdatedAt(Instant.ofEpochMilli(newest))
        .build();
  }

  /**
   * The most central report: an original (not a near-identical repeat) naming the most of the story's
   * own companies ({@code companies}: those at least half of its reports name) and of its products, the
   * earliest on a tie. With {@code notIn}, the most central report in another
   * language than that one (null when the story has none).
   */
  private static StoryReport central(List<StoryReport> reports, String notIn, List<String> companies,
      TreeSet<String> products) {
    Comparator<StoryReport> byWeight = Comparator
        .comparingInt((StoryReport r) -> r.isRepeat() ? 0 : 1)
        .thenComparingInt(r -> (int) r.companies().stream().filter(companies::contains).count()
            + (int) r.products().stream().filter(products::contains).count())
        .reversed()
        .thenComparing(StoryReport.EARLIEST);
    return reports.stream()
        .filter(r -> notIn == null || (r.language() != null && !Objects.equals(r.language(), notIn)))
        .min(byWeight)
        .orElse(null);
  }

  private static dev.newsflow.schema.StoryReport listed(StoryReport r) {
    return dev.newsflow.schema.StoryReport.newBuilder()
        .setArticleId(r.articleId())
        .setTitle(r.title())
        .setUrl(r.url())
        .setSource(r.source())
        .setLanguage(r.language())
        .setPublishedAt(r.order() > 0 ? Instant.ofEpochMilli(r.order()) : null)
        .setDuplicateOf(r.duplicateOf())
        .build();
  }
}
