package dev.newsflow.streams.enrich.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.enrich.text.ArticleText;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DedupTest {
  private static final String BODY = "The central bank raised interest rates by a quarter point on Thursday, citing "
      + "persistent inflation in services and a tight labour market. Markets had expected the move, and bond "
      + "yields barely changed. The governor said further increases were possible if wage growth stayed strong, "
      + "while two members of the committee voted to hold rates steady.";

  private static Probe probe(String id, long order, String title, String body, String url) {
    return Probe.of(id, "v1", order, Fingerprint.of(ArticleText.of(title, body), url));
  }

  @Test
  void foldingAndTrackingParametersDoNotHideACopy() {
    Fingerprint a = Fingerprint.of(ArticleText.of("Rates rise", BODY), "https://www.example.com/a/?utm_source=x");
    Fingerprint b = Fingerprint.of(ArticleText.of("RATES RISE", BODY.replace(" ", "  ")), "http://example.com/a");
    assertEquals(a.canonicalUrl(), b.canonicalUrl());
    assertEquals("example.com/a", a.canonicalUrl());
    assertEquals(a.contentHash(), b.contentHash());
    assertEquals(1.0, Fingerprint.similarity(a.signature(), b.signature()));
  }

  @Test
  void rulesInOrderOfStrength() {
    Probe original = probe("a", 1, "Central bank raises rates", BODY, "https://news.example.com/1");
    assertEquals("exact-url", DuplicateRules.match(probe("b", 2, "Other", "Other text entirely here.",
        "https://news.example.com/1"), original).rule());
    assertEquals("exact-content", DuplicateRules.match(probe("b", 2, "Central bank raises rates", BODY, null),
        original).rule());
    String edited = BODY.replace("Thursday", "Friday").replace("barely changed", "hardly moved");
    assertEquals("near-duplicate", DuplicateRules.match(probe("b", 2, "Rates up", edited, null), original).rule());
    String rewritten = BODY.substring(0, 120) + " Analysts were divided about what the bank would do next year.";
    assertEquals("revised", DuplicateRules.match(probe("b", 2, "Central bank raises rates", rewritten, null),
        original).rule());
    assertNull(DuplicateRules.match(probe("b", 2, "Rates up", "A football match ended in a draw.", null), original));
  }

  @Test
  void theEarlierArticleIsTheOriginalWhateverTheOrderOfArrival() {
    Probe first = probe("a", 1, "Central bank raises rates", BODY, null);
    Probe second = probe("b", 2, "Central bank raises rates", BODY, null);
    for (List<Probe> arrival : List.of(List.of(first, second), List.of(second, first))) {
      StoryIndex index = new StoryIndex();
      arrival.forEach(p -> index.add(p, List.of("c:" + p.contentHash())));
      assertEquals("a", index.decision("b").originalId(), "arrival " + arrival);
      assertTrue(!index.decision("a").matched(), "arrival " + arrival);
    }
  }

  @Test
  void aLateOriginalCorrectsTheCopyAlreadyAnswered() {
    Bucket bucket = Bucket.empty();
    Probe copy = probe("b", 2, "Central bank raises rates", BODY, null);
    Probe original = probe("a", 1, "Central bank raises rates", BODY, null);
    assertEquals(List.of(new Verdict("b", "v1", false, null, 0, null, 0)), bucket.probe(copy, Bucket.DEFAULT_SIZE, Bucket.Comparisons.NONE));
    assertEquals(List.of(new Verdict("a", "v1", false, null, 0, null, 0),
        new Verdict("b", "v1", true, "a", 1, "exact-content", 1.0)), bucket.probe(original, Bucket.DEFAULT_SIZE, Bucket.Comparisons.NONE));
  }

  @Test
  void theHeldArticleIsPublishedOnceEveryBucketHasAnsweredAndAgainOnACorrection() {
    EnrichedArticle article = EnrichedArticle.newBuilder().setId("b").setTitle("t").setBody("x").setStoryId("b")
        .setEnrichmentVersion("test").setPublishedAt(Instant.EPOCH).build();
    DedupState state = new DedupState();
    assertNull(state.apply(DedupMessage.of(new Verdict("b", "v1", false, null, 0, null, 0))));
    assertNull(state.apply(DedupMessage.held(article, "v1", 2)));
    EnrichedArticle published = state.apply(DedupMessage.of(new Verdict("b", "v1", false, null, 0, null, 0)));
    assertNull(published.getDuplicateOf());
    assertEquals("b", published.getStoryId());
    EnrichedArticle corrected = state.apply(DedupMessage.of(new Verdict("b", "v1", true, "a", 1, "exact-content", 1.0)));
    assertEquals("a", corrected.getDuplicateOf());
    assertEquals("a", corrected.getStoryId());
    assertEquals("exact-content:1.0", corrected.getDuplicateRule());
    assertNull(state.apply(DedupMessage.of(new Verdict("b", "v0", false, "z", 0, "exact-url", 1.0))),
        "a verdict about another revision changes nothing");
  }

  /**
   * At least once, after a crash: the state restored from the changelog already counts the last answer and says
   * the article was published, but the published record never reached the topic. The input since the last commit
   * comes again, and the article must come out again rather than not at all.
   */
  @Test
  void anAnswerOrAHeldArticleThatCanOnlyComeAgainPublishesTheArticleAgain() {
    EnrichedArticle article = EnrichedArticle.newBuilder().setId("b").setTitle("t").setBody("x").setStoryId("b")
        .setEnrichmentVersion("test").setPublishedAt(Instant.EPOCH).build();
    Verdict none = new Verdict("b", "v1", false, null, 0, null, 0);
    DedupState state = new DedupState();
    assertNull(state.apply(DedupMessage.held(article, "v1", 2)));
    assertNull(state.apply(DedupMessage.of(none)));
    EnrichedArticle published = state.apply(DedupMessage.of(none));
    assertEquals("b", published.getId());

    assertEquals(published, state.apply(DedupMessage.of(none)), "the last answer processed again");
    assertNull(state.apply(DedupMessage.of(none)), "published again once, not at each answer beyond those due");
    assertNull(state.apply(DedupMessage.held(article, "v1", 2)), "the held article processed again: answers anew");
    assertNull(state.apply(DedupMessage.of(none)));
    assertEquals(published, state.apply(DedupMessage.of(none)), "published again once they are in");
    Verdict story = new Verdict("b", "v1", false, null, 0, StoryMarks.RULE, 0);
    assertNull(state.apply(DedupMessage.of(story)), "a story answer that changes nothing publishes nothing");
  }

  @Test
  void aDecisionsStateLeavesItsArticleOutAndAStateOfTheOlderLayoutIsReadWithIt() throws Exception {
    EnrichedArticle article = EnrichedArticle.newBuilder().setId("b").setTitle("t").setBody("x".repeat(3_000))
        .setStoryId("b").setEnrichmentVersion("test").setPublishedAt(Instant.EPOCH).build();
    DedupState state = new DedupState();
    state.apply(DedupMessage.held(article, "v1", 2));
    byte[] now = DedupSerdes.STATE.serializer().serialize("t", state);
    assertTrue(now.length < 100, "the state without its article: " + now.length + " bytes");
    DedupState back = DedupSerdes.STATE.deserializer().deserialize("t", now);
    assertNull(back.article);
    assertFalse(back.articleInState());
    back.holding(article);
    EnrichedArticle published = back.apply(DedupMessage.of(new Verdict("b", "v1", false, null, 0, null, 0)));
    assertNull(published, "one of two buckets answered");
    assertEquals("b", back.apply(DedupMessage.of(new Verdict("b", "v1", false, null, 0, null, 0))).getId());

    // Format 2, as states were written before: the article inside.
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeByte(2);
      out.writeBoolean(true);
      out.writeUTF("v1");
      byte[] encoded = new dev.newsflow.wire.SingleObjectCodec<>(EnrichedArticle.class).encode(article);
      out.writeBoolean(true);
      out.writeInt(encoded.length);
      out.write(encoded);
      out.writeInt(2);
      out.writeInt(0);
      out.writeBoolean(false);
      out.writeBoolean(false);
      out.writeShort(0);
    }
    DedupState legacy = DedupSerdes.STATE.deserializer().deserialize("t", bytes.toByteArray());
    assertTrue(legacy.articleInState());
    assertEquals(article, legacy.takeLegacyArticle());
    assertFalse(legacy.articleInState());
    assertEquals(2, legacy.expected);
  }

  @Test
  void internalRecordsSurviveTheirSerdes() {
    Probe p = probe("a", 5, "Central bank raises rates", BODY, "https://example.com/x");
    Probe back = DedupSerdes.PROBE.deserializer().deserialize("t", DedupSerdes.PROBE.serializer().serialize("t", p));
    assertEquals(p.articleId(), back.articleId());
    assertEquals(p.canonicalUrl(), back.canonicalUrl());
    assertEquals(List.of(p.signature()[0], p.signature()[62]), List.of(back.signature()[0], back.signature()[62]));
    DedupState s = new DedupState();
    s.apply(DedupMessage.of(new Verdict("a", "v1", false, "z", 3, "near-duplicate", 0.8)));
    DedupState s2 = DedupSerdes.STATE.deserializer().deserialize("t", DedupSerdes.STATE.serializer().serialize("t", s));
    assertEquals(s.best, s2.best);
    assertNotEquals(null, s2.version);
  }

  @Test
  void anArticleCrossesToTheBucketsOncePerPartitionWithEveryKeyOnItsPartition() {
    Fingerprint f = Fingerprint.of(ArticleText.of("Central bank raises rates", BODY), "https://example.com/x");
    Probe p = Probe.of("a", "v1", 5, f);
    List<String> keys = f.bucketKeys();
    List<ProbeBatch> batches = ProbeBatch.of(p, keys, 3);
    assertEquals(3, batches.size(), "24 keys over 3 partitions");
    assertEquals(keys.size(), batches.stream().mapToInt(b -> b.keys().size()).sum());
    for (ProbeBatch b : batches) {
      for (String key : b.keys()) {
        // Where Kafka's default partitioner puts a String key: the buckets stay where they were.
        assertEquals(org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
            key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 3, b.group());
      }
    }
    ProbeBatch back = DedupSerdes.PROBES.deserializer().deserialize("t",
        DedupSerdes.PROBES.serializer().serialize("t", batches.get(1)));
    assertEquals(batches.get(1).keys(), back.keys());
    assertEquals(batches.get(1).group(), back.group());
    assertEquals(p.articleId(), back.probe().articleId());
  }

  @Test
  void aBatchCarriesTheKeysItIsFiledUnderAndTheOnesItOnlyReads() {
    Fingerprint f = Fingerprint.of(ArticleText.of("Central bank raises rates", BODY), "https://example.com/x");
    Probe p = Probe.of("a", "v1", 5, f);
    List<String> keys = List.of("s:1:2:10");
    List<String> lookups = List.of("s:1:2:9", "s:1:2:11", "s:1:3:9", "s:1:3:11");
    List<ProbeBatch> batches = ProbeBatch.of(p, keys, lookups, 3);
    java.util.Set<Integer> groups = new java.util.TreeSet<>();
    java.util.stream.Stream.concat(keys.stream(), lookups.stream()).forEach(k -> groups.add(ProbeBatch.groupOf(k, 3)));
    assertEquals(groups, batches.stream().map(ProbeBatch::group).collect(java.util.stream.Collectors.toCollection(
        java.util.TreeSet::new)), "one batch per partition of the keys or lookups: a partition with lookups only answers too");
    assertEquals(lookups.size(), batches.stream().mapToInt(b -> b.lookups().size()).sum());
    for (ProbeBatch b : batches) {
      ProbeBatch back = DedupSerdes.PROBES.deserializer().deserialize("t", DedupSerdes.PROBES.serializer().serialize("t", b));
      assertEquals(b.keys(), back.keys());
      assertEquals(b.lookups(), back.lookups());
    }
  }

  @Test
  void aBucketOnlyReadIsLeftAsItWas() {
    Probe first = probe("a", 10, "Central bank raises rates", BODY, null);
    Probe copy = probe("b", 20, "Central bank raises rates", BODY, null);
    Bucket bucket = Bucket.empty();
    bucket.probe(first, 128, Bucket.Comparisons.NONE);
    List<Verdict> read = bucket.compare(copy, Bucket.Comparisons.NONE, DuplicateRules::match);
    assertEquals("a", read.get(0).originalId(), "compared as if filed");
    assertEquals(1, bucket.entries().size(), "but not filed");
    Bucket other = Bucket.empty();
    other.probe(copy, 128, Bucket.Comparisons.NONE);
    List<Verdict> earlier = other.compare(first, Bucket.Comparisons.NONE, DuplicateRules::match);
    assertEquals("b", earlier.get(1).articleId(), "a later member is corrected");
    assertEquals("a", earlier.get(1).originalId());
    assertNull(other.entries().get(0).originalId(), "its original not noted in a bucket only read");
  }

  @Test
  void aBucketKeepsItsEarliestMembersWhateverTheOrder() {
    List<Probe> probes = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      probes.add(probe("p" + (char) ('a' + i), 100 - i, "Central bank raises rates", BODY + " " + i, null));
    }
    for (long seed = 0; seed < 5; seed++) {
      List<Probe> order = new java.util.ArrayList<>(probes);
      java.util.Collections.shuffle(order, new java.util.Random(seed));
      Bucket bucket = Bucket.empty();
      order.forEach(pr -> bucket.probe(pr, 4, Bucket.Comparisons.NONE));
      assertEquals(List.of("pl", "pk", "pj", "pi"), bucket.entries().stream().map(e -> e.probe().articleId()).toList(),
          "order " + seed);
    }
  }
}
