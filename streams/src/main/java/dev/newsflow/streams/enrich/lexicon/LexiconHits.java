package dev.newsflow.streams.enrich.lexicon;

/** The terms each of enrichment's lexicons found in one article ({@link ArticleLexicons#scan}). */
public record LexiconHits(Lexicon.Hits taxonomy, Lexicon.Hits sections, Lexicon.Hits tone) {}
