package dev.newsflow.producer;

import dev.newsflow.contract.ArticleLimits;
import dev.newsflow.json.FieldError;
import dev.newsflow.producer.text.CleanText;
import dev.newsflow.producer.text.Urls;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.Release;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The producer's checks on records that arrive already structured (files, HTTP): every text field is
 * cleaned of control characters ({@link CleanText}), lengths are capped, and URLs must be http(s), so
 * a {@code javascript:} link is refused with a field-level message rather than stored.
 */
public final class RecordChecks {
  public static final int MAX_ID_CHARS = ArticleLimits.MAX_ID_CHARS;
  public static final int MAX_TITLE_CHARS = ArticleLimits.MAX_TITLE_CHARS;
  public static final int MAX_BODY_CHARS = ArticleLimits.MAX_BODY_CHARS;
  public static final int MAX_FIELD_CHARS = ArticleLimits.MAX_FIELD_CHARS;

  private RecordChecks() {}

  /** Cleans {@code record}'s text fields in place and returns what is wrong with it (empty when valid). */
  public static List<FieldError> check(SpecificRecord record) {
    sanitize(record);
    List<FieldError> errors = new ArrayList<>();
    if (record instanceof Article a) {
      id(a.getId(), errors);
      length("title", a.getTitle(), MAX_TITLE_CHARS, errors);
      length("body", a.getBody(), MAX_BODY_CHARS, errors);
      if (isBlank(a.getTitle()) && isBlank(a.getBody())) {
        errors.add(new FieldError("title", "an article needs a title or a body; both are empty"));
      }
      url("url", a.getUrl(), errors);
      for (String field : List.of("source", "language", "author")) {
        Object value = a.get(field);
        length(field, value == null ? null : value.toString(), MAX_FIELD_CHARS, errors);
      }
    } else if (record instanceof Release r) {
      id(r.getId(), errors);
      url("url", r.getUrl(), errors);
      length("summary", r.getSummary(), MAX_BODY_CHARS, errors);
      for (String field : List.of("company", "product", "version", "category", "source")) {
        Object value = r.get(field);
        length(field, value == null ? null : value.toString(), MAX_FIELD_CHARS, errors);
      }
    } else if (record instanceof Company c) {
      id(c.getId(), errors);
      length("name", c.getName(), MAX_FIELD_CHARS, errors);
    }
    return errors;
  }

  private static void id(String id, List<FieldError> errors) {
    length("id", id, MAX_ID_CHARS, errors);
    if (id != null && !id.equals(id.strip())) {
      errors.add(new FieldError("id", "must not start or end with white space"));
    }
  }

  private static void length(String field, String value, int max, List<FieldError> errors) {
    if (value != null && value.length() > max) {
      errors.add(new FieldError(field, "is " + value.length() + " characters; the limit is " + max));
    }
  }

  private static void url(String field, String value, List<FieldError> errors) {
    if (value != null && !Urls.isWebUrl(value)) {
      errors.add(new FieldError(field, "must be an absolute http(s) URL, got '"
          + CleanText.truncate(CleanText.oneLine(value), 80) + "'"));
    }
  }

  /** Removes control characters and unpaired surrogates from every string field, recursively. */
  static void sanitize(SpecificRecord record) {
    for (Schema.Field field : record.getSchema().getFields()) {
      Object value = record.get(field.pos());
      Object cleaned = clean(value);
      if (cleaned != value) {
        record.put(field.pos(), cleaned);
      }
    }
  }

  private static Object clean(Object value) {
    if (value instanceof CharSequence text) {
      String s = text.toString();
      String stripped = CleanText.strip(s);
      return stripped.equals(s) ? value : stripped;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      boolean changed = false;
      for (Object item : list) {
        Object c = clean(item);
        changed |= c != item;
        copy.add(c);
      }
      return changed ? copy : value;
    }
    if (value instanceof SpecificRecord nested) {
      sanitize(nested);
    }
    return value;
  }

  private static boolean isBlank(CharSequence text) {
    return text == null || text.toString().isBlank();
  }
}
