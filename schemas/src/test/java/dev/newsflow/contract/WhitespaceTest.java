package dev.newsflow.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Whitespace#collapse}'s fast paths give exactly what the plain rule gives. */
class WhitespaceTest {
  /** The rule as first written: every character judged by the JDK, a StringBuilder for the result. */
  private static String plainRule(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  @Test
  void everyCharIsJudgedAsTheJdkJudgesIt() {
    for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
      char ch = (char) c;
      assertEquals(Character.isWhitespace(ch) || Character.isSpaceChar(ch), Whitespace.isSpace(ch), "U+" + Integer.toHexString(c));
      String alone = String.valueOf(ch);
      assertEquals(plainRule(alone), Whitespace.collapse(alone));
      String between = "a" + ch + ch + "b " + ch;
      assertEquals(plainRule(between), Whitespace.collapse(between));
    }
  }

  @Test
  void randomTextsCollapseAsByThePlainRule() {
    char[] alphabet = {' ', ' ', ' ', '\n', '\t', '\r', '\u00A0', '\u2028', '\u3000', '\u001F', '\u0085', 'a', 'b',
        '中', '.', '\uD83D', '\uDE00', 'Z', '\u007F', '\u0000'};
    Random random = new Random(14);
    for (int n = 0; n < 20_000; n++) {
      char[] text = new char[random.nextInt(12)];
      for (int i = 0; i < text.length; i++) {
        text[i] = alphabet[random.nextInt(alphabet.length)];
      }
      String s = new String(text);
      assertEquals(plainRule(s), Whitespace.collapse(s), () -> s.chars().mapToObj(Integer::toHexString).toList().toString());
    }
  }

  @Test
  void aTextAlreadyCollapsedIsReturnedAsItIs() {
    String collapsed = "Qwen3.5 launched, 发布 today.";
    assertSame(collapsed, Whitespace.collapse(collapsed));
    assertSame("", Whitespace.collapse(""));
    assertEquals("a b", Whitespace.collapse("a  b"));
    assertEquals("a", Whitespace.collapse("a "));
    assertEquals("a", Whitespace.collapse(" a"));
  }
}
