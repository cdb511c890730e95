package dev.newsflow.streams.event;


/**
 * Something that happened to one company, keyed by its id on the way to the company's aggregates:
 * either an article's contribution changed ({@code before} → {@code after}; null on one side when the
 * article starts or stops mentioning the company) or a release was announced.
 */
public record CompanyEvent(ArticleFacts before, ArticleFacts after, ReleaseFacts release, SourcePosition position) {
  public static CompanyEvent article(ArticleFacts before, ArticleFacts after, SourcePosition position) {
    return new CompanyEvent(before, after, null, position);
  }

  public static CompanyEvent release(ReleaseFacts release, SourcePosition position) {
    return new CompanyEvent(null, null, release, position);
  }

  public boolean isRelease() {
    return release != null;
  }
}
