package dev.newsflow.consumer.summary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that a reader sees the old content or the new, never half of it: write aside (a
 * hidden {@code .<name>…tmp} in the same folder), then rename. Files are readable by everyone (0644):
 * summaries are meant to be read by other users and services, and a temporary file's 0600 must not
 * carry over to the result.
 */
public final class AtomicFiles {
  static final String TEMP_SUFFIX = ".tmp";
  private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

  private AtomicFiles() {}

  public static void write(Path target, String content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), TEMP_SUFFIX);
    try {
      if (Files.getFileAttributeView(temp, PosixFileAttributeView.class) != null) {
        Files.setPosixFilePermissions(temp, READABLE);
      }
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Removes the temporary files a writer killed between writing aside and renaming left in {@code dir}
   * (only this class's own {@code .<name>…tmp} files); returns how many. Call it before any writer to
   * {@code dir} runs, or it could remove a file being written.
   */
  public static int removeLeftovers(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, ".*" + TEMP_SUFFIX)) {
      for (Path temp : temps) {
        if (Files.isRegularFile(temp) && Files.deleteIfExists(temp)) {
          removed++;
        }
      }
    }
    return removed;
  }
}
