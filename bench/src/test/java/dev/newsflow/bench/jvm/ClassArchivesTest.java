package dev.newsflow.bench.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stage JVMs' class archives: made by a first JVM at its exit, mapped by the next, made again when the jars change. */
class ClassArchivesTest {
  @TempDir Path dir;

  /** Runs in the child: loads a few classes and exits. */
  public static final class Loads {
    public static void main(String[] args) {
      System.out.println(java.util.regex.Pattern.compile("[a-z]+").matcher("classes").matches()
          + " " + new java.util.concurrent.ConcurrentSkipListMap<String, String>().size());
    }
  }

  @Test
  void theFirstJvmOfAKindWritesTheArchiveAndTheNextOneMapsIt() throws Exception {
    Path jar = jarOf(Loads.class);
    ClassArchives archives = ClassArchives.in(dir.resolve("archives"), jar.toString());
    List<String> first = archives.options("probe", "eos");
    assertTrue(first.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=")), first.toString());
    assertEquals(0, runToExit(jar, first));
    assertTrue(archives.keep("probe", "eos"), "the archive the first JVM wrote is kept");
    assertTrue(Files.size(archives.archive("probe")) > 0);

    List<String> next = archives.options("probe", "alo");
    assertTrue(next.contains("-XX:SharedArchiveFile=" + archives.archive("probe")), next.toString());
    // -Xshare:on: the JVM refuses to start unless it can map the archive.
    List<String> strict = new ArrayList<>(next);
    strict.add("-Xshare:on");
    assertEquals(0, runToExit(jar, strict));
    assertFalse(archives.keep("probe", "alo"), "a JVM that mapped the archive writes none");
    try (var files = Files.list(dir.resolve("archives"))) {
      assertEquals(List.of("probe.jsa", "probe.key"), files.map(p -> p.getFileName().toString()).sorted().toList(),
          "no part file is left behind");
    }
  }

  @Test
  void whileOneJvmOfAKindWritesTheArchiveAnotherStartedMeanwhileStartsWithout() throws Exception {
    Path jar = jarOf(Loads.class);
    ClassArchives archives = ClassArchives.in(dir.resolve("archives"), jar.toString());
    List<String> writer = archives.options("probe", "eos");
    assertTrue(writer.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=")), writer.toString());
    assertEquals(List.of(), archives.options("probe", "alo"), "the other pipeline's JVM neither writes nor maps");
    assertTrue(archives.options("other", "alo").stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=")),
        "another kind writes its own");

    assertEquals(0, runToExit(jar, writer));
    assertFalse(archives.keep("probe", "alo"), "the JVM that wrote nothing keeps nothing");
    assertTrue(archives.keep("probe", "eos"));
    assertTrue(archives.options("probe", "alo").contains("-XX:SharedArchiveFile=" + archives.archive("probe")));
  }

  @Test
  void aRecordedJvmMapsTheArchiveButNeverWritesOneSoItsRecordingIsMade() throws Exception {
    Path jar = jarOf(Loads.class);
    ClassArchives archives = ClassArchives.in(dir.resolve("archives"), jar.toString());
    assertEquals(List.of(), archives.optionsForRecordedJvm("probe"), "no archive yet: none is written either");
    assertEquals(0, runRecorded(jar, archives.optionsForRecordedJvm("probe"), dir.resolve("first.jfr")));
    assertTrue(Files.size(dir.resolve("first.jfr")) > 0, "the recording is made");

    assertEquals(0, runToExit(jar, archives.options("probe", "eos")));
    assertTrue(archives.keep("probe", "eos"));
    List<String> mapped = archives.optionsForRecordedJvm("probe");
    assertTrue(mapped.contains("-XX:SharedArchiveFile=" + archives.archive("probe")), mapped.toString());
    assertEquals(0, runRecorded(jar, mapped, dir.resolve("next.jfr")));
    assertTrue(Files.size(dir.resolve("next.jfr")) > 0, "a JVM that maps the archive is recorded too");

    // What the options guard against: the JVM that writes an archive leaves no recording.
    Files.delete(archives.archive("probe"));
    assertEquals(0, runRecorded(jar, archives.options("probe", "alo"), dir.resolve("writing.jfr")));
    assertFalse(Files.exists(dir.resolve("writing.jfr")), "JFR is off in a JVM that writes an archive");
  }

  private int runRecorded(Path jar, List<String> options, Path recording) throws Exception {
    List<String> recorded = new ArrayList<>(options);
    recorded.add("-XX:StartFlightRecording=filename=" + recording + ",dumponexit=true");
    return runToExit(jar, recorded);
  }

  @Test
  void aClassPathWithAFolderOfClassesGetsNoArchive() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Files.writeString(classes.resolve("A.class"), "not really");
    ClassArchives archives = ClassArchives.in(dir.resolve("archives"), dir.resolve("app.jar") + File.pathSeparator + classes);
    assertFalse(archives.enabled());
    assertEquals(List.of(), archives.options("streams", "eos"));
  }

  @Test
  void aRebuiltJarMakesANewKeySoTheArchiveIsMadeAgain() throws Exception {
    Path jar = Files.writeString(dir.resolve("app.jar"), "first build");
    Path lib = Files.createDirectories(dir.resolve("lib"));
    String classPath = jar + File.pathSeparator + lib;
    String before = ClassArchives.keyOf("/jdk", "17.0.15", classPath);
    assertEquals(before, ClassArchives.keyOf("/jdk", "17.0.15", classPath), "the same files, the same key");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1_000));
    assertNotEquals(before, ClassArchives.keyOf("/jdk", "17.0.15", classPath), "a jar modified since");
    assertNotEquals(before, ClassArchives.keyOf("/jdk", "17.0.16", classPath), "another JVM build");

    ClassArchives archives = ClassArchives.in(dir.resolve("archives"), jar.toString());
    Files.createDirectories(dir.resolve("archives"));
    Files.writeString(archives.archive("streams"), "an archive of other classes");
    Files.writeString(dir.resolve("archives").resolve("streams.key"), before);
    assertFalse(archives.usable("streams"), "an archive keyed for other jars is not used");
    assertTrue(archives.options("streams", "eos").stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=")));
  }

  @Test
  void noArchivesMeansNoOptions() {
    assertEquals(List.of(), ClassArchives.none().options("streams", "eos"));
    assertFalse(ClassArchives.none().keep("streams", "eos"));
  }

  /** A jar holding one class of this test, so that the child's class path has no folder in it. */
  private Path jarOf(Class<?> type) throws Exception {
    String entry = type.getName().replace('.', '/') + ".class";
    Path jar = dir.resolve("probe.jar");
    try (InputStream in = type.getClassLoader().getResourceAsStream(entry);
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }

  private int runToExit(Path jar, List<String> options) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.addAll(List.of("-Xmx64m", "-cp", jar.toString(), Loads.class.getName()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.log").toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child exits by itself");
    return p.exitValue();
  }
}
