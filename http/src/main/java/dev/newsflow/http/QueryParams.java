package dev.newsflow.http;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query parameters read with a clear 400 for anything out of range: the message names the parameter,
 * what it takes and what was given, e.g. {@code limit must be a whole number from 1 to 500, got -3}.
 */
public final class QueryParams {
  private static final int MAX_QUERY_CHARS = 4096;

  private QueryParams() {}

  /** The parameter's value, or null when absent or blank. */
  public static String string(Context ctx, String name) {
    String query = ctx.queryString();
    if (query != null && query.length() > MAX_QUERY_CHARS) {
      throw HttpError.badRequest("the query string is longer than " + MAX_QUERY_CHARS + " characters");
    }
    String value = ctx.queryParam(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Every parameter's first value, e.g. for a filter that reads several at once. */
  public static Map<String, String> firstValues(Context ctx) {
    string(ctx, ""); // the length check
    Map<String, String> values = new LinkedHashMap<>();
    ctx.queryParamMap().forEach((name, list) -> {
      if (!list.isEmpty()) {
        values.put(name, list.get(0));
      }
    });
    return values;
  }

  /**
   * 400 for a parameter outside {@code names}: for a filter, a misspelt name ({@code compny=acme}) would
   * otherwise widen the answer to everything without a word.
   */
  public static void requireOnly(Context ctx, String... names) {
    List<String> known = List.of(names);
    for (String name : firstValues(ctx).keySet()) {
      if (!known.contains(name)) {
        throw HttpError.badRequest("unknown query parameter '" + name + "'; " + ctx.path() + " takes "
            + String.join(", ", known));
      }
    }
  }

  public static int integer(Context ctx, String name, int fallback, int min, int max) {
    String raw = string(ctx, name);
    if (raw == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw HttpError.badRequest(name + " must be a whole number from " + min + " to " + max + ", got " + raw);
  }

  /** One of {@code choices}, case-insensitively, returned as written in {@code choices}. */
  public static String choice(Context ctx, String name, String fallback, String... choices) {
    String raw = string(ctx, name);
    if (raw == null) {
      return fallback;
    }
    for (String choice : choices) {
      if (choice.equalsIgnoreCase(raw)) {
        return choice;
      }
    }
    throw HttpError.badRequest(name + " must be one of " + String.join(", ", Arrays.asList(choices)) + ", got "
        + raw);
  }
}
