package dev.newsflow.consumer.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * A few counters and gauges, rendered in the Prometheus text exposition format (version 0.0.4). Written
 * directly rather than through a metrics library: newsflow's sinks expose a dozen numbers, and the format
 * is three kinds of line; a library would add a dependency tree for no gain. Thread-safe.
 */
public final class Metrics {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private record Family(String name, String help, String type, Map<String, Object> series) {}

  private final Map<String, Family> families = new ConcurrentHashMap<>();

  /** A counter; {@code labels} as alternating names and values, e.g. {@code "route", "/v1/feed"}. */
  public LongAdder counter(String name, String help, String... labels) {
    Family f = families.computeIfAbsent(name, n -> new Family(n, help, "counter", new ConcurrentHashMap<>()));
    return (LongAdder) f.series().computeIfAbsent(labelText(labels), k -> new LongAdder());
  }

  /** A gauge read when metrics are scraped. */
  public void gauge(String name, String help, DoubleSupplier value, String... labels) {
    Family f = families.computeIfAbsent(name, n -> new Family(n, help, "gauge", new ConcurrentHashMap<>()));
    f.series().put(labelText(labels), value);
  }

  /** The exposition text: families sorted by name, series by labels. */
  public String render() {
    StringBuilder out = new StringBuilder();
    for (Family f : new TreeMap<>(families).values()) {
      out.append("# HELP ").append(f.name()).append(' ').append(f.help().replace("\\", "\\\\").replace("\n", "\\n"))
          .append('\n');
      out.append("# TYPE ").append(f.name()).append(' ').append(f.type()).append('\n');
      for (Map.Entry<String, Object> s : new TreeMap<>(f.series()).entrySet()) {
        double value = s.getValue() instanceof LongAdder adder ? adder.sum() : ((DoubleSupplier) s.getValue()).getAsDouble();
        out.append(f.name()).append(s.getKey()).append(' ').append(format(value)).append('\n');
      }
    }
    return out.toString();
  }

  private static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%s", v);
  }

  private static String labelText(String... labels) {
    if (labels.length == 0) {
      return "";
    }
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name/value pairs");
    }
    StringBuilder s = new StringBuilder("{");
    for (int i = 0; i < labels.length; i += 2) {
      if (i > 0) {
        s.append(',');
      }
      s.append(labels[i]).append("=\"")
          .append(labels[i + 1].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
    }
    return s.append('}').toString();
  }
}
