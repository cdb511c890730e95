package dev.newsflow.streams.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Stores an earlier version of the topology kept and this one no longer reads. Their changelog topics stay on the
 * cluster until someone deletes them; when one is found at start, the operator is told what its state was, what
 * not reading it means, and that the topic can go.
 */
public final class RetiredStores {
  /** A retired store: its name, and what starting without it means. */
  record Retired(String store, String consequence) {}

  static final List<Retired> RETIRED = List.of(
      new Retired("dedup-buckets", "the dedup buckets are now derived from each article's filing (dedup-filings), "
          + "and the buckets of articles read before the upgrade are not carried over: for memory.retention after "
          + "it, a copy of such an article is published as an original"));

  private RetiredStores() {}

  /** One warning for each retired store of {@code applicationId} whose changelog is among {@code topics}. */
  public static List<String> warnings(String applicationId, Collection<String> topics) {
    List<String> out = new ArrayList<>();
    for (Retired r : RETIRED) {
      String changelog = applicationId + "-" + r.store() + "-changelog";
      if (topics.contains(changelog)) {
        out.add("topic " + changelog + " holds the state of an earlier version that this one no longer reads: "
            + r.consequence() + ". Once no instance of the earlier version runs, delete it: kafka-topics.sh "
            + "--bootstrap-server ... --delete --topic " + changelog);
      }
    }
    return out;
  }
}
