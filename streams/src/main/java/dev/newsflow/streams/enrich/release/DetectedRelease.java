package dev.newsflow.streams.enrich.release;

import java.util.Objects;

/**
 * A product release an article reports, as {@link ReleaseDetector} read it.
 *
 * @param companyId the linked company whose product it is
 * @param product the product family as the gazetteer names it, with a modality written onto it kept
 *     ("Seedance", "Qwen", "混元3D")
 * @param version the version as the article writes it ("2.0", "K2.5", "Opus 4.6"), or null when the
 *     article names a new version without a number ("a new version of its Claude Opus model")
 * @param evidence the sentence of the article that reports the release, quoted exactly
 * @param confidence between 0 and 1, see {@link ReleaseDetector} for how it is scored
 */
public record DetectedRelease(String companyId, String product, String version, String evidence, double confidence) {
  public DetectedRelease {
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(evidence, "evidence");
    if (confidence < 0 || confidence > 1) {
      throw new IllegalArgumentException("confidence outside [0, 1]: " + confidence);
    }
  }

  /** "Seedance 2.0", or the product alone when no version was stated. */
  public String displayName() {
    return version == null ? product : product + " " + version;
  }
}
