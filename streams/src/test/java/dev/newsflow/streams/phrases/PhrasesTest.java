package dev.newsflow.streams.phrases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.newsflow.contract.Whitespace;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PhrasesTest {
  @Test
  void everyCharacterIsJudgedByItsScript() {
    java.util.Set<Character.UnicodeScript> cjk = java.util.EnumSet.of(Character.UnicodeScript.HAN,
        Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA, Character.UnicodeScript.HANGUL);
    for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
      assertEquals(cjk.contains(Character.UnicodeScript.of(c)), Phrases.isCjk((char) c), Integer.toHexString(c));
    }
  }

  @Test
  void latinTermsMatchWholeWordsAndCjkTermsMatchAnywhere() {
    String text = Phrases.normalize("Meta's  metadata team met 阿里巴巴发布通义千问");
    // "metadata team" is found: whitespace is collapsed.
    assertEquals(List.of("meta", "通义千问", "metadata team"),
        found(Phrases::contains, text, "meta", "data", "通义千问", "metadata team"));
  }

  @Test
  void aProductFamilyMayRunIntoItsVersion() {
    String text = Phrases.normalize("Alibaba releases Qwen3.5; GLM-5 and G10 too");
    // "g1" is not found: a family ending in a digit needs a boundary.
    assertEquals(List.of("qwen", "glm"), found(Phrases::containsProduct, text, "qwen", "glm", "g1"));
    assertFalse(Phrases.contains(text, "qwen"), "a term is a whole word");
  }

  @Test
  void theNormalFormIsNfkcInLowerCaseWithTheContractsWhitespace() {
    // Lower-casing then collapsing, as normalize did before it was written as written(text) in lower case.
    for (String s : new String[] {"  ΟΔΟΣ  ΣΑΣ\u00A0", "İstanbul\u3000Ｑｗｅｎ３.５", "a\u2028b\r\n\tc ", "ﬁne ΣΑ", "", null}) {
      String before = s == null ? "" : Whitespace.collapse(Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT));
      assertEquals(before, Phrases.normalize(s), s);
      assertEquals(before, Phrases.written(s).toLowerCase(Locale.ROOT), s);
    }
    assertEquals("Qwen3.5 is out", Phrases.written(" Ｑｗｅｎ３.５\u00A0is\n out "));
  }

  @Test
  void findsRumourWordingInEnglishAndChinese() {
    assertEquals(Optional.of("people familiar with"),
        RumourWording.find("AWS and OpenAI", "after the partnership, people familiar with the matter said."));
    assertEquals(Optional.of("知情人士"), RumourWording.find("月之暗面完成新一轮融资", "据知情人士透露，月之暗面已完成新一轮融资"));
    assertEquals(Optional.of("reportedly"), RumourWording.find("Acme Reportedly Plans Layoffs", ""));
    assertEquals(Optional.empty(), RumourWording.find("Acme reports results", "Sources of revenue grew."));
  }

  /** Which of {@code terms} {@code finds} finds in {@code text}, in their order. */
  private static List<String> found(BiPredicate<String, String> finds, String text, String... terms) {
    return Stream.of(terms).filter(term -> finds.test(text, term)).toList();
  }
}
