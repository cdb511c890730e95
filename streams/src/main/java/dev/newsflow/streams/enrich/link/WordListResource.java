package dev.newsflow.streams.enrich.link;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A word list shipped as a resource of this package: a {@code # version: NAME} line (the version goes
 * into the linker's version), other {@code #} lines as comments, and one entry per line.
 */
record WordListResource(String version, List<String> lines) {
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
    return new WordListResource(version, List.copyOf(lines));
  }
}
