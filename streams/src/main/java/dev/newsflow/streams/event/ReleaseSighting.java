package dev.newsflow.streams.event;

/**
 * A release of one company that one article reports, as enrichment detected it ({@code detectedReleases}),
 * kept with the article's facts so that a revision or withdrawal takes it back exactly.
 *
 * @param product the product family as the article's gazetteer names it
 * @param version the version as the article writes it (never null: a release without a number cannot be matched)
 * @param evidence the sentence that reports it
 */
public record ReleaseSighting(String product, String version, String evidence, double confidence) {}
