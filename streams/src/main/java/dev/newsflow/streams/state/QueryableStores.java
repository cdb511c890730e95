package dev.newsflow.streams.state;

/**
 * The names of the state stores that interactive queries read. The aggregation materializes them and
 * the query side ({@code query/}) reads them; both name them from here, so the query side needs no
 * topology class to find a store.
 */
public final class QueryableStores {
  /** Each company's latest CompanySummary, keyed by company id (kept by {@code aggregate/profile}). */
  public static final String SUMMARIES = "company-summaries";
  /** Each company's 1 h tumbling activity windows. */
  public static final String ACTIVITY_1H = "activity-1h-store";
  /** Each company's 24 h activity windows, hopping by 1 h. */
  public static final String ACTIVITY_24H = "activity-24h-store";

  private QueryableStores() {}

  /** The activity store of a window as the query API names it: {@code 1h}, else the 24 h windows. */
  public static String activity(String window) {
    return "1h".equals(window) ? ACTIVITY_1H : ACTIVITY_24H;
  }
}
