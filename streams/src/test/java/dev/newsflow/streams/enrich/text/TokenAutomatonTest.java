package dev.newsflow.streams.enrich.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenAutomatonTest {
  private static List<String> find(List<String> phrases, String text) {
    TokenAutomaton.Builder b = TokenAutomaton.builder(64);
    phrases.forEach(p -> b.add(TextNormalizer.fold(p)));
    NormalizedText t = NormalizedText.of(text);
    TokenAutomaton.Matches m = new TokenAutomaton.Matches();
    b.build().match(Tokens.of(t), m);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < m.size(); i++) {
      out.add(phrases.get(m.phrase(i)) + "[" + t.toString().substring(m.start(i), m.end(i)) + "]");
    }
    return out;
  }

  @Test
  void findsOverlappingPhrasesOfWholeWordsInOnePass() {
    assertEquals(List.of("new york[new york]", "new york times[new york times]", "york times[york times]"),
        find(List.of("new york", "york times", "new york times"), "The New York Times said"));
    assertEquals(List.of(), find(List.of("york"), "Yorkshire and newyork"));
  }

  @Test
  void matchesCjkAnywhereAndLatinNextToCjkAsAWord() {
    assertEquals(List.of("阿里巴巴[阿里巴巴]", "ea[ea]"), find(List.of("阿里巴巴", "ea"), "据阿里巴巴称EA游戏"));
    assertEquals(List.of("ac米兰[ac米兰]"), find(List.of("ac米兰"), "不过AC米兰倒不是"));
  }

  @Test
  void theSamePhraseTwiceHasOneIdAndAnEmptyOneNone() {
    TokenAutomaton.Builder b = TokenAutomaton.builder(64);
    assertEquals(0, b.add("apple"));
    assertEquals(1, b.add("pear"));
    assertEquals(0, b.add("apple"));
    assertEquals(-1, b.add(""));
    assertEquals(2, b.phrases());
  }

  @Test
  void foldsCaseAccentsWidthAndPunctuationAndSeparatesLatinFromCjk() {
    assertEquals("societe generale s a", TextNormalizer.fold("Société  Générale, S.A."));
    assertEquals("nvidia", TextNormalizer.fold("ＮＶＩＤＩＡ"));
    assertEquals("ac 米兰", TextNormalizer.fold("AC米兰"));
    assertEquals("mcdonald s", TextNormalizer.fold("McDonald’s"));
  }
}
