package dev.newsflow.consumer.summary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * Writes a file so that a reader sees the old content or the new, never half of it: write aside (a
 * hidden {@code .<name>…tmp} in the same folder), then rename. Files are readable by everyone (0644):
 * summaries are meant to be read by other users and services, whatever the writing process's umask.
 */
public final class AtomicFiles {
  static final String TEMP_SUFFIX = ".tmp";
  private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");
  /** This process's part of its temporary files' names: its pid and a random number (a folder may be shared). */
  private static final String TOKEN = ProcessHandle.current().pid() + "-"
      + Integer.toHexString(new SecureRandom().nextInt());

  private AtomicFiles() {}

  /**
   * Writes {@code content} to {@code target} atomically. The file written aside is this process's and thread's own
   * ({@code .<name>.<token>-<thread>.tmp}), so that two writers of one folder (two processes in one consumer group
   * both write the index) never write into the same temporary file; it is opened once, made readable and renamed:
   * a file system's metadata operations (create, rename) are what a summary write costs.
   */
  public static void write(Path target, String content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = dir.resolve(
        "." + target.getFileName() + "." + TOKEN + "-" + Thread.currentThread().getId() + TEMP_SUFFIX);
    try {
      try {
        Files.writeString(temp, content, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        Files.createDirectories(dir);
        Files.writeString(temp, content, StandardCharsets.UTF_8);
      }
      if (Files.getFileAttributeView(temp, PosixFileAttributeView.class) != null) {
        Files.setPosixFilePermissions(temp, READABLE); // whatever the umask: summaries are for others to read
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
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
