package dev.newsflow.streams.aggregate.activity;

import dev.newsflow.schema.CompanyActivity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Keys of the activity topics: {@code companyId@windowStart/window}, e.g.
 * {@code bytedance@2026-02-10T08:00:00Z/1h}, one key per company and window. Records are partitioned by
 * company id alone, so that a consumer sees all of one company's windows in order on one partition.
 */
public final class ActivityKey {
  private ActivityKey() {}

  public static String of(String companyId, String window, long windowStart) {
    return companyId + "@" + Instant.ofEpochMilli(windowStart) + "/" + window;
  }

  /** The partition of a company's records, as Kafka's default partitioner would place the company id. */
  public static int partition(String companyId, int partitions) {
    return Utils.toPositive(Utils.murmur2(companyId.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  public static final StreamPartitioner<String, CompanyActivity> BY_COMPANY = new ByCompany();

  private static final class ByCompany implements StreamPartitioner<String, CompanyActivity> {
    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, CompanyActivity value, Headers headers,
        int partitions) {
      return Optional.of(Set.of(partition(value.getCompanyId(), partitions)));
    }

    @Override
    @SuppressWarnings("removal") // still abstract in Kafka 4.4; Kafka calls the variant with headers
    public Optional<Set<Integer>> partitions(String topic, String key, CompanyActivity value, int partitions) {
      return partitions(topic, key, value, null, partitions);
    }
  }
}
