package dev.newsflow.streams.enrich;

import dev.newsflow.contract.PublishedAtRule;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.enrich.dedup.DedupMessage;
import dev.newsflow.streams.enrich.dedup.DedupSerdes;
import dev.newsflow.streams.enrich.dedup.ProbeBatch;
import dev.newsflow.streams.enrich.link.CompanyDirectory;
import dev.newsflow.streams.errors.CountDeadLetters;
import dev.newsflow.streams.state.ArticleMemory;
import dev.newsflow.streams.state.GlobalStoreUpdater;
import dev.newsflow.streams.state.StateStores;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * articles.raw → check → key by id → drop replays → enrich (companies, topics, section, sentiment,
 * fingerprint) → dedup → articles.enriched. Refused articles go to the dead-letter topic with the reason.
 *
 * <p>Dedup is correct across partitions: each article is filed, through the repartition topic
 * {@code dedup-probes-by-bucket}, under its bucket keys (canonical URL, content hash, headline, LSH
 * bands, and the story keys of {@code StoryMarks}: company, distinctive token and 48-hour slot), so two
 * copies, or two reports of one event, meet in the bucket's partition whichever partitions they arrived on;
 * one record per article and partition carries that partition's keys. The verdicts come back through
 * {@code dedup-by-article}, where the article waits for all of them.
 */
public final class EnrichmentTopology {
  private EnrichmentTopology() {}

  /** Adds enrichment to {@code builder} and returns the enriched stream for the stages after it. */
  public static KStream<String, EnrichedArticle> addTo(StreamsBuilder builder, Topics topics, CompanyDirectory directory) {
    return addTo(builder, topics, directory, Enricher.standard(), ArticleMemory.DEFAULT_RETENTION);
  }

  /** {@code memory}: how long content hashes and dedup entries are remembered ({@code memory.retention}). */
  public static KStream<String, EnrichedArticle> addTo(StreamsBuilder builder, Topics topics, CompanyDirectory directory,
      Enricher enricher, Duration memory) {
    return addTo(builder, topics, directory, enricher, memory, DedupSettings.defaults());
  }

  /** With {@code dedup}'s bounds ({@code dedup.bucket.size}). */
  public static KStream<String, EnrichedArticle> addTo(StreamsBuilder builder, Topics topics, CompanyDirectory directory,
      Enricher enricher, Duration memory, DedupSettings dedup) {
    return addTo(builder, topics, directory, enricher, memory, dedup, PublishedAtRule.standard());
  }

  /** With {@code publishedAt} judging how far ahead of its record an article may be dated ({@code articles.max.future}). */
  public static KStream<String, EnrichedArticle> addTo(StreamsBuilder builder, Topics topics, CompanyDirectory directory,
      Enricher enricher, Duration memory, DedupSettings dedup, PublishedAtRule publishedAt) {
    return addTo(builder, topics, directory, enricher, memory, dedup, publishedAt, StateStores.rocksDb());
  }

