package dev.newsflow.streams.state;

/**
 * The names of the state stores that interactive queries read. The aggregation materializes them and
 * the query side ({@code query/}) reads them; both name them from here, so the query side needs no
 * topology class to find a store.
 */
public final class QueryableStores {
  /** Each company's latest CompanySummary, keyed by company id (kept by {@code aggregate/profile}). */
  public static final String SUMMARIES = "company-summaries";
  /**
   * Each company's closed activity windows (1 h tumbling, 24 h hopping by 1 h) with their final values, keyed so
   * that a company's windows of one size are in time order ({@code aggregate/activity/ActivityStoreKeys.window});
   * a query computes the open ones from the activity stage's other stores ({@code ActivityQuery}).
   */
  public static final String ACTIVITY = "activity-windows";

  private QueryableStores() {}
}
