package dev.newsflow.streams.event;

import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.phrases.Phrases;
import dev.newsflow.streams.phrases.RumourWording;

/**
 * An enriched article with its wording read once, in the phrase normal form ({@link Phrases}), for the
 * aggregation and the alert rules to share. Enrichment folds text its own way for linking and lexicons;
 * rule keywords, product names and rumour phrases are compared in this form. Lives only inside the
 * streams application: it is never serialized.
 *
 * @param text the normalized title and body, in which WATCH rules look for their keywords
 * @param excerpt the normalized title and start of the body that {@link ArticleFacts} keeps
 * @param rumour the first rumour phrase the article uses ({@link RumourWording}), null when none
 */
public record PhrasedArticle(EnrichedArticle article, String text, String excerpt, String rumour) {
  public static PhrasedArticle of(EnrichedArticle a) {
    String title = Phrases.normalize(a.getTitle());
    String body = Phrases.normalize(a.getBody());
    String text = Phrases.join(title, body);
    return new PhrasedArticle(a, text, ArticleFacts.excerpt(title, a.getBody(), body), RumourWording.in(text).orElse(null));
  }
}
