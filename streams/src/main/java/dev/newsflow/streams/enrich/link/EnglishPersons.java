package dev.newsflow.streams.enrich.link;

import dev.newsflow.streams.enrich.text.ArticleText;
import dev.newsflow.streams.enrich.text.NormalizedText;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells when a one-word company name in English text is a person's name: written with a capital right after a
 * given name or an honorific, also capitalized ("Daniel Williams, an analyst", "Fernando Santos Alvite", "Mr.
 * Santos"). Companies named after a person are known by their whole name when the gazetteer has it ("Walt
 * Disney", "Charles Schwab", "Morgan Stanley"), and the longest match wins before this rule is asked. The words
 * come from the versioned resource {@code person-names-en.txt}.
 */
final class EnglishPersons {
  static final String RESOURCE = "person-names-en.txt";
  static final String VERSION;
  private static final Set<String> GIVEN;
  private static final Set<String> HONORIFIC;

  static {
    WordListResource r = WordListResource.read(RESOURCE);
    VERSION = r.version();
    Map<String, List<String>> lists = r.lists(List.of("given", "honorific"));
    GIVEN = Set.copyOf(lists.get("given"));
    HONORIFIC = Set.copyOf(lists.get("honorific"));
  }

  private EnglishPersons() {}

  /** True when the match at folded {@code [start, end)} is one capitalized word after a given name or an honorific. */
  static boolean isPerson(ArticleText text, int start, int end) {
    NormalizedText f = text.folded();
    int from = f.originOf(start);
    int to = f.originOf(end - 1) + 1;
    if (!Character.isUpperCase(text.originalAt(from))) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!Character.isLetter(text.originalAt(i))) {
        return false; // a name of several words, or with a hyphen or a dot: not a surname alone
      }
    }
    int i = from - 1;
    if (i < 0 || text.originalAt(i) != ' ') {
      return false;
    }
    i--;
    boolean dot = i >= 0 && text.originalAt(i) == '.';
    if (dot) {
      i--;
    }
    int wordEnd = i + 1;
    while (i >= 0 && Character.isLetter(text.originalAt(i))) {
      i--;
    }
    if (wordEnd - (i + 1) < 2 || (i >= 0 && !separates(text.originalAt(i)))) {
      return false;
    }
    StringBuilder before = new StringBuilder(wordEnd - i - 1);
    for (int k = i + 1; k < wordEnd; k++) {
      before.append(text.originalAt(k));
    }
    String word = before.toString();
    return HONORIFIC.contains(word) || (!dot && GIVEN.contains(word));
  }

  private static boolean separates(char c) {
    return Character.isWhitespace(c) || c == '(' || c == '"' || c == '\u201c' || c == '\'' || c == ',';
  }
}
