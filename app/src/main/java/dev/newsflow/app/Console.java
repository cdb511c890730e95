package dev.newsflow.app;

/**
 * How commands talk to the person running them: progress and outcomes on standard error, one line each
 * and prefixed with {@code newsflow:}, so that standard output holds only the data a command prints.
 */
final class Console {
  private Console() {}

  static void say(String line) {
    System.err.println("newsflow: " + line);
  }
}
