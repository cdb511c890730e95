package dev.newsflow.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the third-party evaluation data lives (Reuters, BBC, CLUENER, feed corpora): {@code
 * NEWSFLOW_SHARED_DATA} when set, else the first {@code shared/data} found in or beside a folder from
 * {@code start} upwards (a checkout's {@code ../shared/data}). One lookup for {@code eval} and the tests.
 */
public final class SharedDataDir {
  public static final String ENVIRONMENT = "NEWSFLOW_SHARED_DATA";

  private SharedDataDir() {}

  public static Path locate(Path start) {
    String configured = System.getenv(ENVIRONMENT);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    Path from = start.toAbsolutePath().normalize();
    for (Path dir = from; dir != null; dir = dir.getParent()) {
      Path inside = dir.resolve("shared").resolve("data");
      if (Files.isDirectory(inside)) {
        return inside;
      }
      Path beside = dir.resolveSibling("shared").resolve("data");
      if (dir.getParent() != null && Files.isDirectory(beside)) {
        return beside;
      }
    }
    return from.resolveSibling("shared").resolve("data");
  }
}
