package dev.newsflow.streams.enrich.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.enrich.text.ArticleText;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The marks that join distinct reports of one event, their keys, their rule, and how a decision uses them. */
class StoryMarksTest {
  static final long T0 = Instant.parse("2026-02-10T08:00:00Z").toEpochMilli();

  @Test
  void distinctiveTokensAreNamesWithDigitsAmountsAndCapitalisedNamesInAnyLanguage() {
    List<String> en = StoryMarks.distinctive("ByteDance launches Seedance 2.0 with Doubao tie-in",
        "On February 10, 2026 ByteDance said Seedance 2.0 adds audio. The model costs 30% less than Veo and "
        + "ships in the Volcano Engine cloud to 4,096 customers. It follows Seedance 1.0.", List.of("ByteDance", "字节跳动"),
        List.of("Doubao")).stream().map(t -> t.text() + (t.strong() ? "!" : "")).toList();
    assertEquals(List.of("2.0!", "4096!", "1.0!", "doubao!", "30%", "seedance", "veo", "volcano"), en,
        "strong first; no year, day, sentence-opening word, ordinary word (Engine) or company name; at most "
        + StoryMarks.MAX_TOKENS);
    List<String> zh = StoryMarks.distinctive("字节跳动发布Seedance 2.0视频生成模型",
        "字节跳动周二发布Seedance 2.0，价格比Veo低30%。", List.of("字节跳动"), List.of()).stream()
        .map(StoryMarks.Token::text).toList();
    assertEquals(List.of("2.0", "30%", "seedance", "veo"), zh);
  }

  @Test
  void anAmountWithAScaleIsOneTokenInEveryWritingAndLanguage() {
    List<String> en = texts(StoryMarks.distinctive("Baidu buys Lumora for $1.35bn",
        "The $1.35 billion deal, with 680 million in stock, beats a $2bn offer and costs 4.5 bn yuan.", List.of("Baidu"),
        List.of()));
    assertEquals(List.of("1350000000!", "680000000!", "4500000000!", "2000000000", "lumora"), en,
        "folded to the value, the currency dropped; two significant digits or more are specific");
    List<String> zh = texts(StoryMarks.distinctive("百度拟以13.5亿美元收购Lumora",
        "其中6.8亿元以股票支付，另有20亿美元报价落空，召回4.128万辆。", List.of("百度"), List.of()));
    assertEquals(List.of("1350000000!", "680000000!", "41280!", "2000000000", "lumora"), zh);
  }

  @Test
  void aHostileRunOfDigitsIsNotFoldedAsAnAmount() {
    // 200,000 digits and a scale: folding would parse them as one BigDecimal (its cost grows with the square of
    // the length); the run stays a plain number (specific: not round, not a year), the other tokens as usual.
    String digits = "7".repeat(200_000);
    List<String> tokens = texts(StoryMarks.distinctive("Acme raises $2.5bn", "It sold " + digits + " billion units.",
        List.of("Acme"), List.of()));
    assertEquals("2500000000!", tokens.get(0), tokens.toString());
    assertTrue(tokens.contains(digits + "!"), "the run is a plain specific number");
  }

  @Test
  void chineseProductNamesAreTokensFoundAnywhereInTheText() {
    List<String> zh = texts(StoryMarks.distinctive("腾讯混元大模型接入比亚迪DiLink座舱", "通义千问与微信车载版同步上线。",
        List.of("腾讯", "比亚迪"), List.of("Hunyuan", "混元", "微信", "通义千问", "通义")));
    assertEquals(List.of("混元!", "微信!", "通义千问!", "dilink"), zh,
        "a product inside a longer one found (通义 in 通义千问) is no token of its own");
  }

  @Test
  void namesAloneMakeNoStoryAtLeastOneSharedTokenIsADetail() {
    StoryMarks recall = StoryMarks.of("Xiaomi recalls 41,280 SU7 cars", "The YU7 is not affected.", List.of("xiaomi"),
        List.of("Xiaomi"), List.of("SU7"));
    StoryMarks orders = StoryMarks.of("Xiaomi YU7 orders rise", "Deliveries of the SU7 held steady.", List.of("xiaomi"),
        List.of("Xiaomi"), List.of("SU7"));
    StoryMarks other = StoryMarks.of("Xiaomi will recall 41,280 SU7 sedans", "An update fixes the fault.",
        List.of("xiaomi"), List.of("Xiaomi"), List.of("SU7"));
    assertNull(StoryMarks.match(probe("orders", T0 + 1000, orders), probe("recall", T0, recall)),
        "two model names, no shared amount or word: " + recall + " " + orders);
    assertNotNull(StoryMarks.match(probe("other", T0 + 1000, other), probe("recall", T0, recall)),
        "a model name and the number of cars");
  }

