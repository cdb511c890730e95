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
  void textIsPutInTheContractsNormalForm() {
    assertEquals("don’t stop", HtmlText.toText("don\u0092t\u0000 stop\u0007"));
    assertEquals("don’t stop", HtmlText.toText("<p>don\u0092t\u0000 stop</p>"));
  }
}
