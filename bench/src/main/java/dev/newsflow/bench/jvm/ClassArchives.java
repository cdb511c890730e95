package dev.newsflow.bench.jvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Class-data-sharing archives of the stage JVMs (AppCDS, dynamic archives since JDK 13), one per kind of stage.
 * A stage JVM started with its kind's archive maps the classes it loaded the last time instead of reading,
 * parsing and verifying them again from the jars: measured on a {@code summaries} JVM, 1.9 to 2.1 CPU seconds to
 * start against 3.1 to 3.9. The bench starts six stage JVMs at once on two cores, so their start-up CPU is
 * its wall time.
 *
 * <p>A kind without a usable archive is started with {@code -XX:ArchiveClassesAtExit}: the JVM writes the
 * classes it loaded when it exits (SIGTERM included), to a file of its own ({@code kind-label.jsa.part}), and
 * {@link #keep} makes that the kind's archive once the JVM has gone. An archive is usable only by the same JVM
 * build with the same class path, jars unchanged: each is stored with a key naming those
 * ({@code kind.key}), and an archive whose key no longer matches is made again. The JVM checks the same itself
 * and, on a mismatch, starts without the archive, so a wrong archive costs time, never correctness.
 *
 * <p>One JVM of a kind writes its archive at a time: another of the kind started meanwhile (the other pipeline's,
 * in {@code --quick}) starts without one. Writing an archive takes the JVM seconds at its exit, and a stopped
 * stage is awaited, so a run that made an archive per JVM paid that twice.
 */
public final class ClassArchives {
  private final Path dir;
  private final String key;
  /** The label of the JVM writing each kind's archive now, from {@link #options} to {@link #keep}. */
  private final Map<String, String> writers = new ConcurrentHashMap<>();

  private ClassArchives(Path dir, String key) {
    this.dir = dir;
    this.key = key;
  }

  /**
   * Archives kept in {@code dir} for this JVM's {@code java} and class path (the stages inherit both); none when the
   * class path holds a folder of classes (a build's {@code target/classes}), which the JVM cannot archive.
   */
  public static ClassArchives in(Path dir) {
    return in(dir, System.getProperty("java.class.path"));
  }

  /** Archives in {@code dir} for JVMs started with this JVM's {@code java} and {@code classPath}. */
  static ClassArchives in(Path dir, String classPath) {
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      if (Files.isDirectory(Path.of(entry))) {
        // A JVM asked to archive its classes with a folder on its class path runs, then fails at its exit.
        return none();
      }
    }
    return new ClassArchives(dir, keyOf(System.getProperty("java.home"), System.getProperty("java.vm.version"),
        classPath));
  }

  /** No archives: every stage JVM loads its classes from the jars. */
  public static ClassArchives none() {
    return new ClassArchives(null, "");
  }

  /** Where archives live by default: beside the first entry of this JVM's class path (the application jar). */
  public static Optional<Path> besideClassPath() {
    String first = System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)[0];
    Path parent = first.isEmpty() ? null : Path.of(first).toAbsolutePath().getParent();
    return Optional.ofNullable(parent).map(p -> p.resolve("class-archives"));
  }

  /**
   * What identifies the classes an archive holds: the JVM, its build, and each class path entry with its size
   * and modification time (a rebuilt jar makes a new key).
   */
  static String keyOf(String javaHome, String vmVersion, String classPath) {
    StringBuilder key = new StringBuilder();
    key.append(javaHome).append('\n').append(vmVersion).append('\n');
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      long size = -1;
      long modified = -1;
      try {
        size = Files.size(p);
        modified = Files.getLastModifiedTime(p).toMillis();
      } catch (IOException | RuntimeException e) {
        // an entry that cannot be read (a missing folder) keys on its name alone
      }
      key.append(entry).append(' ').append(size).append(' ').append(modified).append('\n');
    }
    return key.toString();
  }

  public boolean enabled() {
    return dir != null;
  }

  /**
   * The JVM options for a stage JVM of {@code kind} ("streams", "summaries", "alerts"); {@code label} tells apart
   * two JVMs of one kind that run at once (the exactly-once and at-least-once pipelines).
   */
  public List<String> options(String kind, String label) {
    return options(kind, label, true);
  }

  /**
   * As {@link #options}, for a JVM recorded by JDK Flight Recorder: the kind's archive is mapped if there is one,
   * but none is written, since a JVM asked to write an archive at its exit starts with JFR turned off ("JFR will
   * be disabled during CDS dumping") and leaves no recording.
   */
  public List<String> optionsForRecordedJvm(String kind) {
    return options(kind, "recorded", false);
  }

  private List<String> options(String kind, String label, boolean mayWrite) {
    if (dir == null || (!mayWrite && !usable(kind))) {
      return List.of();
    }
    List<String> options = new ArrayList<>();
    if (usable(kind)) {
      options.add("-XX:SharedArchiveFile=" + archive(kind));
    } else if (writers.putIfAbsent(kind, label) != null) {
      return List.of(); // another JVM of the kind is writing the archive: this one starts without
    } else {
      try {
        Files.createDirectories(dir);
        Files.deleteIfExists(part(kind, label));
      } catch (IOException e) {
        writers.remove(kind, label);
        return List.of(); // a folder that cannot be written: start without an archive
      }
      options.add("-XX:ArchiveClassesAtExit=" + part(kind, label));
    }
    // The JVM's own notes on the archive (a mismatch, classes it could not archive) stay out of the stage's log.
    options.add("-Xlog:cds=off");
    options.add("-Xlog:cds+dynamic=off");
    return options;
  }

  /**
   * After a stage JVM of {@code kind} started by {@link #options} has exited: the archive it wrote, if any, becomes
   * the kind's archive, unless another JVM of the kind got there first. Returns whether an archive was kept.
   */
  public boolean keep(String kind, String label) {
    if (dir == null) {
      return false;
    }
    writers.remove(kind, label);
    Path part = part(kind, label);
    try {
      if (!Files.isRegularFile(part) || Files.size(part) == 0 || usable(kind)) {
        Files.deleteIfExists(part);
        return false;
      }
      Files.deleteIfExists(keyFile(kind));
      Files.move(part, archive(kind), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Files.writeString(keyFile(kind), key, StandardCharsets.UTF_8);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      return false; // archives only save time: the next run makes one again
    }
  }

  /** Whether the kind has an archive made for this JVM and class path. */
  boolean usable(String kind) {
    try {
      return Files.isRegularFile(archive(kind)) && Files.isRegularFile(keyFile(kind))
          && Files.readString(keyFile(kind), StandardCharsets.UTF_8).equals(key);
    } catch (IOException e) {
      return false;
    }
  }

  Path archive(String kind) {
    return dir.resolve(kind + ".jsa");
  }

  private Path keyFile(String kind) {
    return dir.resolve(kind + ".key");
  }

  private Path part(String kind, String label) {
    return dir.resolve(kind + "-" + label + ".jsa.part");
  }
}
