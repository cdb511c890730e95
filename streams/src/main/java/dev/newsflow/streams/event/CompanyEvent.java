package dev.newsflow.streams.event;


/**
 * Something that happened to one company, keyed by its id on the way to the company's aggregates:
 * either an article's contribution changed ({@code before} → {@code after}; null on one side when the
 * article starts or stops mentioning the company) or a release was announced. Or, for no company, a
 * {@code clock} tick: the application has seen news as new as this (sent to every partition, so that
 * every task keeps the same clock).
 */
public record CompanyEvent(ArticleFacts before, ArticleFacts after, ReleaseFacts release, SourcePosition position,
    Long clock) {
  /** The key of clock ticks, which no company id can be. */
  public static final String CLOCK_KEY = "\u0000clock";

  public static CompanyEvent article(ArticleFacts before, ArticleFacts after, SourcePosition position) {
    return new CompanyEvent(before, after, null, position, null);
  }

  public static CompanyEvent release(ReleaseFacts release, SourcePosition position) {
    return new CompanyEvent(null, null, release, position, null);
  }

  public static CompanyEvent tick(long eventTime) {
    return new CompanyEvent(null, null, null, null, eventTime);
  }

  public boolean isTick() {
    return clock != null;
  }

  public boolean isRelease() {
    return release != null;
  }
}