  private static List<String> texts(List<StoryMarks.Token> tokens) {
    return tokens.stream().map(t -> t.text() + (t.strong() ? "!" : "")).toList();
  }

  @Test
  void twoReportsMatchOnASharedCompanyTwoSharedTokensOneStrongAndTheWindow() {
    Probe en = probe("en", T0, marks(List.of("bytedance"), "Seedance", "2.0", "Doubao"));
    Probe zh = probe("zh", T0 + Duration.ofHours(47).toMillis(), marks(List.of("bytedance", "kuaishou"), "Seedance", "2.0"));
    DuplicateRules.Match m = StoryMarks.match(zh, en);
    assertNotNull(m);
    assertEquals(StoryMarks.RULE, m.rule());
    assertEquals(2.0, m.similarity());
    assertNull(StoryMarks.match(probe("late", T0 + Duration.ofHours(49).toMillis(),
        marks(List.of("bytedance"), "Seedance", "2.0")), en), "outside the window");
    assertNull(StoryMarks.match(probe("one", T0, marks(List.of("bytedance"), "Seedance", "Kling")), en), "one token");
    assertNull(StoryMarks.match(probe("weak", T0, marks(List.of("bytedance"), "Seedance", "Doubao")), en),
        "two names, neither with digits, an amount or a product");
    assertNull(StoryMarks.match(probe("other", T0, marks(List.of("kuaishou"), "Seedance", "2.0")), en), "no company");
    assertTrue(StoryMarks.of("t", "Seedance 2.0", List.of("a", "b", "c", "d"), List.of()).isEmpty(),
        "an overview of many companies follows no single event");
  }

  @Test
  void twoReportsWithinTheWindowMeetInABucketWhicheverIsReadSecond() {
    StoryMarks m = marks(List.of("bytedance"), "Seedance", "2.0");
    long slot = StoryMarks.WINDOW.toMillis();
    for (long a : new long[] {3 * slot, 3 * slot + 1, 4 * slot - 1}) {
      for (long d = 0; d <= slot; d += slot / 8) {
        long b = a + d;
        assertTrue(read(m, b).stream().anyMatch(m.keys(a)::contains), b + " finds " + a);
        assertTrue(read(m, a).stream().anyMatch(m.keys(b)::contains), a + " finds " + b);
      }
    }
    assertEquals(List.of(), m.keys(0), "no publication time, no story keys");
    assertEquals(List.of(), m.lookups(0));
    assertEquals(1, m.keys(3 * slot).size(), "one company, its one strong token (2.0, not Seedance), filed in its slot");
    assertEquals(2, m.lookups(3 * slot).size(), "and read in the slots either side");
    assertTrue(m.lookups(3 * slot).stream().noneMatch(m.keys(3 * slot)::contains));
  }

  /** The buckets an article is compared with: those it is filed in and those it only reads. */
  private static List<String> read(StoryMarks m, long order) {
    List<String> keys = new java.util.ArrayList<>(m.keys(order));
    keys.addAll(m.lookups(order));
    return keys;
  }

  @Test
  void reportsEitherSideOfASlotBoundaryJoinOneStoryInEitherOrder() {
    StoryMarks m = marks(List.of("bytedance"), "Seedance", "2.0");
    long boundary = 4 * StoryMarks.WINDOW.toMillis();
    Fingerprint f1 = Fingerprint.of(ArticleText.of("ByteDance launches Seedance 2.0", "One wording of the launch."), null);
    Fingerprint f2 = Fingerprint.of(ArticleText.of("字节跳动发布Seedance 2.0", "另一种说法。"), null);
    Probe early = Probe.of("early", "v1", boundary - 1000, f1, m);
    Probe late = Probe.of("late", "v1", boundary + 1000, f2, m);
    for (List<Probe> order : List.of(List.of(early, late), List.of(late, early))) {
      StoryIndex index = new StoryIndex();
      for (Probe p : order) {
        Fingerprint f = p == early ? f1 : f2;
        index.add(p, keys(f, m, p.order()), m.lookups(p.order()));
      }
      assertEquals("early", index.story("late").originalId(), "read " + order.get(0).articleId() + " first");
      assertNull(index.story("early"), "the earlier report is the story's first");
    }
  }

