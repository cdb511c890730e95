package dev.newsflow.streams.phrases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySentenceTest {
  @Test
  void sentencesAreTheSplittersWithWhitespaceCollapsed() {
    String article = "ByteDance launched Seedance 2.0. It is \"fast.\" Really? Yes!  字节跳动发布了新模型。“很好。”他说！（完）";
    assertEquals(List.of("ByteDance launched Seedance 2.0.", "It is \"fast.\"", "Really?", "Yes!", "字节跳动发布了新模型。",
        "“很好。”", "他说！", "（完）"), KeySentence.sentences(article));
  }

  /**
   * A company's legal suffix does not end the sentence that names it, and neither does a line of wrapped wire copy:
   * both used to make the key sentence a fragment ("Shares of Acme Inc.").
   */
  @Test
  void theKeySentenceIsWholeAroundAbbreviationsAndWrappedLines() {
    assertEquals(new KeySentence("Shares of Acme Inc. rose 5% after the launch of its Widget 3 robot.", 2),
        KeySentence.choose("Acme rises", "Shares of Acme Inc. rose 5% after the launch of its\nWidget 3 robot. Others fell.",
            List.of("Acme", "Widget 3")));
  }

  @Test
  void theSentenceNamingMostNamesWinsTheEarliestOnATie() {
    String body = "Video tools are everywhere. ByteDance has a new model. ByteDance released Seedance 2.0 today."
        + " Seedance 2.0 is fast.";
    assertEquals(new KeySentence("ByteDance released Seedance 2.0 today.", 2),
        KeySentence.choose("t", body, List.of("ByteDance", "Seedance")));
    assertEquals(new KeySentence("ByteDance has a new model.", 1), KeySentence.choose("t", body, List.of("ByteDance")));
  }

  @Test
  void versionNumbersDoNotEndASentenceAndChineseStopsDo() {
    assertEquals(List.of("Qwen 3.5 is out.", "It is fast!"), KeySentence.sentences("Qwen 3.5 is out.  It is fast!"));
    assertEquals(List.of("阿里巴巴发布Qwen3.5。", "性能提升明显。"), KeySentence.sentences("阿里巴巴发布Qwen3.5。性能提升明显。"));
    assertEquals(List.of("他说：“模型已上线。”", "用户可以试用。"), KeySentence.sentences("他说：“模型已上线。”用户可以试用。"));
    assertEquals(List.of("He said: \"It is out.\"", "Try it."), KeySentence.sentences("He said: \"It is out.\" Try it."));
  }

  @Test
  void whitespaceIsCollapsedByTheContractsRuleNoBreakAndIdeographicSpacesIncluded() {
    assertEquals(List.of("Seedance 2.0 is out.", "字节跳动 发布 Seedance 2.0。"),
        KeySentence.sentences("Seedance\u00A02.0\tis\n out.  字节跳动\u3000发布\u2028Seedance 2.0。"));
    assertEquals(new KeySentence("Acme buys Widgets", 1),
        KeySentence.choose("\u00A0Acme\u00A0buys  Widgets\u3000", "No names here.", List.of("Acme")));
  }

  @Test
  void theTitleStandsInWhenNoSentenceNamesTheCompany() {
    assertEquals(new KeySentence("Acme buys Widgets", 1), KeySentence.choose("Acme buys Widgets", "No names here.", List.of("Acme")));
    assertNull(KeySentence.choose("", "", List.of("Acme")));
  }

  @Test
  void aLongSentenceIsCutAtAWord() {
    String words = "Acme " + "word ".repeat(100) + "end.";
    KeySentence k = KeySentence.choose("t", words, List.of("Acme"));
    assertTrue(k.text().length() <= KeySentence.MAX_CHARS && k.text().endsWith("word\u2026"), k.text());
    assertTrue(words.startsWith(k.text().substring(0, k.text().length() - 1)));
  }
}
