package dev.newsflow.streams.enrich.link;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A word list shipped as a resource of this package: a {@code # version: NAME} line (the version goes
 * into the linker's version), other {@code #} lines as comments, and one entry per line, or one list
 * per line as {@code key<TAB>words separated by spaces} ({@link #lists}).
 */
record WordListResource(String name, String version, List<String> lines) {
  static WordListResource read(String resource) {
    String version = null;
    List<String> lines = new ArrayList<>();
    try (InputStream in = WordListResource.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String l = line.strip();
        if (l.startsWith("# version:")) {
          version = l.substring("# version:".length()).strip();
        } else if (!l.isEmpty() && !l.startsWith("#")) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (version == null) {
      throw new IllegalStateException(resource + ": no '# version:' line");
    }
    return new WordListResource(resource, version, List.copyOf(lines));
  }

  /** The lists of a {@code key<TAB>words} resource by key, words in the order written; each of {@code required} must be there. */
  Map<String, List<String>> lists(List<String> required) {
    Map<String, List<String>> lists = new HashMap<>();
    for (String line : lines) {
      int tab = line.indexOf('\t');
      if (tab < 0 || lists.containsKey(line.substring(0, tab))) {
        throw new IllegalStateException(name + ": expected one 'key<TAB>words' line per key: " + line);
      }
      lists.put(line.substring(0, tab), List.of(line.substring(tab + 1).strip().split(" +")));
    }
    for (String key : required) {
      if (!lists.containsKey(key)) {
        throw new IllegalStateException(name + ": missing list " + key);
      }
    }
    return lists;
  }
}
