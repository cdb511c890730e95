package dev.newsflow.bench.jvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by this one with the same {@code java}, the same class path and, by default, the same
 * memory and GC options, running a main class named by its name (so that this module need not depend on
 * the module that holds it). Its output goes to a log file. Stopped with SIGTERM by its own pid, and
 * SIGKILL only when it does not exit in time.
 */
public final class ChildJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;
  private final Thread orphanGuard;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    // Should this JVM be stopped (Ctrl-C, SIGTERM), its children stop with it instead of running on.
    this.orphanGuard = new Thread(process::destroy, "stop-" + name);
    Runtime.getRuntime().addShutdownHook(orphanGuard);
  }

  /**
   * Starts {@code mainClass} with {@code args}; {@code jvmOptions} go before the class path, output
   * (stdout and stderr) is appended to {@code log}.
   */
  public static ChildJvm start(String name, List<String> jvmOptions, String mainClass, List<String> args, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Files.writeString(log, String.join(" ", command) + "\n", StandardCharsets.UTF_8);
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      return new ChildJvm(name, p, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the " + name + " JVM: " + e.getMessage(), e);
    }
  }

  /**
   * The options of this JVM that a child should share: heap, GC and system properties, without agents,
   * debuggers or flight recordings (those belong to this process only).
   */
  public static List<String> inheritedOptions() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(o -> !o.startsWith("-agentlib") && !o.startsWith("-javaagent") && !o.startsWith("-agentpath")
            && !o.startsWith("-Xrunjdwp") && !o.startsWith("-XX:StartFlightRecording")
            && !o.startsWith("-XX:FlightRecorderOptions"))
        .toList();
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** Fails with the end of the child's log when it has exited. */
  public void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException("the " + name + " JVM exited with status " + process.exitValue()
          + "; its log (" + log + ") ends with:\n" + tail(40));
    }
  }

  /** Resident memory now and at its peak, from {@code /proc/PID/status}; empty where there is no /proc. */
  public ResidentMemory residentMemory() {
    return ResidentMemory.of(pid());
  }

  /** CPU time (user and system) the child has used so far, in seconds; 0 where the platform does not say. */
  public double cpuSeconds() {
    return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
  }

  /** SIGTERM without waiting: {@link #stop} then waits; several children so signalled shut down side by side. */
  public void requestStop() {
    if (process.isAlive()) {
      process.destroy();
    }
  }

  /** SIGTERM, then up to {@code grace} for a clean exit (shutdown hooks run), then SIGKILL. Returns the exit status. */
  public int stop(Duration grace) {
    if (process.isAlive()) {
      process.destroy();
    }
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(orphanGuard);
    } catch (IllegalStateException e) {
      // this JVM is shutting down: the hook runs anyway, harmlessly
    }
    return process.isAlive() ? -1 : process.exitValue();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(20));
  }

  /** The last {@code lines} lines of the child's log. */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ")";
  }
}
