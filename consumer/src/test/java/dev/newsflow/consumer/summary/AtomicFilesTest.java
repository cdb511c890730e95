package dev.newsflow.consumer.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void writtenFilesAreReadableByEveryoneAndNoTemporaryFileRemains() throws Exception {
    Path target = dir.resolve("acme.json");
    AtomicFiles.write(target, "{}\n");
    AtomicFiles.write(target, "{\"a\":1}\n");
    assertEquals("{\"a\":1}\n", Files.readString(target));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("acme.json"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  /** Threads writing one file at once (the writer's own, or two writers of a folder): each write whole, none left aside. */
  @Test
  void threadsWritingOneFileAtOnceLeaveOneWholeWriteAndNoTemporaryFile() throws Exception {
    Path target = dir.resolve("_index.json");
    List<String> contents = IntStream.range(0, 8).mapToObj(i -> String.valueOf((char) ('a' + i)).repeat(200_000)).toList();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        for (String content : contents) {
          writes.add(pool.submit(() -> {
            AtomicFiles.write(target, content);
            return null;
          }));
        }
      }
      for (Future<?> w : writes) {
        w.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(contents.contains(Files.readString(target)), "the file holds one write, whole");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("_index.json"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void leftoversOfAKilledWriterAreRemovedAndNothingElse() throws Exception {
    // What writers killed between writing aside and renaming leave: this version's names, and an older
    // version's (Files.createTempFile's).
    Path leftover = Files.writeString(dir.resolve(".gp.md.4242-1a2b3c4d-17.tmp"), "# g");
    Path other = Files.createTempFile(dir, ".acme.json", ".tmp");
    Path summary = Files.writeString(dir.resolve("gp.md"), "# gp\n");
    Path notOurs = Files.writeString(dir.resolve("notes.tmp"), "kept: not hidden, so not ours\n");
    assertEquals(2, AtomicFiles.removeLeftovers(dir));
    assertFalse(Files.exists(leftover));
    assertFalse(Files.exists(other));
    assertTrue(Files.exists(summary));
    assertTrue(Files.exists(notOurs));
    assertEquals(0, AtomicFiles.removeLeftovers(dir.resolve("absent")));
  }
}
