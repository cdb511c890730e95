package dev.newsflow.streams.enrich.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.schema.Company;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseDetectorTest {
  private static final Company BYTEDANCE = company("bytedance", "ByteDance Ltd.", List.of("ByteDance", "字节跳动"),
      List.of("Seedance", "Doubao", "豆包", "Volcano Engine", "火山引擎"));
  private static final Company KUAISHOU = company("kuaishou", "Kuaishou Technology", List.of("Kuaishou", "快手"),
      List.of("Kling", "可灵"));
  private static final Company DEEPSEEK = company("deepseek", "DeepSeek", List.of("深度求索"), List.of());
  private static final Company OPENAI = company("openai", "OpenAI", List.of(), List.of("ChatGPT", "GPT-5", "GPT-4o"));
  private static final Company ANTHROPIC = company("anthropic", "Anthropic PBC", List.of("Anthropic"),
      List.of("Claude", "Claude Code"));
  private static final Company ALIBABA = company("alibaba", "Alibaba Group Holding Ltd",
      List.of("Alibaba", "阿里巴巴", "阿里云"), List.of("Qwen", "通义千问", "通义"));
  private static final Company GOOGLE = company("google", "Alphabet Inc.", List.of("Google"), List.of("Gemini", "Veo"));
  private static final Company UBTECH = company("ubtech", "UBTech Robotics Corp Ltd", List.of("UBTech", "优必选"),
      List.of("Walker S2"));
  private static final Company CAMBRICON = company("cambricon", "Cambricon", List.of("寒武纪"), List.of());

  private final ReleaseDetector detector = new ReleaseDetector();

  private List<DetectedRelease> detect(String title, String body, Company... linked) {
    return detector.detect(title, body, List.of(linked));
  }

  private static DetectedRelease release(Company c, String product, String version, String evidence, double confidence) {
    return new DetectedRelease(c.getId(), product, version, evidence, confidence);
  }

  // --- positives ------------------------------------------------------------------------------------

  @Test
  void anEnglishLaunchYieldsCompanyProductVersionAndTheSentenceThatSaysSo() {
    assertEquals(List.of(release(KUAISHOU, "Kling", "3.0", "Kuaishou rolled out Kling 3.0 on Wednesday.", 0.95)),
        detect("Kuaishou rolls out Kling 3.0 with native audio",
            "Kuaishou rolled out Kling 3.0 on Wednesday. The model generates longer clips with sound.", KUAISHOU));
  }

  @Test
  void aChineseReleaseIsReadAndTheCompanyNameServesAsFamilyWhenAVersionFollowsIt() {
    assertEquals(List.of(release(DEEPSEEK, "DeepSeek", "V3.2", "深度求索今日正式开源DeepSeek-V3.2模型。", 0.95)),
        detect("深度求索开源DeepSeek-V3.2", "深度求索今日正式开源DeepSeek-V3.2模型。新模型采用稀疏注意力机制。", DEEPSEEK));
  }

  @Test
  void aReleaseWordAfterTheProductCountsWhenAVersionIsStated() {
    assertEquals(List.of(release(KUAISHOU, "可灵", "3.0", "可灵3.0正式上线", 0.75)),
        detect("可灵3.0正式上线", "创作者可以生成更长的视频。", KUAISHOU));
    assertEquals(List.of(release(BYTEDANCE, "Seedance", "2.0", "Clips spread within hours of Seedance 2.0 becoming available.", 0.75)),
        detect("AI video clips go viral", "Clips spread within hours of Seedance 2.0 becoming available.", BYTEDANCE));
  }

  @Test
  void eachReleaseVerbIsRecognisedInBothLanguages() {
    for (String verb : List.of("launches", "unveiled", "releases", "rolled out", "open-sources", "introduces", "debuts",
        "announced", "has launched")) {
      assertEquals(List.of("Qwen 3.5"), names(detect("Alibaba " + verb + " Qwen3.5", "", ALIBABA)), verb);
    }
    for (String verb : List.of("发布", "推出", "上线", "开源", "亮相", "首发")) {
      assertEquals(List.of("Qwen 3.5"), names(detect("阿里巴巴" + verb + "新一代大模型Qwen3.5", "", ALIBABA)), verb);
    }
  }

  @Test
  void versionsAreReadAsTheCompanyWritesThem() {
    assertEquals(List.of("Seedance 1.0 Pro"), names(detect("ByteDance introduces Seedance 1.0 Pro", "", BYTEDANCE)));
    assertEquals(List.of("Claude Opus 4.6"), names(detect("Anthropic unveils Claude Opus 4.6", "", ANTHROPIC)));
    assertEquals(List.of("GPT 5.2"), names(detect("OpenAI launches GPT-5.2 for professionals", "", OPENAI)));
    assertEquals(List.of("GPT 5"), names(detect("OpenAI launches GPT-5", "", OPENAI)), "a product that carries its version");
    assertEquals(List.of("DeepSeek R1"), names(detect("DeepSeek releases DeepSeek-R1", "", DEEPSEEK)));
    assertEquals(List.of("Walker S2"), names(detect("UBTech unveils Walker S2", "", UBTECH)));
  }

  @Test
  void anUnnumberedNewVersionIsReportedOnlyWhenTheSentenceSaysItIsNew() {
    assertEquals(List.of(release(ANTHROPIC, "Claude", null,
            "Anthropic released a new version of its Claude Opus model.", 0.6)),
        detect("Anthropic upgrades its coding agents", "Anthropic released a new version of its Claude Opus model.", ANTHROPIC));
    assertEquals(List.of(), detect("Anthropic ships Claude to schools", "", ANTHROPIC));
  }

  @Test
  void anUnnumberedMentionGivesWayToTheNumberedReleaseOfTheSameCompany() {
    assertEquals(List.of("Qwen 3.5"), names(detect("阿里巴巴发布通义千问Qwen3.5",
        "阿里巴巴今日发布新一代大模型通义千问Qwen3.5，并同步开源多个尺寸的模型权重。", ALIBABA)));
  }

  @Test
  void aReleaseNounElsewhereInTheSentenceIsTheWeakestCue() {
    assertEquals(List.of(release(BYTEDANCE, "Seedance", "2.0",
            "Regulators questioned the deepfake risks of Seedance 2.0 after its launch.", 0.6)),
        detect("Deepfake worries", "Regulators questioned the deepfake risks of Seedance 2.0 after its launch.", BYTEDANCE));
  }

  // --- negatives ------------------------------------------------------------------------------------

  @Test
  void rumourWordingIsNotARelease() {
    assertEquals(List.of(), detect("ByteDance reportedly launches Seedance 3.0", "ByteDance launches Seedance 3.0.", BYTEDANCE));
    assertEquals(List.of(), detect("字节跳动新模型", "据知情人士透露，字节跳动已发布Seedance 3.0。", BYTEDANCE));
    assertEquals(List.of(), detect("Video race", "ByteDance released Seedance 3.0, people familiar with the matter said.", BYTEDANCE));
  }

  @Test
  void plansAndTheFutureAreNotReleases() {
    for (String body : List.of("ByteDance plans to launch Seedance 3.0 next month.", "ByteDance will release Seedance 3.0.",
        "ByteDance is expected to unveil Seedance 3.0 in March.", "ByteDance aims to release Seedance 3.0 soon.",
        "字节跳动计划于下月发布Seedance 3.0。", "字节跳动将于三月推出Seedance 3.0。", "字节跳动即将上线Seedance 3.0。",
        "字节跳动预计推出Seedance 3.0。")) {
      assertEquals(List.of(), detect("Video race", body, BYTEDANCE), body);
    }
  }

  @Test
  void negatedReleasesAreNotReleases() {
    for (String body : List.of("ByteDance has not released Seedance 3.0.", "ByteDance denied it launched Seedance 3.0.",
        "ByteDance postponed the launch of Seedance 3.0.", "字节跳动尚未发布Seedance 3.0。", "字节跳动否认推出Seedance 3.0。")) {
      assertEquals(List.of(), detect("Video race", body, BYTEDANCE), body);
    }
  }

  @Test
  void anOldProductMentionedIsNotARelease() {
    for (String body : List.of("Kuaishou, which launched Kling 2.1 last year, reported higher revenue.",
        "Creators still prefer Kling 2.1 for long clips.", "快手去年推出的可灵2.1仍是主力产品。", "可灵此前发布的2.1版本广受欢迎。",
        "The release follows Kling 2.1, which Kuaishou introduced last June.")) {
      assertEquals(List.of(), detect("Kuaishou results", body, KUAISHOU), body);
    }
  }

  @Test
  void aReviewIsNotARelease() {
    assertEquals(List.of(), detect("Review: Seedance 2.0 makes cinematic clips easy",
        "ByteDance released Seedance 2.0 this week. We spent three days with it.", BYTEDANCE));
    assertEquals(List.of(), detect("Seedance 2.0评测：上手体验", "字节跳动发布Seedance 2.0后，我们进行了测试。", BYTEDANCE));
  }

  @Test
  void aReleaseOfSomethingElseIsNotAProductRelease() {
    assertEquals(List.of(), detect("Google DeepMind expands Gemini 3",
        "Google introduced new agent tools for its Gemini 3 models.", GOOGLE), "a feature for an old model");
    assertEquals(List.of(), detect("ByteDance launches Seedance 2.0", "", KUAISHOU), "ByteDance is not linked");
    assertEquals(List.of(), detect("寒武纪发布年度业绩预告", "寒武纪日前发布年度业绩预告，营收大幅增长。", CAMBRICON));
    assertEquals(List.of(), detect("ByteDance releases Seedance 2.0 to users of its Doubao app", "", BYTEDANCE).stream()
        .filter(r -> r.product().equals("Doubao")).toList(), "a product after a preposition is not what was released");
    assertEquals(List.of(), detect("Seedance turns 2026", "ByteDance launched its Seedance 2026 campaign.", BYTEDANCE),
        "a year is not a version");
    assertEquals(List.of(), detect("Fleet news", "Kuaishou agreed to lease a new Kling 3.0 server cluster.", KUAISHOU),
        "new is not a release word");
    assertEquals(List.of(), detect("Fans", "Seedance 2.0 users launched a campaign for longer clips.", BYTEDANCE),
        "the users launched something");
    assertEquals(List.of("Kling 3.0"), names(detect("Rivals", "Seedance 2.0 users praised the launch of Kling 3.0.",
        BYTEDANCE, KUAISHOU)), "the launch is Kling's");
    for (String body : List.of("Alibaba released results showing Qwen 3 downloads doubled.",
        "Alibaba announced that Qwen 3 downloads doubled.", "Alibaba launched a phone running Qwen 3 on device.",
        "阿里巴巴发布财报显示Qwen3下载量翻倍。")) {
      assertEquals(List.of(), detect("Alibaba results", body, ALIBABA), body);
    }
  }

  @Test
  void oneReleaseReportedTwiceIsOneDetectionWithTheBodySentenceAsEvidence() {
    List<DetectedRelease> found = detect("ByteDance launches Seedance 2.0",
        "ByteDance launched Seedance 2.0 on Tuesday. 字节跳动发布Seedance 2.0。", BYTEDANCE);
    assertEquals(List.of(release(BYTEDANCE, "Seedance", "2.0", "ByteDance launched Seedance 2.0 on Tuesday.", 0.95)), found);
  }

  private static List<String> names(List<DetectedRelease> releases) {
    return releases.stream().map(DetectedRelease::displayName).toList();
  }

  static Company company(String id, String name, List<String> aliases, List<String> products) {
    return Company.newBuilder().setId(id).setName(name).setAliases(aliases).setProducts(products).build();
  }
}
