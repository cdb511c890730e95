package dev.newsflow.contract;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a company id may be, defined once for every stage: a lowercase slug such as {@code bytedance} or
 * {@code aapl.o} (letters a-z, digits, {@code .}, {@code _} and {@code -}, starting with a letter or a digit,
 * at most {@value #MAX_CHARS} characters). The id names the company's summary files and its REST path, so it
 * must be a safe file name that no case-insensitive file system folds into another company's; the producer
 * refuses any other id at the door ({@code companies load}, {@code import}, the HTTP ingest, the demo), and
 * the summary writer and the gateway accept no other; {@code digest} and {@code tail --filter} refuse one
 * before any wait for the cluster, naming the lowercase form when that one would do.
 */
public final class CompanyIds {
  public static final int MAX_CHARS = 128;
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (MAX_CHARS - 1) + "}");

  private CompanyIds() {}

  public static boolean isValid(String id) {
    return id != null && SLUG.matcher(id).matches();
  }

  /** What is wrong with {@code id}, naming its lowercase form when that one would do; empty when it is valid. */
  public static Optional<String> violation(String id) {
    if (isValid(id)) {
      return Optional.empty();
    }
    String message = "must be a lowercase slug (a-z, 0-9, '.', '_', '-', starting with a letter or digit, at most "
        + MAX_CHARS + " characters), such as bytedance";
    String lower = id == null ? null : id.toLowerCase(Locale.ROOT);
    return Optional.of(isValid(lower) ? message + ": " + lower + ", not " + id : message);
  }

  /** {@code company id 'X' must be ...} for an id that is not valid (see {@link #violation}); empty when it is. */
  public static Optional<String> refusal(String id) {
    return violation(id).map(problem -> "company id '" + id + "' " + problem);
  }
}
