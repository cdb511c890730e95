package dev.newsflow.streams.enrich.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProductVersionTest {
  /** What follows {@code family} at the start of {@code text} (written with its case). */
  private static ProductVersion.Read after(String family, String text) {
    return ProductVersion.after(text.toLowerCase(java.util.Locale.ROOT), text, family.length());
  }

  @Test
  void readsTheVersionForms() {
    assertEquals("2.0", after("Seedance", "Seedance 2.0, the second").version());
    assertEquals("2.0 Pro", after("Seedance", "Seedance 2.0 Pro model").version());
    assertEquals("3.5", after("Qwen", "Qwen3.5 arrives").version());
    assertEquals("3", after("Qwen", "Qwen3").version());
    assertEquals("5", after("GLM", "GLM-5, a flagship").version());
    assertEquals("K2.5", after("Kimi", "Kimi K2.5 model").version());
    assertEquals("V3.2", after("DeepSeek", "DeepSeek-V3.2 with sparse attention").version());
    assertEquals("R1", after("DeepSeek", "DeepSeek R1").version());
    assertEquals("950PR", after("Ascend", "Ascend 950PR accelerator").version());
    assertEquals("4o", after("GPT", "GPT-4o").version());
    assertEquals("Opus 4.6", after("Claude", "Claude Opus 4.6 with").version());
    assertEquals("2.0", after("Seedance", "Seedance 2.0视频生成模型").version());
  }

  @Test
  void readsNoVersionWhereThereIsNone() {
    assertEquals(null, after("Kimi", "Kimi models compete").version());
    assertEquals(null, after("Claude", "Claude Opus model").version(), "a tier alone is no version");
    assertEquals(null, after("Seedance", "Seedance 2026 campaign").version(), "a year");
    assertEquals(null, after("Seedance", "Seedance 15seconds").version());
    assertEquals(null, after("Seedance", "Seedance, 2.0").version());
  }

  @Test
  void aModalityWrittenOntoTheNameJoinsTheFamily() {
    ProductVersion.Read zh = after("混元", "混元3D生成模型");
    assertEquals("3D", zh.suffix());
    assertEquals(null, zh.version());
    ProductVersion.Read en = after("Hunyuan", "HunyuanImage 3.0 model");
    assertEquals("Image", en.suffix());
    assertEquals("3.0", en.version());
    assertEquals("", after("Seedance", "Seedance video model").suffix(), "a separate word is not part of the name");
  }

  @Test
  void splitsAProductNameThatCarriesItsVersion() {
    assertEquals(new ProductVersion.Split("GPT", "5"), ProductVersion.split("GPT-5"));
    assertEquals(new ProductVersion.Split("Walker", "S2"), ProductVersion.split("Walker S2"));
    assertEquals(new ProductVersion.Split("Step", "3"), ProductVersion.split("Step-3"));
    assertEquals(new ProductVersion.Split("Claude Code", null), ProductVersion.split("Claude Code"));
    assertEquals(new ProductVersion.Split("Go2", null), ProductVersion.split("Go2"));
    assertEquals(new ProductVersion.Split("Hunyuan 3D", null), ProductVersion.split("Hunyuan 3D"));
  }
}
