package dev.newsflow.streams.enrich.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The story marks' word scan finds what the regular expressions it replaced found, on any text. */
class StoryWordsTest {
  /** The pattern the scan replaced, and the one for thousands' commas. */
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9$][A-Za-z0-9.+\\-]*[A-Za-z0-9%]|[A-Za-z0-9]");
  private static final Pattern THOUSANDS = Pattern.compile("(?<=[0-9]),(?=[0-9]{3})");
  /** Every kind of character the pattern tells apart, and some it does not know. */
  private static final String ALPHABET = "aZ09$.+-%, \n'\"(é字_7kM";

  @Test
  void findsTheWordsOfAnEnglishSentence() {
    assertEquals(List.of("Acme", "raised", "$1.35", "bn", "up", "12%", "for", "its", "X-2", "robot", "v2.0"),
        words("Acme raised $1.35 bn, up 12% for its X-2 robot (v2.0.)."));
    assertEquals(List.of("a", "b", "c"), words("$ a $. b -c-"));
    assertEquals(List.of(), words("字节跳动 -- $$ ..."));
  }

  @Test
  void dropsOnlyTheCommasThatGroupThousands() {
    assertEquals("1000000 and 3,14 and 12345 and x,000 ,000", StoryWords.withoutThousandsCommas(
        "1,000,000 and 3,14 and 1,2345 and x,000 ,000"));
    assertEquals("no commas", StoryWords.withoutThousandsCommas("no commas"));
  }

  @Test
  void findsWhatThePatternsFoundOnRandomTexts() {
    Random random = new Random(20261201);
    for (int i = 0; i < 100_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int j = 0; j < length; j++) {
        text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String t = text.toString();
      assertEquals(THOUSANDS.matcher(t).replaceAll(""), StoryWords.withoutThousandsCommas(t), t);
      assertEquals(patternSpans(t), scanSpans(t), t);
    }
  }

  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    StoryWords w = new StoryWords(text);
    while (w.find()) {
      out.add(w.word());
    }
    return out;
  }

  private static List<List<Integer>> patternSpans(String text) {
    List<List<Integer>> out = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      out.add(List.of(m.start(), m.end()));
    }
    return out;
  }

  private static List<List<Integer>> scanSpans(String text) {
    List<List<Integer>> out = new ArrayList<>();
    StoryWords w = new StoryWords(text);
    while (w.find()) {
      out.add(List.of(w.start(), w.end()));
    }
    return out;
  }
}
