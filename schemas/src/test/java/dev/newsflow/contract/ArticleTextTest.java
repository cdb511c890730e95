package dev.newsflow.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The text normal form and the whitespace rule every door and stage shares. */
class ArticleTextTest {
  @Test
  void controlCharactersAreRemovedAndWindows1252C1IsRepaired() {
    assertEquals("don’t stop", ArticleText.clean("don\u0092t\u0000 stop\u0007"));
    assertEquals("a\nb\nc", ArticleText.clean("a\r\nb\rc"));
    assertEquals("pair 😀 kept, lone dropped", ArticleText.clean("pair \uD83D\uDE00 kept, lone\uD800 dropped"));
  }

  @Test
  void cleanTextIsReturnedAsItIs() {
    String clean = "Already clean,\ttabs and\nnewlines kept";
    assertSame(clean, ArticleText.clean(clean));
    assertNull(ArticleText.clean((String) null));
  }

  @Test
  void truncationNeverSplitsASurrogatePair() {
    assertEquals("ab…", ArticleText.truncate("ab\uD83D\uDE00cd", 4));
    assertEquals("short", ArticleText.truncate("short", 10));
  }

  @Test
  void everyKindOfSpaceCollapsesToOneAndNoneIsLeftAtTheEnds() {
    assertEquals("a b c d e", Whitespace.collapse("\u00A0 a\t\tb\r\nc\u3000d\u2028e \u2029"));
    assertEquals("", Whitespace.collapse(" \n\u00A0"));
    assertNull(Whitespace.collapse(null));
  }
}
