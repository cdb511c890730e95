package dev.newsflow.producer.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.Release;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;

/** The kinds of record an NDJSON file can hold, and how a record's kind is told from its fields. */
public enum ImportKind {
  ARTICLE(Article.class),
  RELEASE(Release.class),
  COMPANY(Company.class);

  private final Class<? extends SpecificRecord> type;

  ImportKind(Class<? extends SpecificRecord> type) {
    this.type = type;
  }

  public Class<? extends SpecificRecord> type() {
    return type;
  }

  /** {@code article}, {@code release} or {@code company} (plural and any case accepted). */
  public static ImportKind parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("s")) {
      t = t.substring(0, t.length() - 1);
    }
    for (ImportKind kind : values()) {
      if (kind.name().toLowerCase(Locale.ROOT).equals(t)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown kind '" + text + "': expected article, release or company");
  }

  /**
   * The kind a JSON object's fields show: {@code title}/{@code body} make an article,
   * {@code product}/{@code releasedAt} a release, {@code name}/{@code aliases} a company; null when none
   * of them is there.
   */
  public static ImportKind detect(JsonNode record) {
    if (record.has("title") || record.has("body") || record.has("publishedAt")) {
      return ARTICLE;
    }
    if (record.has("product") || record.has("releasedAt")) {
      return RELEASE;
    }
    if (record.has("name") || record.has("aliases") || record.has("ticker")) {
      return COMPANY;
    }
    return null;
  }
}
