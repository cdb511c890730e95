package dev.newsflow.streams.enrich.link;

import java.util.Set;

/** The ordinary English words (a versioned resource) that make a one-word alias ambiguous. */
public final class CommonWords {
  static final String RESOURCE = "common-words-en.txt";
  static final Set<String> WORDS;
  static final String VERSION;

  static {
    WordListResource list = WordListResource.read(RESOURCE);
    WORDS = Set.copyOf(list.lines().stream().map(String::strip).toList());
    VERSION = list.version();
  }

  private CommonWords() {}

  /** Whether {@code folded} (lower case) is an ordinary English word. */
  public static boolean contains(String folded) {
    return WORDS.contains(folded);
  }
}
