package dev.newsflow.app;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * How commands talk to the person running them: progress and outcomes on standard error, one line each
 * and prefixed with {@code newsflow:}, so that standard output holds only the data a command prints.
 */
final class Console {
  private Console() {}

  static void say(String line) {
    System.err.println("newsflow: " + line);
  }

  /**
   * Standard output for the records a command prints (the dry runs' canonical JSON): UTF-8 whatever the platform's
   * charset, since Java 17's {@code System.out} writes the locale's and a POSIX locale turns Chinese into question
   * marks. Written over {@code System.out}, not its file descriptor, so that a test running a command in-process
   * reads it too. {@code eachLine}: flushed at every line (a command that runs on, such as {@code produce}); else
   * buffered until the caller flushes it.
   */
  static PrintStream records(boolean eachLine) {
    return eachLine ? new PrintStream(System.out, true, StandardCharsets.UTF_8)
        : new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);
  }
}
