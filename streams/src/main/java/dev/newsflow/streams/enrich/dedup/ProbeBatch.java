package dev.newsflow.streams.enrich.dedup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Utils;

/**
 * One article's probe for the buckets of one group of keys: the article crosses the bucket repartition
 * once per group (at most one group per partition) instead of once per key. {@code group}: the keys'
 * hash modulo the number of groups, which the repartition maps to a partition, so a key always meets
 * the same partition whichever article asks. {@code keys}: the buckets the article is filed in;
 * {@code lookups}: buckets it is only compared with ({@link StoryMarks#lookups}).
 */
public record ProbeBatch(int group, Probe probe, List<String> keys, List<String> lookups) {

  public ProbeBatch(int group, Probe probe, List<String> keys) {
    this(group, probe, keys, List.of());
  }

  /**
   * The article's keys in {@code groups} groups. With as many groups as partitions each key lands on
   * the partition Kafka's default partitioner gives a String key, where the buckets have always been.
   */
  public static List<ProbeBatch> of(Probe probe, List<String> keys, int groups) {
    return of(probe, keys, List.of(), groups);
  }

  /** As {@link #of(Probe, List, int)}, with the keys of buckets the article is only compared with. */
  public static List<ProbeBatch> of(Probe probe, List<String> keys, List<String> lookups, int groups) {
    Map<Integer, List<String>> filed = byGroup(keys, groups);
    Map<Integer, List<String>> looked = byGroup(lookups, groups);
    Set<Integer> all = new TreeSet<>(filed.keySet());
    all.addAll(looked.keySet());
    List<ProbeBatch> out = new ArrayList<>(all.size());
    for (int g : all) {
      out.add(new ProbeBatch(g, probe, filed.getOrDefault(g, List.of()), looked.getOrDefault(g, List.of())));
    }
    return out;
  }

  private static Map<Integer, List<String>> byGroup(List<String> keys, int groups) {
    Map<Integer, List<String>> byGroup = new TreeMap<>();
    for (String key : keys) {
      byGroup.computeIfAbsent(groupOf(key, groups), g -> new ArrayList<>()).add(key);
    }
    return byGroup;
  }

  /**
   * What the article leaves filed here: its probe under its keys, without the buckets it only read. The buckets of a
   * partition are a function of its filings (a bucket keeps its earliest members, whatever order they came in), so
   * the filings are what needs keeping; the buckets can be derived from them again.
   */
  public ProbeBatch filing() {
    return lookups.isEmpty() ? this : new ProbeBatch(group, probe, keys, List.of());
  }

  /**
   * Takes the article out of the buckets of those of {@code earlier}'s keys that this batch no longer files it under:
   * a revision that changed its text leaves nothing of the earlier version behind in the buckets it left. (Where it
   * is filed again, {@link Bucket#probe} replaces the earlier version.)
   */
  public void withdrawEarlier(ProbeBatch earlier, Buckets buckets) {
    Set<String> kept = Set.copyOf(keys);
    for (String key : earlier.keys()) {
      if (!kept.contains(key)) {
        withdraw(buckets, earlier.probe().articleId(), key);
      }
    }
  }

  /** Takes the article out of the buckets it is filed in ({@code memory.retention} forgot it). */
  public void withdraw(Buckets buckets) {
    for (String key : keys) {
      withdraw(buckets, probe.articleId(), key);
    }
  }

  private static void withdraw(Buckets buckets, String articleId, String key) {
    Bucket bucket = buckets.get(key);
    if (bucket != null && bucket.remove(articleId, ruleOf(key))) {
      if (bucket.entries().isEmpty()) {
        buckets.delete(key);
      } else {
        buckets.put(key, bucket);
      }
    }
  }

  /** How the members of the bucket of {@code key} are compared: a story bucket's rule, or dedup's. */
  private static Bucket.Rule ruleOf(String key) {
    return StoryMarks.isStoryKey(key) ? StoryMarks::match : DuplicateRules::match;
  }

  /** Where the buckets are kept, by key. */
  public interface Buckets {
    Bucket get(String key);

    void put(String key, Bucket bucket);

    void delete(String key);

    /** Buckets held in a map. */
    static Buckets of(Map<String, Bucket> map) {
      return new Buckets() {
        @Override
        public Bucket get(String key) {
          return map.get(key);
        }

        @Override
        public void put(String key, Bucket bucket) {
          map.put(key, bucket);
        }

        @Override
        public void delete(String key) {
          map.remove(key);
        }
      };
    }
  }

  /**
   * Files the probe under each of its keys here, compares it with the buckets of its lookups, and answers once
   * for all of them: the article's best
   * verdict, then at most one correction per other article (the best of its corrections). Story keys
   * ({@link StoryMarks}) are compared by the story rule and answered apart, before those: the article's
   * earliest story match (rule {@value StoryMarks#RULE}, only when there is one) and story corrections, so
   * that they reach the article's decision before the answer it counts.
   */
  public List<Verdict> fileIn(Buckets buckets, int size, Bucket.Comparisons comparisons) {
    Verdict answer = Verdict.none(probe);
    Verdict story = Verdict.none(probe);
    Map<String, Verdict> corrections = new LinkedHashMap<>();
    Map<String, Verdict> storyCorrections = new LinkedHashMap<>();
    for (int i = 0; i < keys.size() + lookups.size(); i++) {
      boolean filed = i < keys.size();
      String key = filed ? keys.get(i) : lookups.get(i - keys.size());
      Bucket bucket = buckets.get(key);
      if (bucket == null && !filed) {
        continue;
      }
      bucket = bucket == null ? Bucket.empty() : bucket;
      boolean storyKey = StoryMarks.isStoryKey(key);
      Probe p = storyKey ? probe.forStoryBucket() : probe.forDedupBucket();
      Bucket.Rule rule = ruleOf(key);
      List<Verdict> verdicts = filed ? bucket.probe(p, size, comparisons, rule) : bucket.compare(p, comparisons, rule);
      if (filed) {
        buckets.put(key, bucket);
      }
      if (storyKey) {
        story = Decision.better(story, verdicts.get(0));
      } else {
        answer = Decision.better(answer, verdicts.get(0));
      }
      for (Verdict correction : verdicts.subList(1, verdicts.size())) {
        (storyKey ? storyCorrections : corrections).merge(correction.articleId(), correction, Decision::better);
      }
    }
    List<Verdict> out = new ArrayList<>(2 + corrections.size() + storyCorrections.size());
    if (story.matched()) {
      out.add(story);
    }
    out.addAll(storyCorrections.values());
    out.add(answer);
    out.addAll(corrections.values());
    return out;
  }

  /** The group of a bucket key: murmur2 of its UTF-8 bytes, as Kafka partitions a String key. */
  public static int groupOf(String key, int groups) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % groups;
  }
}
