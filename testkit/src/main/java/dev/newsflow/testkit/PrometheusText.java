package dev.newsflow.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Prometheus text scrape (what {@code GET /metrics} answers), so that tests assert a metric's value
 * by name and labels rather than by the exact text a library prints.
 */
public final class PrometheusText {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private PrometheusText() {}

  /**
   * The sum of every sample named {@code name} whose labels include {@code labels} (name, value, name,
   * value, ...), or NaN when there is none.
   */
  public static double sum(String scrape, String name, String... labels) {
    double sum = 0;
    boolean found = false;
    for (String line : scrape.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (line.startsWith("#") || !m.find() || !m.group(1).equals(name) || !hasLabels(m.group(3), labels)) {
        continue;
      }
      sum += Double.parseDouble(m.group(4));
      found = true;
    }
    return found ? sum : Double.NaN;
  }

  /** True when a sample named {@code name} with {@code labels} is present. */
  public static boolean has(String scrape, String name, String... labels) {
    return !Double.isNaN(sum(scrape, name, labels));
  }

  private static boolean hasLabels(String text, String... wanted) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (text != null) {
      Matcher m = LABEL.matcher(text);
      while (m.find()) {
        labels.put(m.group(1), m.group(2));
      }
    }
    for (int i = 0; i + 1 < wanted.length; i += 2) {
      if (!wanted[i + 1].equals(labels.get(wanted[i]))) {
        return false;
      }
    }
    return true;
  }
}
