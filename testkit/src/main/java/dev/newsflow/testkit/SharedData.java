package dev.newsflow.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The third-party test data in {@code ../shared/data} (Reuters, BBC, CLUENER, feed corpora). It is
 * present in CI and usually absent on a user's machine: there a test that needs it is skipped with the
 * reason printed, while under {@code CI=true} its absence fails the test.
 */
public final class SharedData {
  private SharedData() {}

  /** The data directory: {@code NEWSFLOW_SHARED_DATA} if set, else the first {@code shared/data} above the working directory. */
  public static Path locate() {
    return dev.newsflow.io.SharedDataDir.locate(Path.of(""));
  }


  /** The path of {@code relative} inside the shared data; skips the test (or fails it under CI) when absent. */
  public static Path require(String relative) {
    Path path = locate().resolve(relative);
    if (Files.exists(path)) {
      return path;
    }
    String reason = "shared test data not found at " + path + " (set NEWSFLOW_SHARED_DATA to its directory)";
    AbsentResource.skip(reason);
    return path;
  }
}
