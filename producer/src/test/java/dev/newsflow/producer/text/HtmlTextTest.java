package dev.newsflow.producer.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTextTest {
  @Test
  void markupBecomesTextWithParagraphs() {
    assertEquals("Nvidia & AMD report “record” quarters\n\nSecond paragraph, with a link.",
        HtmlText.toText("<p>Nvidia &amp; AMD report &ldquo;record&rdquo; quarters</p>"
            + "<p>Second <b>paragraph</b>, with <a href='javascript:alert(1)'>a link</a>.</p>"));
  }

  @Test
  void scriptsStylesAndCommentsVanishWithTheirContent() {
    assertEquals("Visible", HtmlText.toText("<script>alert('x')</script><style>p{}</style><!-- hidden -->Visible"));
  }

  @Test
  void unclosedAndMisnestedMarkupIsTolerated() {
    assertEquals("Bold start\n\nitem one\n\nitem two", HtmlText.toText("<b>Bold <i>start<p><ul><li>item one<li>item two"));
  }

  @Test
  void plainTextStaysAsWritten() {
    assertEquals("Fish & Chips < 3 > 2", HtmlText.toText("Fish & Chips < 3 > 2"));
    assertEquals("One line title", HtmlText.toLine("  One\n line\ttitle "));
  }

  @Test
  void controlCharactersAreRemovedAndWindows1252C1IsRepaired() {
    assertEquals("don’t stop", CleanText.strip("don\u0092t\u0000 stop\u0007"));
    assertEquals("a\nb\nc", CleanText.strip("a\r\nb\rc"));
    assertEquals("pair 😀 kept, lone dropped", CleanText.strip("pair \uD83D\uDE00 kept, lone\uD800 dropped"));
  }

  @Test
  void truncationNeverSplitsASurrogatePair() {
    assertEquals("ab…", CleanText.truncate("ab\uD83D\uDE00cd", 4));
  }
}