  /** With its state stores of the kind {@code stores} makes ({@code state.store}). */
  public static KStream<String, EnrichedArticle> addTo(StreamsBuilder builder, Topics topics, CompanyDirectory directory,
      Enricher enricher, Duration memory, DedupSettings dedup, PublishedAtRule publishedAt, StateStores stores) {
    Topic<String, Article> raw = topics.articlesRaw();
    Topic<String, EnrichedArticle> enriched = topics.articlesEnriched();

    GlobalStoreUpdater.addGlobalStore(builder, stores, CompanyDirectory.STORE, topics.companies(), "companies-source",
        directory::changed);
    builder.addStateStore(stores.timestamped(ReplayFilter.STORE, Serdes.String()));
    // Cached: a filing, a bucket or a held article written several times within one commit reaches RocksDB and
    // the changelog once.
    FileInBuckets.storeBuilders(stores).forEach(builder::addStateStore);
    builder.addStateStore(stores.timestamped(DecideDuplicates.STORE, DedupSerdes.STATE).withCachingEnabled());
    builder.addStateStore(stores.timestamped(DecideDuplicates.HELD, DedupSerdes.HELD));

    Map<String, KStream<String, Checked<Article>>> checked = builder
        .stream(raw.name(), Consumed.with(raw.keySerde(), raw.valueSerde()).withName("articles-source"))
        .processValues(() -> new CheckArticle(raw, publishedAt), Named.as("check-articles"))
        .split(Named.as("articles-"))
        .branch((key, c) -> c.isRejected(), Branched.withConsumer(rejected -> rejected
            .mapValues(Checked::deadLetter, Named.as("article-dead-letters"))
            .processValues(CountDeadLetters::new, Named.as("article-dead-letters-counted"))
            .to(topics.deadLetters().name(), Produced.with(topics.deadLetters().keySerde(),
                topics.deadLetters().valueSerde()).withName("article-dead-letters-sink")), "rejected"))
        .branch((key, c) -> c.value().getId().equals(key), Branched.as("keyed"))
        .defaultBranch(Branched.as("unkeyed"));

    // Producers key articles by id; a record that is not is re-keyed, so that replays and revisions of
    // one article always meet in the same partition.
    KStream<String, Article> keyed = checked.get("articles-keyed")
        .mapValues(Checked::value, Named.as("unwrap-keyed"));
    KStream<String, Article> rekeyed = checked.get("articles-unkeyed")
        .mapValues(Checked::value, Named.as("unwrap-unkeyed"))
        .selectKey((key, article) -> article.getId(), Named.as("key-by-id"))
        .repartition(Repartitioned.<String, Article>as("articles-by-id").withKeySerde(raw.keySerde())
            .withValueSerde(raw.valueSerde()));

    KStream<String, EnrichArticle.Pending> pending = keyed.merge(rekeyed, Named.as("articles-by-id-merged"))
        .processValues(() -> new ReplayFilter(memory), Named.as("drop-replays"), ReplayFilter.STORE)
        .processValues(() -> new EnrichArticle(directory, enricher, dedup.partitions()), Named.as("enrich-articles"));

    // One probe record per article and partition of its bucket keys, not one per key: the article's
    // signature crosses the repartition at most once per partition.
    KStream<String, DedupMessage> verdicts = pending
        .flatMapValues(EnrichArticle.Pending::batches, Named.as("dedup-probes"))
        .repartition(Repartitioned.<String, ProbeBatch>as("dedup-probes-by-bucket")
            .withKeySerde(Serdes.String()).withValueSerde(DedupSerdes.PROBES)
            .withStreamPartitioner((topic, id, batch, n) -> Optional.of(Set.of(batch.group() % n))))
        .process(() -> new FileInBuckets(memory, dedup.bucketSize()), Named.as("dedup-buckets"),
            FileInBuckets.storeNames())
        // Only the small verdicts come back: the article waits in dedup-decisions on its own partition, so
        // its body does not cross Kafka for dedup. Kafka Streams gives this topic the partition count of
        // articles.raw (the loop's only outside source), so a verdict, keyed by article id like the
        // article, reaches the task that holds it.
        .repartition(Repartitioned.<String, DedupMessage>as("dedup-by-article")
            .withKeySerde(Serdes.String()).withValueSerde(DedupSerdes.MESSAGE));
    KStream<String, EnrichedArticle> out = pending
        .mapValues(p -> DedupMessage.held(p.enrichment().article(), p.version(), p.batches().size()),
            Named.as("dedup-hold"))
        .merge(verdicts, Named.as("dedup-messages"))
        .processValues(() -> new DecideDuplicates(memory), Named.as("dedup-decide"), DecideDuplicates.STORE,
            DecideDuplicates.HELD);
    out.to(enriched.name(), Produced.with(enriched.keySerde(), enriched.valueSerde()).withName("articles-enriched-sink"));
    return out;
  }
}
