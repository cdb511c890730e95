package dev.newsflow.streams.stories;

/**
 * What a story hears about one of its articles, keyed by story id: the article's report ({@code report},
 * {@code revision} when the story had it before), or that the article left ({@code report} null,
 * {@code articleId} set), because it was moved to another story or deleted.
 */
public record StoryChange(String articleId, StoryReport report, boolean revision) {
  static StoryChange added(StoryReport report, boolean revision) {
    return new StoryChange(report.articleId(), report, revision);
  }

  static StoryChange left(String articleId) {
    return new StoryChange(articleId, null, false);
  }

  boolean isLeaving() {
    return report == null;
  }
}
