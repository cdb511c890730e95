package dev.newsflow.streams.aggregate.activity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The articles in one company's window, by article id, so that a revision replaces its earlier version
 * and distinct sources and stories are counted exactly. {@code updatedAt}: event time of the newest change.
 */
public record ActivityAccumulator(Map<String, WindowArticle> articles, long updatedAt) {
  public static ActivityAccumulator empty() {
    return new ActivityAccumulator(new LinkedHashMap<>(), Long.MIN_VALUE);
  }

  /** This window with {@code delta} applied. */
  public ActivityAccumulator apply(WindowDelta delta) {
    Map<String, WindowArticle> next = new LinkedHashMap<>(articles);
    if (delta.article() == null) {
      next.remove(delta.articleId());
    } else {
      next.put(delta.articleId(), delta.article());
    }
    return new ActivityAccumulator(next, Math.max(updatedAt, delta.eventTime()));
  }
}
