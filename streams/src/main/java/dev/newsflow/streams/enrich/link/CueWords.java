package dev.newsflow.streams.enrich.link;

import dev.newsflow.streams.enrich.text.ArticleText;
import dev.newsflow.streams.enrich.text.NormalizedText;
import dev.newsflow.streams.enrich.text.TextNormalizer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words next to an ambiguous mention that show a company is meant ("Apple said", "Apple's shares",
 * "rival Apple", "华为公司", "据华为"), from the versioned resource {@code cue-words.txt}.
 */
final class CueWords {
  static final String RESOURCE = "cue-words.txt";

  private static final Set<String> AFTER;
  private static final Set<String> AFTER_POSSESSIVE;
  private static final Set<String> BEFORE;
  /** In the order written: the first one the following characters begin with is the cue. */
  private static final List<String> CJK_AFTER;
  private static final Set<String> CJK_BEFORE;

  static {
    Map<String, List<String>> lists = WordListResource.read(RESOURCE)
        .lists(List.of("after", "after-possessive", "before", "cjk-after", "cjk-before"));
    AFTER = Set.copyOf(lists.get("after"));
    AFTER_POSSESSIVE = Set.copyOf(lists.get("after-possessive"));
    BEFORE = Set.copyOf(lists.get("before"));
    CJK_AFTER = lists.get("cjk-after");
    CJK_BEFORE = Set.copyOf(lists.get("cjk-before"));
  }

  private CueWords() {}

  /** The cue next to the mention at folded positions {@code [start, end)}, or null when there is none. */
  static String around(ArticleText text, int start, int end) {
    NormalizedText f = text.folded();
    char[] chars = f.chars();
    int len = f.length();
    int afterAt = skipSeparators(chars, end, len);
    int beforeAt = start - 1;
    while (beforeAt > 0 && chars[beforeAt] == TextNormalizer.SEP) {
      beforeAt--;
    }
    boolean cjkAround = (afterAt < len && TextNormalizer.classOf(chars[afterAt]) == TextNormalizer.CJK)
        || (beforeAt >= 0 && TextNormalizer.classOf(chars[beforeAt]) == TextNormalizer.CJK);
    if (cjkAround) {
      String after = new String(chars, afterAt, Math.min(3, len - afterAt));
      for (String cue : CJK_AFTER) {
        if (after.startsWith(cue)) {
          return cue;
        }
      }
      if (beforeAt >= 0) {
        String before = String.valueOf(chars[beforeAt]);
        if (CJK_BEFORE.contains(before)) {
          return before;
        }
      }
      return null;
    }
    String following = token(chars, afterAt, len);
    if (following.equals("s")) { // a possessive: "Apple's shares"
      String owned = token(chars, skipSeparators(chars, afterAt + 1, len), len);
      return AFTER_POSSESSIVE.contains(owned) ? "'s " + owned : null;
    }
    if (AFTER.contains(following)) {
      return following;
    }
    int prevStart = beforeAt;
    while (prevStart > 0 && chars[prevStart - 1] != TextNormalizer.SEP) {
      prevStart--;
    }
    String preceding = beforeAt < 0 ? "" : new String(chars, prevStart, beforeAt + 1 - prevStart);
    return BEFORE.contains(preceding) ? preceding : null;
  }

  private static int skipSeparators(char[] chars, int from, int len) {
    int i = from;
    while (i < len && chars[i] == TextNormalizer.SEP) {
      i++;
    }
    return i;
  }

  private static String token(char[] chars, int from, int len) {
    int to = from;
    while (to < len && chars[to] != TextNormalizer.SEP) {
      to++;
    }
    return from >= len ? "" : new String(chars, from, to - from);
  }
}
