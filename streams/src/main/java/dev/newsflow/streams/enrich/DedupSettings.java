package dev.newsflow.streams.enrich;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.streams.enrich.dedup.Bucket;
import org.apache.kafka.common.config.ConfigException;

/**
 * How dedup is bounded. {@code bucketSize} ({@value #BUCKET_SIZE}): how many members each bucket keeps
 * (its earliest by publication time, then id). Groups of near-duplicates up to this size get the same
 * original whatever their order of arrival; a larger group keeps the work per article bounded instead.
 */
public record DedupSettings(int bucketSize, int partitions) {
  public static final String BUCKET_SIZE = "dedup.bucket.size";

  public DedupSettings {
    if (bucketSize < 1 || bucketSize > 1024) {
      throw new ConfigException(BUCKET_SIZE + " must be 1..1024, got " + bucketSize);
    }
    if (partitions < 1) {
      throw new ConfigException("dedup needs at least one partition, got " + partitions);
    }
  }

  /** {@code partitions}: the topics' partition count ({@code topic.partitions}), one probe record per partition. */
  public DedupSettings(int bucketSize) {
    this(bucketSize, NewsflowConfig.defaults().partitions());
  }

  public static DedupSettings defaults() {
    return new DedupSettings(Bucket.DEFAULT_SIZE);
  }

  public static DedupSettings from(NewsflowConfig config) {
    return new DedupSettings(config.getInt(BUCKET_SIZE, Bucket.DEFAULT_SIZE), config.partitions());
  }
}
