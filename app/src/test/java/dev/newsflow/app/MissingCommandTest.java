package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A command that only groups others, run without one, is a usage error: its usage on standard error, status 2. */
class MissingCommandTest {
  @Test
  void aGroupRunWithoutItsCommandPrintsItsUsageToStandardErrorAndExitsTwo() {
    // before, each printed its help and exited 0 (newsflow and rules on standard output), as if asked for help
    for (List<String> args : List.<List<String>>of(List.of(), List.of("rules"), List.of("companies"))) {
      String name = String.join(" ", List.of("newsflow", String.join(" ", args))).strip();
      InProcess run = InProcess.run(args.toArray(String[]::new));
      assertEquals(2, run.status(), name + ": " + run.err());
      assertEquals("", run.out(), name);
      assertTrue(run.err().startsWith("newsflow: '" + name + "' needs a command: one of those listed below\n"
          + "Usage: " + name + " "), run.err());
      assertTrue(run.err().contains("\nCommands:\n"), run.err());
    }
  }

  @Test
  void askingForHelpIsNoError() {
    for (List<String> args : List.<List<String>>of(List.of("--help"), List.of("rules", "--help"), List.of("help", "companies"))) {
      InProcess run = InProcess.run(args.toArray(String[]::new));
      assertEquals(0, run.status(), args + ": " + run.err());
      assertTrue(run.out().startsWith("Usage: newsflow"), run.out());
    }
  }
}
