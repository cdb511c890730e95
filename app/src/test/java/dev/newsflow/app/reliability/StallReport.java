package dev.newsflow.app.reliability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * What a run that does not finish is stuck on, read from the broker: for each partition of the given
 * topics the log end, the last stable offset (where a read_committed reader stops: an open transaction
 * holds it back) and the group's committed offset; the producers that hold a stable offset back, and the
 * transactions the coordinators have open. Written into the failure, so a stall seen once in CI can be
 * explained from its log.
 */
final class StallReport {
  private static final long TIMEOUT_S = 30;

  private StallReport() {}

  static String of(Admin admin, String groupId, Collection<String> topics) {
    StringBuilder out = new StringBuilder("stall report (group ").append(groupId).append(")\n");
    try {
      Map<String, Integer> partitions = new TreeMap<>();
      admin.describeTopics(topics).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS)
          .forEach((name, d) -> partitions.put(name, d.partitions().size()));
      List<TopicPartition> all = new ArrayList<>();
      partitions.forEach((name, n) -> {
        for (int p = 0; p < n; p++) {
          all.add(new TopicPartition(name, p));
        }
      });
      Map<TopicPartition, OffsetSpec> latest = all.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest,
          new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
      Map<TopicPartition, ListOffsetsResultInfo> stable = admin.listOffsets(latest,
          new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
          .partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
      List<TopicPartition> heldBack = new ArrayList<>();
      int settled = 0;
      for (TopicPartition tp : all) {
        long end = ends.get(tp).offset();
        long lso = stable.get(tp).offset();
        OffsetAndMetadata c = committed.get(tp);
        boolean behind = lso < end;
        boolean unread = c != null && c.offset() < lso;
        if (behind) {
          heldBack.add(tp);
        }
        if (behind || unread) {
          out.append(String.format("  %s: end %d, stable %d, committed %s%s%s%n", tp, end, lso,
              c == null ? "-" : Long.toString(c.offset()), behind ? "  <- an open transaction holds readers back" : "",
              unread ? "  <- the group has not consumed it all" : ""));
        } else {
          settled++;
        }
      }
      out.append("  partitions settled (stable offset at the end; the group, where it reads, at the stable offset): ")
          .append(settled).append(" of ").append(all.size()).append('\n');
      if (!heldBack.isEmpty()) {
        admin.describeProducers(heldBack).all().get(TIMEOUT_S, TimeUnit.SECONDS).forEach((tp, d) -> {
          for (ProducerState s : d.activeProducers()) {
            if (s.currentTransactionStartOffset().isPresent()) {
              out.append(String.format("  open transaction on %s: producer %d epoch %d from offset %d, last write %d ms ago%n",
                  tp, s.producerId(), s.producerEpoch(), s.currentTransactionStartOffset().getAsLong(),
                  System.currentTimeMillis() - s.lastTimestamp()));
            }
          }
        });
      }
      Collection<TransactionListing> listings = admin.listTransactions().all().get(TIMEOUT_S, TimeUnit.SECONDS);
      Set<String> open = listings.stream().filter(l -> l.state() != TransactionState.COMPLETE_COMMIT
          && l.state() != TransactionState.COMPLETE_ABORT && l.state() != TransactionState.EMPTY)
          .map(TransactionListing::transactionalId).collect(Collectors.toSet());
      out.append("  transactional ids: ").append(listings.size()).append(", not settled: ").append(open.size()).append('\n');
      if (!open.isEmpty()) {
        Map<String, TransactionDescription> described = admin.describeTransactions(open).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        described.forEach((id, t) -> out.append(String.format("  transaction %s: %s, producer %d epoch %d, started %s, "
            + "timeout %d ms, partitions %s%n", id, t.state(), t.producerId(), t.producerEpoch(),
            t.transactionStartTimeMs().isPresent() ? (System.currentTimeMillis() - t.transactionStartTimeMs().getAsLong()) + " ms ago" : "-",
            t.transactionTimeoutMs(), t.topicPartitions())));
      }
    } catch (Exception e) {
      out.append("  (the report could not be completed: ").append(e).append(")\n");
    }
    return out.toString();
  }
}
