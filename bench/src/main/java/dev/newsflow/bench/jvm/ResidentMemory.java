package dev.newsflow.bench.jvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resident set size now ({@code VmRSS}) and at its peak ({@code VmHWM}), in bytes, as Linux
 * reports them in {@code /proc/PID/status}; -1 where the system does not report them.
 */
public record ResidentMemory(long currentBytes, long peakBytes) {
  static ResidentMemory of(long pid) {
    try {
      return parse(Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new ResidentMemory(-1, -1);
    }
  }

  /** Reads the two fields from the text of a {@code status} file ({@code VmRSS:   123456 kB}). */
  static ResidentMemory parse(String status) {
    long current = -1;
    long peak = -1;
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        current = kilobytes(line);
      } else if (line.startsWith("VmHWM:")) {
        peak = kilobytes(line);
      }
    }
    return new ResidentMemory(current, peak);
  }

  private static long kilobytes(String line) {
    String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
    return Long.parseLong(parts[0]) * 1024;
  }
}
