package dev.newsflow.streams.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhraseAutomatonTest {
  private static List<String> find(PhraseAutomaton a, List<String> phrases, String text) {
    NormalizedText t = NormalizedText.of(text);
    PhraseAutomaton.Matches m = new PhraseAutomaton.Matches();
    a.match(t.chars(), 0, t.length(), m);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < m.size(); i++) {
      out.add(phrases.get(m.phrase(i)) + "@" + m.end(i));
    }
    return out;
  }

  @Test
  void findsEveryOccurrenceOfEveryPhraseIncludingOverlapsInOnePass() {
    List<String> phrases = List.of("he", "she", "his", "hers");
    PhraseAutomaton.Builder b = PhraseAutomaton.builder();
    phrases.forEach(b::add);
    // "ushers": she ends at 4, he at 4, hers at 6 (positions in the folded text, which starts with a separator)
    assertEquals(List.of("she@5", "he@5", "hers@7"), find(b.build(), phrases, "ushers"));
  }

  @Test
  void theSamePhraseTwiceHasOneId() {
    PhraseAutomaton.Builder b = PhraseAutomaton.builder();
    assertEquals(0, b.add(" apple "));
    assertEquals(1, b.add(" pear "));
    assertEquals(0, b.add(" apple "));
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
