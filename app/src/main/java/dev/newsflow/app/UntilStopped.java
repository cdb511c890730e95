package dev.newsflow.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/** Keeps a one-stage command running until Ctrl-C, then closes its stages in the order given. */
final class UntilStopped {
  private UntilStopped() {}

  static void await(String name, AutoCloseable... stages) throws InterruptedException {
    List<AutoCloseable> toClose = new ArrayList<>(Arrays.stream(stages).filter(Objects::nonNull).toList());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (AutoCloseable stage : toClose) {
        try {
          stage.close();
        } catch (Exception e) {
          System.err.println("newsflow: stopping " + name + ": " + e.getMessage());
        }
      }
      stopped.countDown();
    }, name + "-stop"));
    System.err.println("Ctrl-C stops");
    stopped.await();
  }
}
