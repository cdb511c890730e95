package dev.newsflow.producer.importer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Progress of an import on standard error: on a terminal, one bar redrawn in place with percentage,
 * records, rate and ETA; otherwise a plain line every few seconds, so logs stay readable. Progress is
 * measured in input bytes (compressed bytes for .gz), which are known up front.
 */
public final class ImportProgress {
  private static final long TERMINAL_EVERY_NANOS = 100_000_000L;
  private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
  private static final int BAR_WIDTH = 30;

  private final PrintStream err;
  private final boolean terminal;
  private final LongSupplier nanoTime;
  private final long started;
  private long totalBytes;
  private long lastDrawn;
  private boolean drewBar;

  public ImportProgress(PrintStream err, boolean terminal, LongSupplier nanoTime) {
    this.err = err;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
    this.started = nanoTime.getAsLong();
    this.lastDrawn = started;
  }

  /** Shows nothing: for tests and quiet runs. */
  public static ImportProgress silent() {
    return new ImportProgress(null, false, System::nanoTime);
  }

  void total(long bytes) {
    totalBytes = bytes;
  }

  /** Called often; draws at most ten times a second on a terminal, every five seconds otherwise. */
  synchronized void update(long bytesDone, long records) {
    if (err == null) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (now - lastDrawn < (terminal ? TERMINAL_EVERY_NANOS : PLAIN_EVERY_NANOS)) {
      return;
    }
    lastDrawn = now;
    draw(bytesDone, records, now);
  }

  /** Clears the bar (on a terminal) so that the report starts on a clean line. */
  synchronized void finish(long bytesDone, long records) {
    if (err == null) {
      return;
    }
    if (terminal && drewBar) {
      draw(bytesDone, records, nanoTime.getAsLong());
      err.println();
    }
  }

  private void draw(long bytesDone, long records, long now) {
    double seconds = Math.max(1e-3, (now - started) / 1e9);
    double fraction = totalBytes <= 0 ? 1.0 : Math.min(1.0, (double) bytesDone / totalBytes);
    long rate = Math.round(records / seconds);
    String eta = fraction <= 0 || fraction >= 1 ? "-" : formatDuration(Duration.ofSeconds(
        Math.round(seconds * (1 - fraction) / fraction)));
    if (terminal) {
      int filled = (int) Math.round(fraction * BAR_WIDTH);
      err.printf("\r[%s%s] %3d%% %,d records  %,d/s  ETA %s   ", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled),
          Math.round(fraction * 100), records, rate, eta);
      err.flush();
      drewBar = true;
    } else {
      err.printf("import: %d%% (%,d of %,d bytes), %,d records, %,d records/s, ETA %s%n", Math.round(fraction * 100),
          bytesDone, totalBytes, records, rate, eta);
    }
  }

  static String formatDuration(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min " + (s % 60) + " s";
    }
    return (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }
}
