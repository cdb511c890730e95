package dev.newsflow.contract;

/**
 * The sizes an article may have, the same at every door: {@link ArticleContract} refuses beyond them (files,
 * HTTP, {@code enrich}, and the streams application for an article that reached the raw topic another way)
 * and feeds truncate to them. Lengths are in UTF-16 characters ({@link String#length()}) of the text in its
 * normal form ({@link ArticleText}). One owner, so that no stage accepts what the next refuses.
 */
public final class ArticleLimits {
  /** Longest id: ids are Kafka keys and appear in every output. */
  public static final int MAX_ID_CHARS = 512;
  /** Longest title; feeds occasionally put a whole article in the title. */
  public static final int MAX_TITLE_CHARS = 1_000;
  /** Longest body (and release summary): far above any news article, and it bounds enrichment's cost. */
  public static final int MAX_BODY_CHARS = 200_000;
  /** Longest link; a longer one is not an article link but a payload. */
  public static final int MAX_URL_CHARS = 4096;
  /** Longest short field (source, language, author, names). */
  public static final int MAX_FIELD_CHARS = 10_000;

  private ArticleLimits() {}
}
