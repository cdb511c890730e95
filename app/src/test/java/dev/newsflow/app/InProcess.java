package dev.newsflow.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A newsflow command line run in this JVM as a user would type it: its exit status and what it printed. */
record InProcess(int status, String out, String err) {
  /** Runs {@code args} with standard output and standard error captured (restored afterwards). */
  static InProcess run(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = Main.run(args);
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    return new InProcess(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
