package dev.newsflow.streams.enrich.link;

import java.util.Set;

/** The ordinary English words (a versioned resource) that make a one-word alias ambiguous. */
final class CommonWords {
  static final String RESOURCE = "common-words-en.txt";
  static final Set<String> WORDS;
  static final String VERSION;

  static {
    WordListResource list = WordListResource.read(RESOURCE);
    WORDS = Set.copyOf(list.lines().stream().map(String::strip).toList());
    VERSION = list.version();
  }

  private CommonWords() {}

  static boolean contains(String folded) {
    return WORDS.contains(folded);
  }
}
