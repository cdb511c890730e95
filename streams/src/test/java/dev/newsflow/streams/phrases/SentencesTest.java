package dev.newsflow.streams.phrases;

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
  void aParagraphBreakEndsASentenceAndNothingIsLeftEmpty() {
    assertEquals(List.of("Headline", "Body."), Sentences.split("Headline\n\nBody.  "));
    assertEquals(List.of("Headline", "Body."), Sentences.split("Headline\r\n \r\nBody."));
    assertEquals(List.of(), Sentences.split("  "));
    assertEquals(List.of(), Sentences.split(null));
  }

  /** Wire copy is wrapped at a fixed width: each of its lines is not a sentence. */
  @Test
  void aSingleLineBreakIsWhitespace() {
    assertEquals(List.of("BankAmerica Corp is not under\npressure to act quickly on its proposed equity offering, analysts said.",
            "Some analysts said they have recommended\na delay."),
        Sentences.split("BankAmerica Corp is not under\npressure to act quickly on its proposed equity offering, analysts"
            + " said.\n    Some analysts said they have recommended\na delay."));
  }

  @Test
  void exclamationAndQuestionMarksEndASentenceOnlyBeforeABreak() {
    assertEquals(List.of("Yahoo!Japan grew.", "Did it?", "Yes!", "字节跳动发布新模型。"),
        Sentences.split("Yahoo!Japan grew. Did it? Yes!字节跳动发布新模型。"));
  }
}
