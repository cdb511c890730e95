package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.testkit.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code newsflow demo} as a user runs it: its own local broker, Ctrl-C (SIGINT) to stop, then a second
 * run on the same directories. The process stops within 10 s, its broker with it, and the second run
 * continues from the committed offsets without counting anything twice.
 */
class DemoRestartIT {
  @TempDir Path work;

  /** Every demo process a test starts; whatever happens in the test, none outlives it. */
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopLeftovers() {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  @Test
  void stopsPromptlyOnSigintAndARestartCountsNothingTwice() throws Exception {
    Path fixture = PipelineIT.FIXTURE.toAbsolutePath();
    Map<String, JsonNode> expected = PipelineIT.toMap(
        CanonicalJson.mapper().readTree(fixture.resolve("expected-summaries.json").toFile()));

    // First run: keeps running after processing, until SIGINT.
    Path log = work.resolve("first.log");
    Process first = demo(log, "--data", fixture.toString());
    Poll.until(Duration.ofMinutes(3), "the demo to finish processing",
        () -> read(log).contains("pipeline running;") && read(log).contains("Ctrl-C stops it") || !first.isAlive());
    assertTrue(first.isAlive(), "the demo exited early:\n" + read(log));
    assertEquals(expected, PipelineIT.summaryFiles(work.resolve("out/summaries")));
    List<ProcessHandle> children = first.descendants().toList();
    assertTrue(children.stream().anyMatch(ProcessHandle::isAlive), "the demo runs its own broker");

    long before = System.nanoTime();
    new ProcessBuilder("kill", "-INT", Long.toString(first.pid())).start().waitFor();
    boolean exited = first.waitFor(10, TimeUnit.SECONDS);
    long tookMs = (System.nanoTime() - before) / 1_000_000;
    assertTrue(exited, "the demo did not stop within 10 s of SIGINT:\n" + read(log));
    assertTrue(tookMs < 10_000, "stopping took " + tookMs + " ms");
    Poll.until(Duration.ofSeconds(5), "the demo's broker to stop",
        () -> children.stream().noneMatch(ProcessHandle::isAlive));

    // Second run on the same data and directories: the same article ids arrive again.
    Path log2 = work.resolve("second.log");
    Process second = demo(log2, "--once", "--data", fixture.toString());
    assertTrue(second.waitFor(3, TimeUnit.MINUTES), "the second run did not finish:\n" + read(log2));
    assertEquals(0, second.exitValue(), read(log2));
    assertEquals(expected, PipelineIT.summaryFiles(work.resolve("out/summaries")), "nothing is counted twice");
  }

  private Process demo(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    if (sigintIgnored()) {
      // A JVM keeps SIGINT ignored if it starts that way (as under a non-interactive shell in CI);
      // reset it so the child behaves as it does in a terminal.
      command.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\""));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.newsflow.schema", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "demo", "--work-dir", work.resolve("work").toString(),
        "-D", "output.dir=" + work.resolve("out"),
        // one partition makes trend scores repeatable, so the whole output can be compared
        "-D", "topic.partitions=1"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    started.add(process);
    return process;
  }

  /** Bit 2 of SigIgn in /proc/self/status: whether this JVM (and so its children) ignore SIGINT. */
  private static boolean sigintIgnored() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2) != 0;
      }
    }
    return false;
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

}
