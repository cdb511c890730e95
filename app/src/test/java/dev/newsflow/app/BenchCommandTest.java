package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --streams-instances}: refused with one line, before any broker or work directory, where it
 * cannot be measured (outside {@code --hot-bucket}) or makes no sense (below one).
 */
class BenchCommandTest {
  @TempDir Path dir;

  @Test
  void severalStreamsInstancesNeedTheHotBucketMeasurement() {
    Path work = dir.resolve("bench");
    InProcess run = InProcess.run("bench", "--streams-instances", "2", "--work-dir", work.toString());
    assertEquals(1, run.status(), run.out() + run.err());
    assertTrue(run.err().contains("--streams-instances 2 needs --hot-bucket"), run.err());
    assertFalse(Files.exists(work), "nothing started");
  }

  @Test
  void noStreamsInstanceIsRefused() {
    Path work = dir.resolve("bench");
    InProcess run = InProcess.run("bench", "--hot-bucket", "--streams-instances", "0", "--work-dir", work.toString());
    assertEquals(1, run.status(), run.out() + run.err());
    assertTrue(run.err().contains("--streams-instances must be at least 1, got 0"), run.err());
    assertFalse(Files.exists(work), "nothing started");
  }
}
