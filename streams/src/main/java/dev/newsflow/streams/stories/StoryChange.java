package dev.newsflow.streams.stories;

/**
 * What a story hears about one of its articles, keyed by story id: the article's report ({@code report}),
 * or that the article left ({@code report} null), because it moved to another story or was deleted.
 * {@code previousOrder}: the order the story filed the article under before (null when the story did
 * not have it), so that a revision or a departure removes exactly that entry.
 */
public record StoryChange(String articleId, StoryReport report, Long previousOrder) {
  static StoryChange added(StoryReport report, Long previousOrder) {
    return new StoryChange(report.articleId(), report, previousOrder);
  }

  static StoryChange left(String articleId, long previousOrder) {
    return new StoryChange(articleId, null, previousOrder);
  }

  boolean isLeaving() {
    return report == null;
  }

  /** A new version of a report the story already had. */
  boolean isRevision() {
    return report != null && previousOrder != null;
  }
}
