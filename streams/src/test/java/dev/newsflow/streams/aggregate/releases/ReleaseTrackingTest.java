package dev.newsflow.streams.aggregate.releases;

import static dev.newsflow.streams.aggregate.AggregationHarness.article;
import static dev.newsflow.streams.aggregate.AggregationHarness.latest;
import static dev.newsflow.streams.aggregate.AggregationHarness.releaseOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.DeadLetter;
import dev.newsflow.schema.Release;
import dev.newsflow.schema.ReleaseRef;
import dev.newsflow.streams.aggregate.AggregationHarness;
import dev.newsflow.streams.aggregate.AggregationSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Releases joined with the companies table, latest per family and per company, first of family, coverage. */
class ReleaseTrackingTest {
  @TempDir Path stateDir;
  private AggregationHarness h;

  @BeforeEach
  void setUp() {
    h = new AggregationHarness(stateDir, AggregationSettings.defaults());
    h.company("bytedance", "ByteDance Ltd.", List.of("ByteDance", "字节跳动"));
    h.company("alibaba", "Alibaba Group Holding Ltd", List.of("Alibaba", "阿里巴巴"));
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  @Test
  void theLatestReleaseOfEachFamilyIsReadByVersionAndTheCompanyIsFoundByIdOrName() {
    h.release(releaseOf("s1", "bytedance", "Seedance", "1.0 Pro", "2025-06-11T08:00:00Z"));
    h.release(releaseOf("s2", "ByteDance", "Seedance", "2.0", "2026-02-10T07:30:00Z"));
    h.release(releaseOf("q3", "alibaba", "Qwen", "3", "2025-04-29T02:00:00Z"));
    h.release(releaseOf("q25", "阿里巴巴", "Qwen", "2.5", "2024-09-19T06:00:00Z"));
    h.release(releaseOf("q35", "Alibaba Group Holding Ltd", "Qwen", "3.5", "2026-02-16T08:00:00Z"));
    h.release(releaseOf("w1", "alibaba", "Wan", "2.1", "2025-02-25T00:00:00Z"));

    Map<String, CompanySummary> latest = latest(h.summaries);
    assertEquals(List.of("Seedance 2.0 first=false"), refs(latest.get("bytedance")));
    assertEquals(List.of("Qwen 3.5 first=false", "Wan 2.1 first=true"), refs(latest.get("alibaba")),
        "newest release first: the company's latest is Qwen 3.5");
    assertEquals(Instant.parse("2026-02-16T08:00:00Z"), latest.get("alibaba").getUpdatedAt());
    assertEquals(0, latest.get("alibaba").getArticleCount());
  }

  @Test
  void aReleaseNamingNoKnownCompanyOrWithoutAProductIsADeadLetter() {
    Release unknown = releaseOf("x1", "Nobody Inc", "Thing", "1", "2026-01-01T00:00:00Z");
    h.release(unknown);
    h.release(releaseOf("x2", "alibaba", " ", "1", "2026-01-01T00:00:00Z"));

    List<DeadLetter> letters = h.deadLetters.readValuesToList();
    assertEquals(List.of("UNKNOWN_COMPANY", "INVALID_RELEASE"), letters.stream().map(DeadLetter::getErrorType).toList());
    assertEquals("release x1 names company 'Nobody Inc', which is no company id or name in the companies topic",
        letters.get(0).getReason());
    assertEquals("release x2 has a blank product", letters.get(1).getReason());
    assertEquals(h.topics.releasesRaw().name(), letters.get(0).getSourceTopic());
    assertEquals(unknown, h.topics.releasesRaw().valueSerde().deserializer()
        .deserialize(null, letters.get(0).getValue().array()), "the dead letter holds the release itself");
    assertEquals(Map.of(), latest(h.summaries));
  }

  @Test
  void articlesNamingAProductAreCoverageOfItsNewestReleaseAtTheTimeWhicheverArrivesFirst() {
    h.publish(article("a1", "2026-02-10T08:05:00Z").title("ByteDance launches Seedance 2.0").mention("bytedance").build());
    h.publish(article("a2", "2026-02-10T08:40:00Z").title("字节跳动发布Seedance 2.0视频生成模型").mention("bytedance").build());
    h.publish(article("a3", "2026-02-10T09:00:00Z").title("ByteDance hires").mention("bytedance").build());
    h.release(releaseOf("s1", "bytedance", "Seedance", "1.0 Pro", "2025-06-11T08:00:00Z"));
    h.release(releaseOf("s2", "bytedance", "Seedance", "2.0", "2026-02-10T07:30:00Z"));
    h.publish(article("a4", "2026-02-11T06:30:00Z").title("Seedance restricts uploads").mention("bytedance").build());

    ReleaseRef s2 = latest(h.summaries).get("bytedance").getLatestReleases().get(0);
    assertEquals("s2", s2.getId());
    assertEquals(3, s2.getCoverage(), "a1, a2 (before the release was known) and a4; not a3");

    h.publish(article("a4", "2026-02-11T06:30:00Z").title("ByteDance restricts uploads").mention("bytedance").build());
    assertEquals(2, latest(h.summaries).get("bytedance").getLatestReleases().get(0).getCoverage(), "a revision moves coverage");
  }

  private static List<String> refs(CompanySummary s) {
    return s.getLatestReleases().stream().map(r -> r.getProduct() + " " + r.getVersion() + " first=" + r.getFirstOfFamily()).toList();
  }
}
