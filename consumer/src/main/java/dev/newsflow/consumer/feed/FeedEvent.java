package dev.newsflow.consumer.feed;

import dev.newsflow.schema.EnrichedArticle;
import java.time.Instant;

/** One article of the feed, where it sits in {@code articles.enriched}, and its JSON as clients receive it. */
record FeedEvent(int partition, long offset, EnrichedArticle article, String json, Instant eventTime) {}