  @Test
  void aDecisionTakesTheEarliestOfItsOriginalAndItsStoryMatchAndKeepsItsDuplicateOf() {
    EnrichedArticle article = EnrichedArticle.newBuilder().setId("c").setTitle("t").setBody("b").setStoryId("c")
        .setEnrichmentVersion("test").setPublishedAt(Instant.ofEpochMilli(T0)).build();
    DedupState state = new DedupState();
    assertNull(state.apply(DedupMessage.held(article, "v1", 1)));
    // The batch's story answer comes before the answer it counts.
    assertNull(state.apply(DedupMessage.of(new Verdict("c", "v1", false, "b", T0 - 10, StoryMarks.RULE, 3))));
    EnrichedArticle first = state.apply(DedupMessage.of(new Verdict("c", "v1", false, "a", T0 - 5, "near-duplicate", 0.8)));
    assertEquals(List.of("a", "b"), List.of(first.getDuplicateOf(), first.getStoryId()));
    // An earlier report turns up: a story correction.
    EnrichedArticle again = state.apply(DedupMessage.of(new Verdict("c", "v1", true, "e", T0 - 60, StoryMarks.RULE, 2)));
    assertEquals(List.of("a", "e"), List.of(again.getDuplicateOf(), again.getStoryId()));
    assertNull(state.apply(DedupMessage.of(new Verdict("c", "v1", true, "f", T0 - 1, StoryMarks.RULE, 2))),
        "a later story match changes nothing");

    DedupState back = DedupSerdes.STATE.deserializer().deserialize("t", DedupSerdes.STATE.serializer().serialize("t", state));
    assertEquals(state.story, back.story);
    assertEquals(state.best, back.best);
  }

  @Test
  void probesKeepTheirMarksAndProbesOfTheOlderLayoutAreReadWithout() {
    Fingerprint f = Fingerprint.of(ArticleText.of("Seedance 2.0", "ByteDance launches Seedance 2.0 with audio."), null);
    Probe p = Probe.of("a", "v1", T0, f, marks(List.of("bytedance"), "Seedance", "2.0"));
    Probe back = DedupSerdes.PROBE.deserializer().deserialize("t", DedupSerdes.PROBE.serializer().serialize("t", p));
    assertEquals(p.story(), back.story());

    Probe plain = Probe.of("a", "v1", T0, f);
    byte[] bytes = DedupSerdes.PROBE.serializer().serialize("t", plain);
    byte[] format3 = Arrays.copyOf(bytes, bytes.length - 4); // without the two empty arrays of marks
    format3[0] = 3;
    Probe old = DedupSerdes.PROBE.deserializer().deserialize("t", format3);
    assertSame(StoryMarks.NONE, old.story());
    assertEquals(plain.contentHash(), old.contentHash());
  }

  @Test
  void storyKeysAnswerApartAndBeforeTheCountedAnswer() {
    Fingerprint f1 = Fingerprint.of(ArticleText.of("ByteDance launches Seedance 2.0", "One wording of the launch."), null);
    Fingerprint f2 = Fingerprint.of(ArticleText.of("字节跳动发布Seedance 2.0", "另一种说法。"), null);
    StoryMarks m = marks(List.of("bytedance"), "Seedance", "2.0");
    StoryIndex index = new StoryIndex();
    Probe first = Probe.of("x1", "v1", T0, f1, m);
    Probe second = Probe.of("x2", "v1", T0 + 1000, f2, m);
    index.add(first, keys(f1, m, T0));
    java.util.Map<String, Bucket> fresh = new java.util.HashMap<>();
    List<Verdict> answers = new ProbeBatch(0, second, keys(f2, m, T0 + 1000))
        .fileIn(ProbeBatch.Buckets.of(fresh), 128, Bucket.Comparisons.NONE);
    assertEquals(1, answers.size(), "alone in its buckets: " + answers);
    index.add(second, keys(f2, m, T0 + 1000));
    assertEquals("x1", index.story("x2").originalId());
    assertTrue(index.decision("x2") == null || !index.decision("x2").matched(), "not a copy");
  }

  private static List<String> keys(Fingerprint f, StoryMarks m, long order) {
    List<String> keys = new java.util.ArrayList<>(f.bucketKeys());
    keys.addAll(m.keys(order));
    return keys;
  }

  private static StoryMarks marks(List<String> companies, String... tokens) {
    return StoryMarks.of("", "with " + String.join(" and ", tokens), companies, List.of());
  }

  private static Probe probe(String id, long order, StoryMarks marks) {
    return new Probe(id, "v1", order, 1, null, id.hashCode(), 0, new int[Fingerprint.BINS], marks);
  }
}
