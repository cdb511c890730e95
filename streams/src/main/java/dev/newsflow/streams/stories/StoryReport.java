package dev.newsflow.streams.stories;

import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Mention;
import dev.newsflow.schema.ReportedRelease;
import dev.newsflow.streams.event.ArticleFacts;
import dev.newsflow.streams.state.ReadPosition;
import java.util.Comparator;
import java.util.List;

/**
 * What one article brings to its story: enough to list it, count its outlet and language, and weigh it
 * for the headline. Plain data, kept as JSON in the stories' state.
 *
 * @param order the publication time in epoch millis (0 when unknown); with the id, the order of reports
 * @param outlet the outlet as compared for distinct sources ({@link ArticleFacts#sourceKey}); null when unknown
 * @param companies the company ids the article mentions, most salient first
 * @param products the numbered releases it reports, as "Product version"
 * @param read where the article was read, in the value {@link StoryReports} keeps ({@link ReadPosition}); null
 *     elsewhere, and in values kept before it was
 */
public record StoryReport(String articleId, String storyId, String title, String url, String source, String outlet,
    String language, long order, String duplicateOf, List<String> companies, List<String> products, Double sentiment,
    String read) {

  static final Comparator<StoryReport> EARLIEST =
      Comparator.comparingLong(StoryReport::order).thenComparing(StoryReport::articleId);

  public StoryReport {
    companies = companies == null ? List.of() : List.copyOf(companies);
    products = products == null ? List.of() : List.copyOf(products);
  }

  /** The report an enriched article makes of its story. */
  public static StoryReport of(EnrichedArticle a) {
    List<String> companies = a.getMentions().stream()
        .sorted(Comparator.comparingDouble(Mention::getSalience).reversed().thenComparing(Mention::getCompanyId))
        .map(Mention::getCompanyId).distinct().toList();
    List<String> products = a.getDetectedReleases() == null ? List.of() : a.getDetectedReleases().stream()
        .filter(r -> r.getVersion() != null).map(StoryReport::product).distinct().sorted().toList();
    String title = a.getTitle().strip();
    return new StoryReport(a.getId(), a.getStoryId() == null || a.getStoryId().isBlank() ? a.getId() : a.getStoryId(),
        title.length() > ArticleFacts.TITLE_CHARS ? title.substring(0, ArticleFacts.TITLE_CHARS) : title, a.getUrl(),
        a.getSource(), ArticleFacts.sourceKey(a.getSource(), a.getUrl()), a.getLanguage(),
        a.getPublishedAt() == null ? 0 : a.getPublishedAt().toEpochMilli(), a.getDuplicateOf(), companies, products,
        a.getSentiment(), null);
  }

  /** This report, saying where its article was read ({@code read}; null: not saying). */
  StoryReport readAt(String read) {
    return new StoryReport(articleId, storyId, title, url, source, outlet, language, order, duplicateOf, companies,
        products, sentiment, read);
  }

  private static String product(ReportedRelease r) {
    return r.getProduct().strip() + " " + r.getVersion().strip();
  }

  boolean isRepeat() {
    return duplicateOf != null;
  }
}
