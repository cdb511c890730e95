package dev.newsflow.producer;

import dev.newsflow.contract.ArticleContract;
import dev.newsflow.contract.ArticleLimits;
import dev.newsflow.contract.ArticleText;
import dev.newsflow.contract.CompanyIds;
import dev.newsflow.contract.PublishedAtRule;
import dev.newsflow.json.FieldError;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.Release;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The producer's checks on records that arrive already structured (files, HTTP): every text field is put
 * in the contract's normal form ({@link ArticleText}), then an article gets the contract's verdict
 * ({@link ArticleContract}: the same the streams application and {@code enrich} give), judged now by the
 * door's {@link PublishedAtRule}, and releases and companies the same limits and http(s)-only links, a company
 * an id of {@link CompanyIds}' form, each as a field-level message.
 */
public final class RecordChecks {
  private RecordChecks() {}

  /** {@link #check(SpecificRecord, PublishedAtRule)} with the default tolerance on the system clock. */
  public static List<FieldError> check(SpecificRecord record) {
    return check(record, PublishedAtRule.standard());
  }

  /**
   * Cleans {@code record}'s text fields in place and returns what is wrong with it (empty when valid); an
   * article's {@code publishedAt} and a release's {@code releasedAt} are judged by {@code articles} at this moment.
   */
  public static List<FieldError> check(SpecificRecord record, PublishedAtRule articles) {
    ArticleText.clean(record);
    List<FieldError> errors = new ArrayList<>();
    if (record instanceof Article a) {
      articles.check(a).violations().forEach(v -> errors.add(new FieldError(v.field(), v.message())));
    } else if (record instanceof Release r) {
      id(r.getId(), errors);
      ArticleContract.link("url", r.getUrl()).ifPresent(v -> errors.add(new FieldError(v.field(), v.message())));
      length("summary", r.getSummary(), ArticleLimits.MAX_BODY_CHARS, errors);
      for (String field : List.of("company", "product", "version", "category", "source")) {
        Object value = r.get(field);
        length(field, value == null ? null : value.toString(), ArticleLimits.MAX_FIELD_CHARS, errors);
      }
      Instant releasedAt = r.getReleasedAt();
      if (releasedAt != null) {
        ArticleContract.outOfBounds(releasedAt, articles.clock().instant(), articles.maxFuture()).ifPresent(bound ->
            errors.add(new FieldError("releasedAt", bound.message(releasedAt, articles.maxFuture(), "release"))));
      }
    } else if (record instanceof Company c) {
      if (c.getId() != null) {
        CompanyIds.violation(c.getId()).ifPresent(m -> errors.add(new FieldError("id", m)));
      }
      length("name", c.getName(), ArticleLimits.MAX_FIELD_CHARS, errors);
    }
    return errors;
  }

  private static void id(String id, List<FieldError> errors) {
    length("id", id, ArticleLimits.MAX_ID_CHARS, errors);
    if (id != null && !id.equals(id.strip())) {
      errors.add(new FieldError("id", "must not start or end with white space"));
    }
  }

  private static void length(String field, String value, int max, List<FieldError> errors) {
    if (value != null && value.length() > max) {
      errors.add(new FieldError(field, ArticleContract.overLimit(value.length(), max)));
    }
  }
}
