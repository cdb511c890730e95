package dev.newsflow.streams.event;

import dev.newsflow.contract.ArticleText;
import dev.newsflow.schema.Release;
import dev.newsflow.schema.ReleaseRef;
import dev.newsflow.streams.phrases.Phrases;

/**
 * A release as the aggregation keeps it, with its company resolved to a company id: a published release
 * event, or a release found in the news ({@code detected}, see {@code aggregate/releases/ReleaseReports}).
 *
 * @param releasedAt event time in epoch milliseconds: the release's {@code releasedAt}, else its record timestamp;
 *     for a detected release, its first report
 * @param summary for a detected release, the sentence of its first report
 * @param source for a detected release, the outlets whose reports confirmed it
 * @param detected found in the news, confirmed by independent outlets, with no release event known
 */
public record ReleaseFacts(
    String id,
    String companyId,
    String product,
    String version,
    String category,
    long releasedAt,
    String url,
    String summary,
    String source,
    boolean detected) {

  /**
   * Characters of a release event's summary kept with the company (the contract allows a body's length, which a
   * few releases would take past what one Kafka record holds); NEW_RELEASE keywords are matched in these.
   */
  public static final int SUMMARY_CHARS = 2_000;

  public static ReleaseFacts of(Release r, String companyId, long eventTime) {
    String summary = ArticleText.truncate(r.getSummary(), SUMMARY_CHARS);
    return new ReleaseFacts(r.getId().strip(), companyId, r.getProduct().strip(), blankToNull(r.getVersion()),
        blankToNull(r.getCategory()), eventTime, r.getUrl(), summary, r.getSource(), false);
  }

  /** The family this release belongs to, as compared: "Qwen" and "qwen " are one family. */
  public String family() {
    return Phrases.normalize(product);
  }

  /** "Seedance 2.0", or the product alone when it has no version. */
  public String displayName() {
    return version == null ? product : product + " " + version;
  }

  public ReleaseRef toRef(boolean firstOfFamily, long coverage) {
    return ReleaseRef.newBuilder()
        .setId(id)
        .setProduct(product)
        .setVersion(version)
        .setCategory(category)
        .setReleasedAt(java.time.Instant.ofEpochMilli(releasedAt))
        .setUrl(url)
        .setFirstOfFamily(firstOfFamily)
        .setCoverage(coverage)
        .setDetectedFromCoverage(detected)
        .build();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
