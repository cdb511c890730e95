package dev.newsflow.streams.link;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** The ordinary English words (a versioned resource) that make a one-word alias ambiguous. */
final class CommonWords {
  static final String RESOURCE = "common-words-en.txt";
  static final Set<String> WORDS;
  static final String VERSION;

  static {
    Set<String> words = new HashSet<>();
    String version = "common-words-en-unversioned";
    try (InputStream in = CommonWords.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String l = line.strip();
        if (l.startsWith("# version:")) {
          version = l.substring("# version:".length()).strip();
        } else if (!l.isEmpty() && !l.startsWith("#")) {
          words.add(l);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    WORDS = Set.copyOf(words);
    VERSION = version;
  }

  private CommonWords() {}

  static boolean contains(String folded) {
    return WORDS.contains(folded);
  }
}
