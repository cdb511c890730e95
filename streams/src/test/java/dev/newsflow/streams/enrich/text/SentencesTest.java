package dev.newsflow.streams.enrich.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentencesTest {
  @Test
  void splitsEnglishAtFullStopsButNotInsideVersionsAbbreviationsOrInitials() {
    assertEquals(List.of("ByteDance Ltd. released Seedance 2.0 in the U.S. market.", "J. Smith said so!",
            "Is it good?", "See example.com for more."),
        Sentences.split("ByteDance Ltd. released Seedance 2.0 in the U.S. market. J. Smith said so!  Is it good? "
            + "See example.com for more."));
  }

  @Test
  void splitsChineseAtItsOwnPunctuationAndKeepsClosingQuotes() {
    assertEquals(List.of("字节跳动发布Seedance 2.0。", "业内人士认为，视频生成正在从“能生成”走向“能用于制作”。", "真的吗？",
            "“很好。”", "尾句"),
        Sentences.split("字节跳动发布Seedance 2.0。业内人士认为，视频生成正在从“能生成”走向“能用于制作”。真的吗？“很好。”尾句"));
  }

  @Test
  void aLineBreakEndsASentenceAndNothingIsLeftEmpty() {
    assertEquals(List.of("Headline", "Body."), Sentences.split("Headline\n\nBody.  "));
    assertEquals(List.of(), Sentences.split("  "));
    assertEquals(List.of(), Sentences.split(null));
  }
}
