package dev.newsflow.bench.e2e;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The bench's progress lines, each with the seconds since the bench started after its {@code bench:} tag
 * ({@code bench: [  12.3 s] P eos: ...}), so that a run's log says where its time went.
 */
final class TimedProgress extends PrintStream {
  private static final String TAG = "bench: ";
  private final long startNanos = System.nanoTime();

  TimedProgress(OutputStream out) {
    super(out, true, StandardCharsets.UTF_8);
  }

  @Override
  public void println(String line) {
    if (line != null && line.startsWith(TAG)) {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      line = String.format("%s[%6.1f s] %s", TAG, seconds, line.substring(TAG.length()));
    }
    super.println(line);
  }
}
